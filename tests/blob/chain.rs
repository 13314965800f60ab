//! Our runtime's chain in any host, typed: genesis from its presets, transactions signed with
//! its own extension type, blocks of its extrinsics, its accounts and events. Block building
//! itself is the host kit's.

use crate::host::{blob, is_native, probe_blob, Host, HostExt, Wasmtime};
use codec::Encode;
use frame_support::storage::storage_prefix;
use mvp_chain_runtime::{
	AccountId, Balance, Block, Header, Nonce, Runtime, RuntimeCall, RuntimeEvent,
	UncheckedExtrinsic, SLOT_DURATION,
};
pub use mvp_host_kit::{
	chain::{Chain, OpenBlock, FIRST_SLOT},
	genesis::Genesis,
	sign::ours::{body, sign_as, TxParams},
};
use mvp_host_kit::{genesis, host::state_with_code};
use pallet_transaction_payment::RuntimeDispatchInfo;
use sp_core::{storage::Storage, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, DispatchResult,
};
use std::{
	collections::HashMap,
	sync::{Mutex, OnceLock},
};

/// The pallets of the runtime as the tests compile it natively, in order, as its own types
/// declare them: the shipped ones and the probe fixture's.
pub fn pallets() -> Vec<String> {
	use frame_support::traits::PalletsInfoAccess;
	mvp_chain_runtime::AllPalletsWithSystem::infos().iter().map(|p| p.name.to_string()).collect()
}

/// The pallets the shipped blob holds, in order: no test fixture among them.
pub const SHIPPED_PALLETS: [&str; 14] = [
	"System",
	"Timestamp",
	"Aura",
	"Grandpa",
	"Balances",
	"TransactionPayment",
	"Sudo",
	"NonceClock",
	"Authorship",
	"ValidatorSet",
	"Session",
	"Historical",
	"Offences",
	"Equivocation",
];

/// The pallets host `H` runs from the shipped blob: natively, the probe's too.
pub fn pallets_in<H: Host + 'static>() -> Vec<String> {
	if is_native::<H>() {
		pallets()
	} else {
		SHIPPED_PALLETS.map(str::to_string).to_vec()
	}
}

/// The identifiers of our runtime's transaction extensions in order, as its own
/// `TxExtension` type declares them.
pub fn extensions() -> Vec<&'static str> {
	use sp_runtime::traits::TransactionExtension;
	<mvp_chain_runtime::TxExtension as TransactionExtension<RuntimeCall>>::metadata()
		.iter()
		.map(|m| m.identifier)
		.collect()
}

pub type AccountInfo = frame_system::AccountInfo<Nonce, pallet_balances::AccountData<Balance>>;
pub type EventRecord = frame_system::EventRecord<RuntimeEvent, H256>;

/// The preset's patch over the runtime's default config, as `build_state` takes it.
pub fn genesis_config(host: &mut impl Host, preset: &str) -> Vec<u8> {
	let config = genesis::config(host, genesis::Preset::Named(preset)).expect("the preset");
	serde_json::to_vec(&config).expect("JSON")
}

/// Genesis state built by the blob itself through `GenesisBuilder_build_state`, in wasmtime;
/// built once per preset and test binary, since the blob always builds the same state.
pub fn genesis(preset: &str) -> Genesis {
	genesis_of(blob(), preset)
}

/// Genesis state built by `code` (the blob or a fixture), as [`genesis`] builds the blob's.
pub fn genesis_of(code: &'static [u8], preset: &str) -> Genesis {
	static BUILT: OnceLock<Mutex<HashMap<(usize, String), Genesis>>> = OnceLock::new();
	let mut built = BUILT.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
	built
		.entry((code.as_ptr() as usize, preset.to_string()))
		.or_insert_with(|| genesis_in(&mut Wasmtime::new(state_with_code(code)), preset))
		.clone()
}

/// Genesis built through `GenesisBuilder_build_state` by `host`, which starts out holding only
/// `:code`.
pub fn genesis_in(host: &mut impl Host, preset: &str) -> Genesis {
	let config = genesis::config(host, genesis::Preset::Named(preset)).expect("the preset");
	genesis::build(host, &config).expect("the preset builds")
}

/// A chain at the `development` genesis in executor `new`, genesis built by that executor too.
pub fn dev_chain<H: Host>(new: fn(Storage) -> H) -> (Chain<H>, Genesis) {
	chain_of(blob(), new)
}

/// [`dev_chain`] over the probe fixture: the shipped pallets and the probe's Root-only calls.
pub fn probe_chain<H: Host>(new: fn(Storage) -> H) -> (Chain<H>, Genesis) {
	chain_of(probe_blob(), new)
}

fn chain_of<H: Host>(code: &[u8], new: fn(Storage) -> H) -> (Chain<H>, Genesis) {
	let genesis = genesis_in(&mut new(state_with_code(code)), "development");
	(chain_at(new(genesis.storage.clone()), &genesis), genesis)
}

/// The chain at `genesis`, whose state `host` holds.
pub fn chain_at<H: Host>(host: H, genesis: &Genesis) -> Chain<H> {
	Chain::new(host, genesis).expect("the runtime answers Core_version")
}

/// The timestamp of the slot of the block `header` starts.
pub fn slot_time(header: &Header) -> u64 {
	(FIRST_SLOT + u64::from(header.number)) * SLOT_DURATION
}

pub fn transfer(to: Sr25519Keyring, value: Balance) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: to.to_account_id().into(),
		value,
	})
}

pub fn sudo(call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(call) })
}

pub struct BuiltBlock {
	pub block: Block,
	/// `BlockBuilder_apply_extrinsic`'s answer for each extrinsic passed in, in order.
	pub results: Vec<ApplyExtrinsicResult>,
	pub events: Vec<EventRecord>,
}

impl BuiltBlock {
	/// Whether the block replaced the runtime's code.
	pub fn code_updated(&self) -> bool {
		self.events.iter().any(|r| {
			matches!(r.event, RuntimeEvent::System(frame_system::Event::CodeUpdated { .. }))
		})
	}

	/// The outcome of each call dispatched through `sudo` in this block.
	pub fn sudo_results(&self) -> Vec<DispatchResult> {
		self.events
			.iter()
			.filter_map(|r| match &r.event {
				RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result }) => Some(*sudo_result),
				_ => None,
			})
			.collect()
	}
}

/// Typed calls on a chain of our runtime; an open block has them too.
pub trait Ours {
	/// What `who` commits to when signing at the head now.
	fn params(&mut self, who: Sr25519Keyring) -> TxParams;
	/// `call` signed by `who` at its next nonce plus `offset`.
	fn sign(&mut self, who: Sr25519Keyring, call: RuntimeCall, offset: u32) -> UncheckedExtrinsic;
	fn nonce(&mut self, who: AccountId) -> Nonce;
	/// The account as stored; `None` if it does not exist (never funded, or reaped).
	fn account(&mut self, who: AccountId) -> Option<AccountInfo>;
	/// What `who` can spend: nothing if it does not exist.
	fn free(&mut self, who: AccountId) -> Balance {
		self.account(who).map_or(0, |a| a.data.free)
	}
	fn total_issuance(&mut self) -> Balance;
	fn events(&mut self) -> Vec<EventRecord>;
	/// The pool's verdict on `xt`, an encoded extrinsic (or bytes posing as one), at the head.
	fn validate(&mut self, xt: &[u8]) -> TransactionValidity;
	/// What `TransactionPaymentApi_query_info` quotes for `xt`, as a wallet asks before
	/// submitting it.
	fn query_info(&mut self, xt: &UncheckedExtrinsic) -> RuntimeDispatchInfo<Balance>;
	/// The inherents for the block `header` starts: the timestamp of its slot.
	fn inherents(&mut self, header: &Header) -> Vec<UncheckedExtrinsic>;
	/// Builds and seals a block holding the inherents and whichever of `extrinsics` the
	/// runtime accepts.
	fn build_block(&mut self, extrinsics: Vec<UncheckedExtrinsic>) -> BuiltBlock;
	/// A block with `call`, signed by `who` at its next nonce.
	fn submit(&mut self, who: Sr25519Keyring, call: RuntimeCall) -> BuiltBlock {
		let xt = self.sign(who, call, 0);
		self.build_block(vec![xt])
	}
}

impl<H: Host> Ours for Chain<H> {
	fn params(&mut self, who: Sr25519Keyring) -> TxParams {
		TxParams {
			nonce: self.nonce(who.to_account_id()),
			tip: 0,
			genesis: self.genesis,
			spec_version: self.version.spec_version,
			transaction_version: self.version.transaction_version,
			mortality: None,
			metadata_hash: None,
		}
	}

	fn sign(&mut self, who: Sr25519Keyring, call: RuntimeCall, offset: u32) -> UncheckedExtrinsic {
		let mut params = self.params(who);
		params.nonce += Nonce::from(offset);
		sign_as(&who.pair(), who.to_account_id(), call, &params)
	}

	fn nonce(&mut self, who: AccountId) -> Nonce {
		self.host.query("AccountNonceApi_account_nonce", who)
	}

	fn account(&mut self, who: AccountId) -> Option<AccountInfo> {
		// Not `unwrap_or_default`: a default `AccountInfo` asks the runtime's nonce clock.
		self.host.read(&frame_system::Account::<Runtime>::hashed_key_for(&who))
	}

	fn total_issuance(&mut self) -> Balance {
		self.host.read(&pallet_balances::TotalIssuance::<Runtime>::hashed_key()).unwrap_or_default()
	}

	fn events(&mut self) -> Vec<EventRecord> {
		// frame-system keeps its `Events` storage type private; its key is public knowledge.
		self.host.read(&storage_prefix(b"System", b"Events")).unwrap_or_default()
	}

	fn validate(&mut self, xt: &[u8]) -> TransactionValidity {
		// `xt` is already length-prefixed: it goes in as is, like a node's opaque extrinsic.
		let input =
			[&TransactionSource::External.encode()[..], xt, &self.head.hash().encode()].concat();
		let out = self
			.host
			.dry_call("TaggedTransactionQueue_validate_transaction", &input)
			.expect("validation answers, it does not trap");
		mvp_host_kit::host::decode_exact("validate_transaction", &out)
			.unwrap_or_else(|e| panic!("{e}"))
	}

	fn query_info(&mut self, xt: &UncheckedExtrinsic) -> RuntimeDispatchInfo<Balance> {
		self.host.query("TransactionPaymentApi_query_info", (xt, xt.encoded_size() as u32))
	}

	fn inherents(&mut self, header: &Header) -> Vec<UncheckedExtrinsic> {
		let data = self.inherent_data(header);
		self.host.query("BlockBuilder_inherent_extrinsics", data)
	}

	fn build_block(&mut self, extrinsics: Vec<UncheckedExtrinsic>) -> BuiltBlock {
		let mut block = self.start_block().expect("initialize_block");
		let inherents = block.apply_inherents().expect("the inherents are accepted");
		let mut included: Vec<UncheckedExtrinsic> =
			inherents.iter().map(|xt| codec::Decode::decode(&mut &xt[..]).expect("ours")).collect();
		let mut results = Vec::new();
		for xt in extrinsics {
			let result = block.apply_xt(&xt);
			if result.is_ok() {
				included.push(xt);
			}
			results.push(result);
		}
		let sealed = block.finalize().expect("finalize_block");
		let events = self.events();
		BuiltBlock { block: Block { header: sealed.header, extrinsics: included }, results, events }
	}
}

/// Typed block building for our runtime's extrinsics.
pub trait OursBlock {
	/// Applies `xt` as a block author does: kept and included only if the runtime accepts it.
	fn apply_xt(&mut self, xt: &UncheckedExtrinsic) -> ApplyExtrinsicResult;
	/// Block building's verdict on `xt` (encoded, or bytes posing as an extrinsic), without
	/// keeping its changes; it must not trap.
	fn verdict(&mut self, xt: &[u8]) -> ApplyExtrinsicResult;
}

impl<H: Host> OursBlock for OpenBlock<'_, H> {
	fn apply_xt(&mut self, xt: &UncheckedExtrinsic) -> ApplyExtrinsicResult {
		let applied = self.apply(&xt.encode()).expect("apply_extrinsic answers, it does not trap");
		applied.result().unwrap_or_else(|e| panic!("{e}"))
	}

	fn verdict(&mut self, xt: &[u8]) -> ApplyExtrinsicResult {
		self.dry_apply(xt).unwrap_or_else(|e| {
			panic!(
				"apply_extrinsic answers, it does not trap: {}",
				mvp_host_kit::host::first_line(&e)
			)
		})
	}
}
