//! What a node calls when it has imported two blocks of one author for one slot: BABE's
//! reporting API, for Aura.

// `decl_runtime_apis!` repeats the trait's generic bound on each function it generates.
#![allow(clippy::multiple_bound_locations)]

use sp_consensus_slots::{EquivocationProof, Slot};
use sp_runtime::OpaqueValue;

sp_api::decl_runtime_apis! {
	pub trait AuraEquivocationApi<AuthorityId: codec::Codec> {
		/// A proof that `authority_id` is an Aura key of a validator in the session of the
		/// block this is called at (call it at the equivocating block's parent); `None` when it
		/// is not. The slot is not used: a proof is for a session.
		fn generate_key_ownership_proof(slot: Slot, authority_id: AuthorityId) -> Option<OpaqueValue>;

		/// Submits an unsigned report through the node's pool; `None` when the key-ownership
		/// proof does not decode or the pool refuses the report.
		fn submit_report_equivocation_unsigned_extrinsic(
			equivocation_proof: EquivocationProof<Block::Header, AuthorityId>,
			key_owner_proof: OpaqueValue,
		) -> Option<()>;
	}
}
