//! Transactions decoded with the bounds of `mvp_chain_runtime_common::extrinsic_decoding`: a
//! length no block of this runtime can carry, or a call nested deeper than FRAME decodes, is
//! refused as an invalid transaction before the body is copied.

use crate::{configs::RuntimeBlockLength, UncheckedExtrinsic};
use frame_support::traits::Get;
use mvp_chain_runtime_common::extrinsic_decoding;
use sp_runtime::{transaction_validity::TransactionValidityError, OpaqueExtrinsic};

/// The longest extrinsic any dispatch class may put in a block.
fn max_length() -> usize {
	extrinsic_decoding::max_length(&RuntimeBlockLength::get())
}

pub fn decode_extrinsic(
	opaque: &OpaqueExtrinsic,
) -> Result<UncheckedExtrinsic, TransactionValidityError> {
	extrinsic_decoding::decode_extrinsic(opaque, max_length())
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{RuntimeCall, SudoCall, SystemCall};
	use alloc::boxed::Box;
	use codec::Encode;
	use frame_support::MAX_EXTRINSIC_DEPTH;
	use sp_runtime::transaction_validity::InvalidTransaction;

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
