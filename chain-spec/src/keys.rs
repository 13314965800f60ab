//! Keys as a chain builder writes them: SS58, `0x` hex of the public key, or a development
//! secret URI (`//Alice`) for test networks.

use mvp_chain_runtime::AccountId;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::{crypto::Ss58Codec, ed25519, sr25519, Pair};

/// One validator: its account (which governance adds, removes and which sets its keys) and its
/// session keys, Aura (sr25519) for blocks and GRANDPA (ed25519) for finality.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validator {
	pub account: AccountId,
	pub aura: AuraId,
	pub grandpa: GrandpaId,
}

/// `[ACCOUNT=]AURA,GRANDPA`: the two public keys, each SS58, `0x` hex or `//Name`, and the
/// validator's account; without one, the account of the Aura key's public bytes.
pub fn parse_validator(text: &str) -> Result<Validator, String> {
	let (account, keys) = match text.split_once('=') {
		Some((account, keys)) => (Some(parse_account(account)?), keys),
		None => (None, text),
	};
	let (aura, grandpa) = keys.split_once(',').ok_or_else(|| {
		format!("{text:?} is not [ACCOUNT=]AURA,GRANDPA: give the Aura (sr25519) and GRANDPA (ed25519) keys, comma-separated")
	})?;
	let aura =
		public::<sr25519::Pair>(aura.trim(), "sr25519").map_err(|e| format!("the Aura key {e}"))?;
	let grandpa = public::<ed25519::Pair>(grandpa.trim(), "ed25519")
		.map_err(|e| format!("the GRANDPA key {e}"))?;
	Ok(Validator {
		account: account.unwrap_or_else(|| AccountId::from(aura)),
		aura: aura.into(),
		grandpa: grandpa.into(),
	})
}

/// An account: SS58, `0x` hex of its 32 bytes, or `//Name` (sr25519, as wallets derive it).
pub fn parse_account(text: &str) -> Result<AccountId, String> {
	public::<sr25519::Pair>(text.trim(), "sr25519")
		.map(AccountId::from)
		.map_err(|e| format!("the account {e}"))
}

/// The public key of `scheme` (`P`'s) that `text` names; an error reads after "the … key".
fn public<P: Pair>(text: &str, scheme: &str) -> Result<P::Public, String>
where
	P::Public: Ss58Codec,
{
	if text.starts_with("//") {
		return P::from_string(text, None)
			.map(|pair| pair.public())
			.map_err(|e| format!("{text:?} is not a valid secret URI ({e:?})"));
	}
	if let Some(hex) = text.strip_prefix("0x") {
		let bytes =
			sp_core::bytes::from_hex(hex).map_err(|e| format!("{text:?} is not hex ({e})"))?;
		return P::Public::try_from(&bytes[..]).map_err(|()| {
			format!("{text:?} is {} bytes, not a 32-byte {scheme} public key", bytes.len())
		});
	}
	P::Public::from_ss58check(text).map_err(|e| {
		format!("{text:?} is not an {scheme} public key in SS58, 0x hex or //Name form ({e:?})")
	})
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

	#[test]
	fn every_form_names_the_same_keys() {
		let alice = Validator {
			account: Sr25519Keyring::Alice.to_account_id(),
			aura: Sr25519Keyring::Alice.public().into(),
			grandpa: Ed25519Keyring::Alice.public().into(),
		};
		let ss58 = format!(
			"{},{}",
			Sr25519Keyring::Alice.public().to_ss58check(),
			Ed25519Keyring::Alice.public().to_ss58check()
		);
		let hex = format!(
			"0x{}, 0x{}",
			sp_core::hexdisplay::HexDisplay::from(&Sr25519Keyring::Alice.public().0),
			sp_core::hexdisplay::HexDisplay::from(&Ed25519Keyring::Alice.public().0)
		);
		for text in ["//Alice,//Alice", &ss58, &hex] {
			assert_eq!(parse_validator(text), Ok(alice.clone()), "{text}");
		}
		assert_eq!(parse_account("//Bob"), Ok(Sr25519Keyring::Bob.to_account_id()));
		let bobs = parse_validator("//Bob=//Alice,//Alice").unwrap();
		assert_eq!(bobs, Validator { account: Sr25519Keyring::Bob.to_account_id(), ..alice });
	}

	#[test]
	fn refusals_name_the_key_and_the_problem() {
		let alice = Sr25519Keyring::Alice.public().to_ss58check();
		for (text, names) in [
			("//Alice".to_string(), "[ACCOUNT=]AURA,GRANDPA"),
			("bob=//Alice,//Alice".to_string(), "the account \"bob\""),
			("5Nope,//Alice".to_string(), "the Aura key \"5Nope\""),
			(format!("{alice},0x1234"), "the GRANDPA key \"0x1234\" is 2 bytes"),
			(format!("{alice},0xzz"), "is not hex"),
		] {
			let error = parse_validator(&text).unwrap_err();
			assert!(error.contains(names), "{text}: {error}");
		}
		assert!(parse_account("bob").unwrap_err().starts_with("the account \"bob\""));
	}
}
