//! A network's spec from its parts: the validators' keys, the sudo key, the endowments, and
//! (for test networks) the well-known development accounts.

use crate::{blob, properties, ChainSpec, Extensions, Validator, PROTOCOL_ID};
use frame_support::build_struct_json_patch;
use mvp_chain_runtime::{
	genesis_config_presets::ENDOWMENT, AccountId, Balance, BalancesConfig, RuntimeGenesisConfig,
	SessionConfig, SessionKeys, SudoConfig, ValidatorSetConfig, EXISTENTIAL_DEPOSIT,
};
use sc_chain_spec::ChainType;
use sp_core::crypto::Ss58Codec;
use sp_runtime::BuildStorage;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endowment {
	pub account: AccountId,
	pub amount: Balance,
}

pub struct Network {
	pub name: String,
	pub id: String,
	pub chain_type: ChainType,
	pub validators: Vec<Validator>,
	pub sudo: AccountId,
	pub endowments: Vec<Endowment>,
	/// Also endow the well-known development accounts (//Alice …), as test networks want.
	pub dev_accounts: bool,
}

impl Network {
	/// The spec, once the runtime has built its genesis from it: a spec it would refuse is an
	/// error here, naming the problem, not a node that fails to start.
	pub fn chain_spec(&self, extensions: Extensions) -> Result<ChainSpec, String> {
		self.check()?;
		let spec = ChainSpec::builder(blob()?, extensions)
			.with_name(&self.name)
			.with_id(&self.id)
			.with_chain_type(self.chain_type.clone())
			.with_protocol_id(PROTOCOL_ID)
			.with_properties(properties())
			.with_genesis_config_patch(self.genesis_patch())
			.build();
		spec.build_storage().map_err(|e| format!("the runtime refused this genesis: {e}"))?;
		Ok(spec)
	}

	fn check(&self) -> Result<(), String> {
		if self.name.trim().is_empty() {
			return Err("the chain needs a name".into());
		}
		let id_chars = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
		if self.id.is_empty() || !self.id.chars().all(id_chars) {
			return Err(format!(
				"the chain id {:?} must be letters, digits, '_' or '-': nodes name their database \
				 directory after it",
				self.id
			));
		}
		if self.validators.is_empty() {
			return Err("a network needs at least one validator".into());
		}
		for (later, v) in self.validators.iter().enumerate() {
			for (earlier, w) in self.validators[..later].iter().enumerate() {
				let (a, b) = (earlier + 1, later + 1);
				if v.account == w.account {
					return Err(format!(
						"validators {a} and {b} have the same account {}",
						v.account.to_ss58check()
					));
				}
				if v.aura == w.aura {
					return Err(format!(
						"validators {a} and {b} have the same Aura key {}",
						v.aura.to_ss58check()
					));
				}
				if v.grandpa == w.grandpa {
					return Err(format!(
						"validators {a} and {b} have the same GRANDPA key {}",
						v.grandpa.to_ss58check()
					));
				}
			}
		}
		self.balances().map(drop)
	}

	/// Every endowment, the development accounts' included; an account given twice or an
	/// amount the chain would not keep is an error.
	fn balances(&self) -> Result<Vec<(AccountId, Balance)>, String> {
		let dev = sp_keyring::Sr25519Keyring::well_known()
			.filter(|_| self.dev_accounts)
			.map(|k| Endowment { account: k.to_account_id(), amount: ENDOWMENT });
		let mut balances = BTreeMap::new();
		for Endowment { account, amount } in self.endowments.iter().cloned().chain(dev) {
			let name = account.to_ss58check();
			if amount < EXISTENTIAL_DEPOSIT {
				return Err(format!(
					"{name}'s endowment of {amount} is below the existential deposit \
					 ({EXISTENTIAL_DEPOSIT} base units): the account would not exist"
				));
			}
			if balances.insert(account, amount).is_some() {
				return Err(format!("{name} is endowed twice"));
			}
		}
		Ok(balances.into_iter().collect())
	}

	fn genesis_patch(&self) -> serde_json::Value {
		let balances = self.balances().expect("checked");
		build_struct_json_patch!(RuntimeGenesisConfig {
			balances: BalancesConfig { balances },
			validator_set: ValidatorSetConfig {
				validators: self.validators.iter().map(|v| v.account.clone()).collect(),
			},
			session: SessionConfig {
				keys: self
					.validators
					.iter()
					.map(|v| {
						let keys = SessionKeys { aura: v.aura.clone(), grandpa: v.grandpa.clone() };
						(v.account.clone(), v.account.clone(), keys)
					})
					.collect(),
			},
			sudo: SudoConfig { key: Some(self.sudo.clone()) },
		})
	}
}
