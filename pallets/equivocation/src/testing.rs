//! Headers sealed as an Aura author seals them, for tests and benchmarks.

use crate::Config;
use codec::Codec;
use frame_system::pallet_prelude::HeaderFor;
use sp_consensus_aura::digests::CompatibleDigestItem;
use sp_consensus_slots::Slot;
use sp_runtime::{
	generic::{Digest, DigestItem},
	traits::{Header, One},
	RuntimeAppPublic,
};

/// A block header for `slot`, told apart from others by `seed`, sealed by `author`.
pub fn sealed_header<T: Config>(author: &T::AuthorityId, slot: Slot, seed: u8) -> HeaderFor<T>
where
	<T::AuthorityId as RuntimeAppPublic>::Signature: Codec,
{
	let pre_digest = <DigestItem as CompatibleDigestItem<
		<T::AuthorityId as RuntimeAppPublic>::Signature,
	>>::aura_pre_digest(slot);
	let mut extrinsics_root = T::Hash::default();
	extrinsics_root.as_mut()[0] = seed;
	let mut header = HeaderFor::<T>::new(
		One::one(),
		extrinsics_root,
		Default::default(),
		Default::default(),
		Digest { logs: alloc::vec![pre_digest] },
	);
	let signature = author.sign(&header.hash()).expect("the author's key is in the keystore");
	header.digest_mut().push(CompatibleDigestItem::aura_seal(signature));
	header
}
