//! Signed `Balances.transfer_keep_alive` extrinsics for any runtime, signed offline from the
//! blob's own metadata (the host kit's metadata signer), so that they carry whatever
//! transaction extensions that runtime lists.

use mvp_host_kit::{blob::Blob, genesis::Genesis, sign::metadata::MetadataSigner};
use sp_core::{sr25519, Pair};
use sp_runtime::AccountId32;
use subxt::{dynamic::Value, ext::scale_value::Composite, Metadata};

/// How many accounts send; transfer `n` of a block comes from sender `n % SENDERS` at nonce
/// `n / SENDERS` and goes to a new account of its own.
pub const SENDERS: usize = 1_000;

/// Genesis balance of each sender: all of them together hold 2^62, which fits any balance type.
const SENDER_BALANCE: u64 = (1 << 62) / SENDERS as u64;

pub struct Transfers {
	senders: Vec<sr25519::Pair>,
	/// The `dest` argument is a `MultiAddress` (an enum) rather than a bare account id.
	multi_address: bool,
	/// Ten existential deposits: enough to create each destination account.
	value: u128,
	signer: Option<MetadataSigner>,
	signed: Vec<Vec<u8>>,
	/// How many transfers a block takes plus the one refused, once a `max` run found out.
	pub capacity: Option<usize>,
}

impl Transfers {
	/// Reads what signing needs from the blob's metadata; `at` completes it once genesis exists.
	pub fn prepare(blob: &Blob) -> Result<Self, String> {
		let metadata = Metadata::decode_from(&blob.metadata[..])
			.map_err(|e| format!("subxt cannot read the metadata: {e}"))?;
		let balances =
			metadata.pallet_by_name("Balances").ok_or("the runtime has no Balances pallet")?;
		let call = balances
			.call_variant_by_name("transfer_keep_alive")
			.ok_or("Balances has no transfer_keep_alive call")?;
		let dest = call
			.fields
			.iter()
			.find(|f| f.name.as_deref() == Some("dest"))
			.ok_or("transfer_keep_alive has no `dest` argument")?;
		let multi_address = matches!(
			metadata.types().resolve(dest.ty.id).map(|t| &t.type_def),
			Some(scale_info::TypeDef::Variant(_))
		);
		let deposit = balances
			.constant_by_name("ExistentialDeposit")
			.ok_or("Balances has no ExistentialDeposit constant")?
			.value();
		let deposit = match deposit.len() {
			8 => u64::from_le_bytes(deposit.try_into().expect("8 bytes")) as u128,
			16 => u128::from_le_bytes(deposit.try_into().expect("16 bytes")),
			n => {
				return Err(format!(
					"a {n}-byte ExistentialDeposit is not a balance the bench knows"
				))
			},
		};
		let senders = (0..SENDERS)
			.map(|i| {
				sr25519::Pair::from_seed(&sp_crypto_hashing::blake2_256(
					format!("bench sender {i}").as_bytes(),
				))
			})
			.collect();
		Ok(Self {
			senders,
			multi_address,
			value: deposit.max(1) * 10,
			signer: None,
			signed: Vec::new(),
			capacity: None,
		})
	}

	/// The senders and their genesis balances.
	pub fn funded(&self) -> Vec<(AccountId32, u64)> {
		self.senders.iter().map(|pair| (pair.public().into(), SENDER_BALANCE)).collect()
	}

	/// Ready to sign for the chain that starts at `genesis`.
	pub fn at(mut self, blob: &Blob, genesis: &Genesis) -> Result<Self, String> {
		self.signer = Some(MetadataSigner::new(&blob.metadata, genesis.hash(), &blob.version)?);
		Ok(self)
	}

	/// The first `n` transfers, signed as they are first needed.
	pub fn offer(&mut self, n: usize) -> Offer<'_> {
		Offer { transfers: self, next: 0, n, error: None }
	}

	/// Transfer `index`, encoded as a node receives it (with its length prefix).
	fn sign(&self, index: usize) -> Result<Vec<u8>, String> {
		let signer = self.signer.as_ref().expect("`at` was called");
		let dest = sp_crypto_hashing::blake2_256(format!("bench destination {index}").as_bytes());
		let dest = Value::from_bytes(dest);
		let dest = if self.multi_address { Value::unnamed_variant("Id", [dest]) } else { dest };
		let call = subxt::dynamic::tx(
			"Balances",
			"transfer_keep_alive",
			Composite::named([("dest", dest), ("value", Value::u128(self.value))]),
		);
		signer.sign(&self.senders[index % SENDERS], &call, (index / SENDERS) as u64)
	}
}
/// Transfers offered to a block, signed and kept as they are taken; a signing failure ends
/// the offer and is left in `error`.
pub struct Offer<'a> {
	transfers: &'a mut Transfers,
	next: usize,
	n: usize,
	pub error: Option<String>,
}

impl Iterator for Offer<'_> {
	type Item = Vec<u8>;

	fn next(&mut self) -> Option<Vec<u8>> {
		if self.next >= self.n || self.error.is_some() {
			return None;
		}
		let index = self.next;
		self.next += 1;
		if index == self.transfers.signed.len() {
			match self.transfers.sign(index) {
				Ok(xt) => self.transfers.signed.push(xt),
				Err(e) => {
					self.error = Some(e);
					return None;
				},
			}
		}
		Some(self.transfers.signed[index].clone())
	}
}
