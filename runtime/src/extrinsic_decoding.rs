//! Transactions arrive as opaque bytes from anyone. They are decoded with bounds that hold
//! before the first copy of the body: a length no block can carry, or a call nested deeper than
//! FRAME decodes, is refused as an invalid transaction instead of exhausting the host's heap
//! or the blob's stack (which unbounded decoding would, at a few MiB or a few thousand levels).

use crate::{configs::RuntimeBlockLength, UncheckedExtrinsic};
use codec::{Compact, DecodeLimit, Encode, Input};
use frame_support::{dispatch::DispatchClass, traits::Get, MAX_EXTRINSIC_DEPTH};
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	OpaqueExtrinsic,
};

/// The longest extrinsic any dispatch class may put in a block.
fn max_length() -> usize {
	let max = RuntimeBlockLength::get().max;
	DispatchClass::all().iter().map(|class| *max.get(*class) as usize).max().unwrap_or(0)
}

/// Refused as `ExhaustsResources` if no block could hold it, as `Call` if it does not decode
/// within `MAX_EXTRINSIC_DEPTH` (its call cannot be known).
pub fn decode_extrinsic(
	opaque: &OpaqueExtrinsic,
) -> Result<UncheckedExtrinsic, TransactionValidityError> {
	let body = opaque.inner();
	if body.len() > max_length() {
		return Err(InvalidTransaction::ExhaustsResources.into());
	}
	let prefix = Compact(body.len() as u32).encode();
	let mut framed = Framed { prefix: &prefix, body };
	UncheckedExtrinsic::decode_with_depth_limit(MAX_EXTRINSIC_DEPTH, &mut framed)
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

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{RuntimeCall, SudoCall, SystemCall};
	use alloc::boxed::Box;

	fn opaque(xt: &UncheckedExtrinsic) -> OpaqueExtrinsic {
		OpaqueExtrinsic::try_from_encoded_extrinsic(&xt.encode()).expect("an encoded extrinsic")
	}

	fn remark() -> RuntimeCall {
		RuntimeCall::System(SystemCall::remark { remark: alloc::vec![7; 3] })
	}

	#[test]
	fn a_well_formed_extrinsic_decodes_as_itself() {
		let xt = UncheckedExtrinsic::new_bare(remark());
		assert_eq!(decode_extrinsic(&opaque(&xt)), Ok(xt));
	}

	#[test]
	fn a_body_no_block_can_carry_exhausts_resources() {
		let body = alloc::vec![0u8; max_length() + 1];
		let refused = decode_extrinsic(&OpaqueExtrinsic::from_blob(body));
		assert_eq!(refused, Err(InvalidTransaction::ExhaustsResources.into()));
		// The bound is the block's: one byte less is only refused for what it holds.
		let garbage = decode_extrinsic(&OpaqueExtrinsic::from_blob(alloc::vec![0xff; 64]));
		assert_eq!(garbage, Err(InvalidTransaction::Call.into()));
	}

	#[test]
	fn calls_nested_deeper_than_frame_decodes_are_refused() {
		let nested = |depth: u32| {
			let mut call = remark();
			for _ in 0..depth {
				call = RuntimeCall::Sudo(SudoCall::sudo { call: Box::new(call) });
			}
			UncheckedExtrinsic::new_bare(call)
		};
		let shallow = nested(MAX_EXTRINSIC_DEPTH / 2 - 1);
		assert_eq!(decode_extrinsic(&opaque(&shallow)), Ok(shallow));
		let deep = nested(MAX_EXTRINSIC_DEPTH * 2);
		assert_eq!(decode_extrinsic(&opaque(&deep)), Err(InvalidTransaction::Call.into()));
	}
}
