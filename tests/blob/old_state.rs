//! A chain's state as the runtime before `u32` nonces left it (nonce clock storage versions 0
//! and 1: every extrinsic counted in `Ticks`, accounts with `u64` nonces), made from the state
//! the blob wrote: what the upgrade and try-runtime tests migrate from.

use codec::Encode;
use frame_support::traits::StorageVersion;
use mvp_chain_runtime::{NonceClock, Runtime};
use pallet_nonce_clock::{
	migrations::old::{Clock, Ticks},
	Floor,
};
use sp_core::storage::Storage;
use std::collections::BTreeMap;

/// The prefix of `System::Account`'s keys.
pub fn account_prefix() -> Vec<u8> {
	frame_support::storage::storage_prefix(b"System", b"Account").to_vec()
}

/// How many accounts a state holds.
pub fn accounts(top: &BTreeMap<Vec<u8>, Vec<u8>>) -> usize {
	let prefix = account_prefix();
	top.keys().filter(|key| key.starts_with(&prefix)).count()
}

/// `state` with every account's record in the old layout (its `u32` nonce widened to the `u64`
/// at the front of the record), `Ticks` at `ticks` as version 1 kept it and no floor.
pub fn as_version_1(mut state: Storage, ticks: u64, block: u32) -> Storage {
	let prefix = account_prefix();
	for (key, value) in state.top.iter_mut() {
		if key.starts_with(&prefix) {
			*value = [&value[..4], &[0u8; 4], &value[4..]].concat();
		}
	}
	state.top.remove(&Floor::<Runtime>::hashed_key()[..]);
	state.top.insert(Ticks::<Runtime>::hashed_key().to_vec(), Clock { ticks, block }.encode());
	with_version(state, 1)
}

/// `state` as version 1 left it, but with `ticks` (raw bytes) under version 0.
pub fn as_version_0(state: Storage, ticks: &[u8]) -> Storage {
	let mut state = as_version_1(state, 0, 0);
	state.top.insert(Ticks::<Runtime>::hashed_key().to_vec(), ticks.to_vec());
	with_version(state, 0)
}

pub fn with_version(mut state: Storage, version: u16) -> Storage {
	let key = StorageVersion::storage_key::<NonceClock>().to_vec();
	state.top.insert(key, StorageVersion::new(version).encode());
	state
}
