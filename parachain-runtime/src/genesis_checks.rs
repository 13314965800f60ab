//! A genesis config is checked before it is built, so that `GenesisBuilder_build_state` answers
//! what the pallets would trap on (or mis-build) with an error naming the problem.

use crate::{configs::MAX_AUTHORITIES, RuntimeGenesisConfig};
use alloc::{collections::BTreeSet, format, string::String};
use mvp_chain_runtime_common::genesis::check_balances;

pub fn check(config: &RuntimeGenesisConfig) -> Result<(), String> {
	check_balances(&config.balances)?;
	// Without a collator no block is ever sealed; Aura asserts on duplicates.
	let authorities = &config.aura.authorities;
	if !(1..=MAX_AUTHORITIES as usize).contains(&authorities.len()) {
		return Err(format!(
			"aura: {} collators (aura.authorities), not 1 to {MAX_AUTHORITIES}",
			authorities.len()
		));
	}
	let mut seen = BTreeSet::new();
	if let Some(twice) = authorities.iter().find(|key| !seen.insert(*key)) {
		return Err(format!("aura: {twice:?} is a collator twice"));
	}
	Ok(())
}
