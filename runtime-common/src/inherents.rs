//! A block's inherents checked without trapping on a block that holds an extrinsic that does
//! not decode: a peer's block may, and the answer it is owed is a fatal inherent error.

use codec::{Decode, Encode};
use sp_inherents::{CheckInherentsResult, InherentIdentifier, MakeFatalError};
use sp_runtime::traits::{Block as BlockT, LazyBlock as _};

/// Where `check_inherents` reports a block extrinsic it cannot decode. No inherent data
/// provider knows it, so a node refuses the block as failing an unknown inherent check.
pub const UNDECODABLE_EXTRINSIC: InherentIdentifier = *b"undecxt0";

/// `check` (FRAME's `InherentData::check_extrinsics`) over `opaque`, a block whose extrinsics
/// are still bytes, typed as `Block`'s lazy block; a fatal error if an extrinsic does not decode,
/// on which FRAME's check would panic.
pub fn check_inherents<Block: BlockT>(
	opaque: &impl Encode,
	check: impl FnOnce(&Block::LazyBlock) -> CheckInherentsResult,
) -> CheckInherentsResult {
	// Both lazy blocks keep their extrinsics opaque: the encoding is the same.
	let block = Block::LazyBlock::decode(&mut &opaque.encode()[..])
		.expect("opaque and typed lazy blocks share one encoding");
	if block.extrinsics().any(|xt| xt.is_err()) {
		let mut result = CheckInherentsResult::new();
		let error = MakeFatalError::from("an extrinsic of the block does not decode");
		let _ = result.put_error(UNDECODABLE_EXTRINSIC, &error);
		return result;
	}
	check(&block)
}
