use crate as pallet_equivocation;
use codec::Encode;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstBool, ConstU32, ConstU64, KeyOwnerProofSystem, OnInitialize},
};
use pallet_session::historical as pallet_session_historical;
use sp_consensus_aura::{digests::CompatibleDigestItem, sr25519::AuthorityId as AuraId};
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::{crypto::KeyTypeId, sr25519};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_keystore::{testing::MemoryKeystore, Keystore, KeystoreExt};
use sp_runtime::{
	generic::{Digest, DigestItem},
	impl_opaque_keys,
	testing::TestXt,
	traits::{ConvertInto, OpaqueKeys},
	BuildStorage,
};
use sp_staking::offence::{OffenceDetails, OnOffenceHandler};

type Block = frame_system::mocking::MockBlock<Test>;
pub type Header = frame_system::pallet_prelude::HeaderFor<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Timestamp: pallet_timestamp,
		Balances: pallet_balances,
		Authorship: pallet_authorship,
		Aura: pallet_aura,
		Grandpa: pallet_grandpa,
		Session: pallet_session,
		Historical: pallet_session_historical,
		Offences: pallet_offences,
		Equivocation: pallet_equivocation,
	}
);

impl_opaque_keys! {
	pub struct Keys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

pub const SESSION_BLOCKS: u64 = 5;
pub const HISTORY_DEPTH: u32 = 3;
/// The validators (accounts 1 to 3) and the keyring entries of their keys.
pub const VALIDATORS: [(u64, Sr25519Keyring, Ed25519Keyring); 3] = [
	(1, Sr25519Keyring::Alice, Ed25519Keyring::Alice),
	(2, Sr25519Keyring::Bob, Ed25519Keyring::Bob),
	(3, Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
];

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

impl pallet_authorship::Config for Test {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = ();
}

impl pallet_aura::Config for Test {
	type AuthorityId = AuraId;
	type MaxAuthorities = ConstU32<8>;
	type DisabledValidators = Session;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = ConstU64<6000>;
}

impl pallet_grandpa::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<8>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<8>;
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem = crate::grandpa::CheckedReports<
		Test,
		pallet_grandpa::EquivocationReportSystem<Self, Offences, Historical, ConstU64<100>>,
	>;
}

/// The genesis set, every session: these tests are about reports, not set changes.
pub struct FixedSet;
impl pallet_session::SessionManager<u64> for FixedSet {
	fn new_session(_: u32) -> Option<Vec<u64>> {
		None
	}
	fn new_session_genesis(_: u32) -> Option<Vec<u64>> {
		Some(VALIDATORS.iter().map(|(v, ..)| *v).collect())
	}
	fn start_session(_: u32) {}
	fn end_session(_: u32) {}
}
impl pallet_session_historical::SessionManager<u64, ()> for FixedSet {
	fn new_session(i: u32) -> Option<Vec<(u64, ())>> {
		<Self as pallet_session::SessionManager<_>>::new_session(i)
			.map(|set| set.into_iter().map(|v| (v, ())).collect())
	}
	fn new_session_genesis(i: u32) -> Option<Vec<(u64, ())>> {
		<Self as pallet_session::SessionManager<_>>::new_session_genesis(i)
			.map(|set| set.into_iter().map(|v| (v, ())).collect())
	}
	fn start_session(_: u32) {}
	fn end_session(_: u32) {}
}

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = u64;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<ConstU64<SESSION_BLOCKS>, ConstU64<0>>;
	type NextSessionRotation =
		pallet_session::PeriodicSessions<ConstU64<SESSION_BLOCKS>, ConstU64<0>>;
	type SessionManager = pallet_session_historical::NoteHistoricalRoot<Test, FixedSet>;
	type SessionHandler = <Keys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = Keys;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = ();
}

pub struct Unit;
impl sp_runtime::traits::Convert<u64, Option<()>> for Unit {
	fn convert(_: u64) -> Option<()> {
		Some(())
	}
}

impl pallet_session_historical::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = Unit;
}

parameter_types! {
	/// Offenders `pallet-offences` handed on, with the session of their offence.
	pub static Punished: Vec<(u64, u32)> = Vec::new();
}

pub struct RecordOffenders;
impl OnOffenceHandler<u64, (u64, ()), frame_support::weights::Weight> for RecordOffenders {
	fn on_offence(
		offenders: &[OffenceDetails<u64, (u64, ())>],
		_: &[sp_runtime::Perbill],
		session: u32,
	) -> frame_support::weights::Weight {
		Punished::mutate(|p| p.extend(offenders.iter().map(|o| (o.offender.0, session))));
		Default::default()
	}
}

impl pallet_offences::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session_historical::IdentificationTuple<Self>;
	type OnOffenceHandler = RecordOffenders;
}

impl pallet_equivocation::Config for Test {
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem =
		crate::EquivocationReportSystem<Self, Offences, Historical, ConstU64<100>>;
	type HistoryDepth = ConstU32<HISTORY_DEPTH>;
	type WeightInfo = ();
}

impl<C> frame_system::offchain::CreateTransactionBase<C> for Test
where
	RuntimeCall: From<C>,
{
	type Extrinsic = TestXt<RuntimeCall, ()>;
	type RuntimeCall = RuntimeCall;
}

impl<C> frame_system::offchain::CreateBare<C> for Test
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: Self::RuntimeCall) -> Self::Extrinsic {
		TestXt::new_bare(call)
	}
}

pub fn aura_key(who: u64) -> AuraId {
	VALIDATORS[who as usize - 1].1.public().into()
}

pub fn grandpa_key(who: u64) -> GrandpaId {
	VALIDATORS[who as usize - 1].2.public().into()
}

/// Validators 1 to 3 with their keys; a keystore holding their Aura and GRANDPA secrets; block
/// 1 begun at slot 100.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: VALIDATORS.iter().map(|(v, ..)| (*v, 1_000)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_session::GenesisConfig::<Test> {
		keys: VALIDATORS
			.iter()
			.map(|(v, ..)| (*v, *v, Keys { aura: aura_key(*v), grandpa: grandpa_key(*v) }))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_equivocation::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	let keystore = MemoryKeystore::new();
	for (_, aura, grandpa) in VALIDATORS {
		keystore.sr25519_generate_new(KeyTypeId(*b"aura"), Some(&aura.to_seed())).unwrap();
		keystore
			.ed25519_generate_new(sp_consensus_grandpa::KEY_TYPE, Some(&grandpa.to_seed()))
			.unwrap();
	}
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.register_extension(KeystoreExt::new(keystore));
	ext.execute_with(|| start_block(1, 100));
	ext
}

/// Begins block `number` at Aura slot `slot`, as a node's block import does.
pub fn start_block(number: u64, slot: u64) {
	let pre_digest =
		<DigestItem as CompatibleDigestItem<sr25519::Signature>>::aura_pre_digest(slot.into());
	System::reset_events();
	System::initialize(&number, &System::parent_hash(), &Digest { logs: vec![pre_digest] });
	AllPalletsWithSystem::on_initialize(number);
}

/// Runs one block per slot up to the first block of session `index`.
pub fn run_to_session(index: u32) {
	while Session::current_index() < index {
		let number = System::block_number() + 1;
		let slot = u64::from(pallet_aura::CurrentSlot::<Test>::get()) + 1;
		start_block(number, slot);
	}
}

/// A key-ownership proof for `who`'s Aura key in the current session.
pub fn aura_ownership(who: u64) -> sp_session::MembershipProof {
	Historical::prove((KeyTypeId(*b"aura"), aura_key(who).encode())).unwrap()
}

pub fn sealed(who: u64, slot: u64, seed: u8) -> Header {
	crate::testing::sealed_header::<Test>(&aura_key(who), slot.into(), seed)
}
