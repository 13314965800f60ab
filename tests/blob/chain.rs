//! Builds chains the way a node's block author does: genesis from a `GenesisBuilder` preset,
//! then blocks through `Core_initialize_block`, `BlockBuilder_*` and signed extrinsics.

use crate::host::{blob, decode_exact, state_with_code, Host, HostExt, Wasmtime};
use codec::{Decode, Encode};
use frame_support::storage::storage_prefix;
use mvp_chain_runtime::{
	AccountId, Address, Balance, Block, Header, Nonce, Runtime, RuntimeCall, RuntimeEvent,
	SignedPayload, TxExtension, UncheckedExtrinsic, SLOT_DURATION,
};
use pallet_transaction_payment::RuntimeDispatchInfo;
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::{sr25519, storage::Storage, Pair, H256};
use sp_inherents::InherentData;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{Digest, DigestItem, Era},
	traits::{BlakeTwo256, Hash, Header as _, TransactionExtension},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, DispatchResult, MultiSignature, StateVersion,
};
use sp_version::RuntimeVersion;
use std::{
	collections::HashMap,
	sync::{Mutex, OnceLock},
};

pub type AccountInfo = frame_system::AccountInfo<Nonce, pallet_balances::AccountData<Balance>>;
pub type EventRecord = frame_system::EventRecord<RuntimeEvent, H256>;

/// Aura slots start here so that every block's slot is far from zero, as on a live chain.
const FIRST_SLOT: u64 = 1_000_000;

#[derive(Clone)]
pub struct Genesis {
	pub storage: Storage,
	pub header: Header,
}

impl Genesis {
	pub fn hash(&self) -> H256 {
		self.header.hash()
	}
}

/// The preset's patch over the runtime's default config, as `chain-spec-builder` merges it.
pub fn genesis_config(host: &mut impl Host, preset: &str) -> Vec<u8> {
	let default: Option<Vec<u8>> = host.query("GenesisBuilder_get_preset", None::<String>);
	let patch: Option<Vec<u8>> = host.query("GenesisBuilder_get_preset", Some(preset.to_string()));
	let mut config: serde_json::Value =
		serde_json::from_slice(&default.expect("the default config")).expect("JSON");
	let patch: serde_json::Value =
		serde_json::from_slice(&patch.unwrap_or_else(|| panic!("no preset {preset}")))
			.expect("JSON");
	mvp_chain::genesis_patch::merge(&mut config, patch);
	serde_json::to_vec(&config).expect("JSON")
}

/// Genesis state built by the blob itself through `GenesisBuilder_build_state`, in wasmtime;
/// built once per preset and test binary, since the blob always builds the same state.
pub fn genesis(preset: &str) -> Genesis {
	static BUILT: OnceLock<Mutex<HashMap<String, Genesis>>> = OnceLock::new();
	let mut built = BUILT.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
	built
		.entry(preset.to_string())
		.or_insert_with(|| genesis_in(&mut Wasmtime::new(state_with_code(blob())), preset))
		.clone()
}

/// A chain at the `development` genesis in executor `new`, genesis built by that executor too.
pub fn dev_chain<H: Host>(new: fn(Storage) -> H) -> (Chain<H>, Genesis) {
	let genesis = genesis_in(&mut new(state_with_code(blob())), "development");
	(Chain::new(new(genesis.storage.clone()), &genesis), genesis)
}

/// The timestamp of the slot a block of this chain has at `header`'s height.
pub fn slot_time(header: &Header) -> u64 {
	(FIRST_SLOT + u64::from(header.number)) * SLOT_DURATION
}

/// Genesis state built through `GenesisBuilder_build_state` by `host`, which starts out holding
/// only `:code`.
pub fn genesis_in(host: &mut impl Host, preset: &str) -> Genesis {
	let config = genesis_config(host, preset);
	let built: Result<(), String> = host.api("GenesisBuilder_build_state", config);
	built.expect("the preset builds");
	let state_root = host.state_root();
	let extrinsics_root = BlakeTwo256::ordered_trie_root(Vec::new(), StateVersion::V1);
	let header = Header::new(0, extrinsics_root, state_root, H256::zero(), Digest::default());
	Genesis { storage: Storage { top: host.pairs(), children_default: Default::default() }, header }
}

/// What a signer commits to besides the call.
#[derive(Clone)]
pub struct TxParams {
	pub nonce: Nonce,
	pub tip: Balance,
	pub genesis: H256,
	pub spec_version: u32,
	pub transaction_version: u32,
	/// A mortal era and the hash of its birth block; immortal (born at genesis) if `None`.
	pub mortality: Option<(Era, H256)>,
}

impl TxParams {
	/// The extensions a signer attaches, and what it commits to besides them.
	pub fn extension(
		&self,
	) -> (TxExtension, <TxExtension as TransactionExtension<RuntimeCall>>::Implicit) {
		let (era, checkpoint) = self.mortality.unwrap_or((Era::Immortal, self.genesis));
		let extension: TxExtension = (
			frame_system::CheckNonZeroSender::new(),
			frame_system::CheckSpecVersion::new(),
			frame_system::CheckTxVersion::new(),
			frame_system::CheckGenesis::new(),
			frame_system::CheckEra::from(era),
			frame_system::CheckNonce::from(self.nonce),
			frame_system::CheckWeight::new(),
			pallet_transaction_payment::ChargeTransactionPayment::from(self.tip),
			frame_metadata_hash_extension::CheckMetadataHash::new(false),
			frame_system::WeightReclaim::new(),
		);
		// No metadata hash is committed to.
		let implicit = (
			(),
			self.spec_version,
			self.transaction_version,
			self.genesis,
			checkpoint,
			(),
			(),
			(),
			None,
			(),
		);
		(extension, implicit)
	}
}

/// `call` signed by `signer` for account `who` (normally the signer's own account).
pub fn sign_as(
	signer: &sr25519::Pair,
	who: AccountId,
	call: RuntimeCall,
	p: &TxParams,
) -> UncheckedExtrinsic {
	let (extension, implicit) = p.extension();
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		Address::Id(who),
		MultiSignature::Sr25519(signature),
		extension,
	)
}

/// An extrinsic's bytes without their length prefix: the body of an opaque extrinsic.
pub fn body(xt: &UncheckedExtrinsic) -> Vec<u8> {
	Vec::<u8>::decode(&mut &xt.encode()[..]).expect("an extrinsic encodes as a byte vector")
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

pub struct Chain<H: Host> {
	pub host: H,
	pub genesis: H256,
	pub head: Header,
	pub version: RuntimeVersion,
}

impl<H: Host> Chain<H> {
	pub fn new(mut host: H, genesis: &Genesis) -> Self {
		let version = host.query("Core_version", ());
		Self { host, genesis: genesis.hash(), head: genesis.header.clone(), version }
	}

	pub fn params(&mut self, who: Sr25519Keyring) -> TxParams {
		TxParams {
			nonce: self.nonce(who.to_account_id()),
			tip: 0,
			genesis: self.genesis,
			spec_version: self.version.spec_version,
			transaction_version: self.version.transaction_version,
			mortality: None,
		}
	}

	/// `call` signed by `who` at its next nonce plus `offset`.
	pub fn sign(
		&mut self,
		who: Sr25519Keyring,
		call: RuntimeCall,
		offset: Nonce,
	) -> UncheckedExtrinsic {
		let mut params = self.params(who);
		params.nonce += offset;
		sign_as(&who.pair(), who.to_account_id(), call, &params)
	}

	pub fn nonce(&mut self, who: AccountId) -> Nonce {
		self.host.query("AccountNonceApi_account_nonce", who)
	}

	pub fn account(&mut self, who: AccountId) -> AccountInfo {
		let key = frame_system::Account::<Runtime>::hashed_key_for(&who);
		self.host.read(&key).unwrap_or_default()
	}

	pub fn total_issuance(&mut self) -> Balance {
		self.host.read(&pallet_balances::TotalIssuance::<Runtime>::hashed_key()).unwrap_or_default()
	}

	pub fn events(&mut self) -> Vec<EventRecord> {
		// frame-system keeps its `Events` storage type private; its key is public knowledge.
		self.host.read(&storage_prefix(b"System", b"Events")).unwrap_or_default()
	}

	/// The header a block author starts the next block with: an Aura pre-runtime digest for
	/// the next slot.
	pub fn next_header(&self) -> Header {
		let number = self.head.number + 1;
		let slot = Slot::from(FIRST_SLOT + u64::from(number));
		let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
		Header::new(number, H256::zero(), H256::zero(), self.head.hash(), digest)
	}

	/// Initialises the next block; until it is finalised, calls run the parent's runtime.
	pub fn start_block(&mut self) -> Header {
		self.host.pin_code(true);
		let header = self.next_header();
		self.host.call("Core_initialize_block", &header.encode()).expect("initialize_block");
		header
	}

	/// The inherent data a block author has for `header`: the time of its slot.
	pub fn inherents_data(&self, header: &Header) -> InherentData {
		let now = slot_time(header);
		let mut data = InherentData::new();
		data.put_data(sp_timestamp::INHERENT_IDENTIFIER, &now).expect("encodable");
		data
	}

	/// Starts the next block and applies its inherents, which must be accepted; returns
	/// them.
	pub fn start_block_with_inherents(&mut self) -> Vec<UncheckedExtrinsic> {
		let header = self.start_block();
		let inherents = self.inherents(&header);
		for inherent in &inherents {
			assert_eq!(self.apply(inherent), Ok(Ok(())), "inherent rejected");
		}
		inherents
	}

	/// The inherents for the block being built: the timestamp that matches its slot.
	pub fn inherents(&mut self, header: &Header) -> Vec<UncheckedExtrinsic> {
		let data = self.inherents_data(header);
		self.host.query("BlockBuilder_inherent_extrinsics", data)
	}

	/// The pool's verdict on `xt`, an encoded extrinsic (or bytes posing as one), at the head.
	pub fn validate(&mut self, xt: &[u8]) -> TransactionValidity {
		// `xt` is already length-prefixed: it goes in as is, like a node's opaque extrinsic.
		let input =
			[&TransactionSource::External.encode()[..], xt, &self.head.hash().encode()].concat();
		let out = self
			.host
			.dry_call("TaggedTransactionQueue_validate_transaction", &input)
			.expect("validation answers, it does not trap");
		decode_exact("validate_transaction", &out)
	}

	/// What `TransactionPaymentApi_query_info` quotes for `xt`, as a wallet asks before
	/// submitting it.
	pub fn query_info(&mut self, xt: &UncheckedExtrinsic) -> RuntimeDispatchInfo<Balance> {
		self.host.query("TransactionPaymentApi_query_info", (xt, xt.encoded_size() as u32))
	}

	/// Block building's verdict on `xt` (encoded, or bytes posing as an extrinsic), without
	/// keeping its changes.
	pub fn dry_apply(&mut self, xt: &[u8]) -> ApplyExtrinsicResult {
		let out = self.host.dry_call("BlockBuilder_apply_extrinsic", xt).unwrap_or_else(|e| {
			panic!(
				"apply_extrinsic answers, it does not trap: {}",
				e.lines().next().unwrap_or_default()
			)
		});
		decode_exact("apply_extrinsic", &out)
	}

	/// Applies one extrinsic as a block author does: kept only if the runtime accepts it.
	pub fn apply(&mut self, xt: &UncheckedExtrinsic) -> ApplyExtrinsicResult {
		let accepted =
			|out: &[u8]| decode_exact::<ApplyExtrinsicResult>("apply_extrinsic", out).is_ok();
		let out = self
			.host
			.execute("BlockBuilder_apply_extrinsic", &xt.encode(), &accepted)
			.expect("apply_extrinsic");
		decode_exact("apply_extrinsic", &out)
	}

	/// A block with `call`, signed by `who` at its next nonce.
	pub fn submit(&mut self, who: Sr25519Keyring, call: RuntimeCall) -> BuiltBlock {
		let xt = self.sign(who, call, 0);
		self.build_block(vec![xt])
	}

	/// Builds, seals and imports a block holding the inherents and whichever of `extrinsics`
	/// the runtime accepts.
	pub fn build_block(&mut self, extrinsics: Vec<UncheckedExtrinsic>) -> BuiltBlock {
		let mut included = self.start_block_with_inherents();
		let mut results = Vec::new();
		for xt in extrinsics {
			let result = self.apply(&xt);
			if result.is_ok() {
				included.push(xt);
			}
			results.push(result);
		}
		let header: Header = self.host.api("BlockBuilder_finalize_block", ());
		self.host.pin_code(false);
		let events = self.events();
		self.head = header.clone();
		BuiltBlock { block: Block { header, extrinsics: included }, results, events }
	}
}
