//! Transactions arrive as opaque bytes from anyone. They are decoded with bounds that hold
//! before the first copy of the body: a length no block can carry, or a call nested deeper than
//! FRAME decodes, is refused as an invalid transaction instead of exhausting the host's heap
//! or the blob's stack (which unbounded decoding would, at a few MiB or a few thousand levels).

use codec::{Compact, Decode, DecodeLimit, Encode, Input};
use frame_support::{dispatch::DispatchClass, MAX_EXTRINSIC_DEPTH};
use frame_system::limits::BlockLength;
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	OpaqueExtrinsic,
};

/// The longest extrinsic any dispatch class may put in a block of `length`.
pub fn max_length(length: &BlockLength) -> usize {
	DispatchClass::all().iter().map(|class| *length.max.get(*class) as usize).max().unwrap_or(0)
}

/// Refused as `ExhaustsResources` if it is longer than `max_length` (no block could hold it), as
/// `Call` if it does not decode within `MAX_EXTRINSIC_DEPTH` (its call cannot be known).
pub fn decode_extrinsic<Extrinsic: Decode>(
	opaque: &OpaqueExtrinsic,
	max_length: usize,
) -> Result<Extrinsic, TransactionValidityError> {
	let body = opaque.inner();
	if body.len() > max_length {
		return Err(InvalidTransaction::ExhaustsResources.into());
	}
	let prefix = Compact(body.len() as u32).encode();
	let mut framed = Framed { prefix: &prefix, body };
	Extrinsic::decode_with_depth_limit(MAX_EXTRINSIC_DEPTH, &mut framed)
		.map_err(|_| InvalidTransaction::Call.into())
}

/// A body read behind its length prefix without copying it, since only the framed form
/// decodes with a depth limit.
struct Framed<'a> {
	prefix: &'a [u8],
	body: &'a [u8],
}

impl Input for Framed<'_> {
	fn remaining_len(&mut self) -> Result<Option<usize>, codec::Error> {
		Ok(Some(self.prefix.len() + self.body.len()))
	}

	fn read(&mut self, into: &mut [u8]) -> Result<(), codec::Error> {
		let from_prefix = into.len().min(self.prefix.len());
		let (head, tail) = into.split_at_mut(from_prefix);
		head.copy_from_slice(&self.prefix[..from_prefix]);
		self.prefix = &self.prefix[from_prefix..];
		self.body.read(tail)
	}
}
