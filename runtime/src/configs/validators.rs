//! Who validates: sessions hand the validator set governance approved to Aura and GRANDPA;
//! misbehaviour reports disable and remove an offender.

use crate::{
	AccountId, Aura, Balances, Historical, Offences, Runtime, RuntimeCall, RuntimeEvent,
	SessionKeys, UncheckedExtrinsic, ValidatorSet, HISTORY_DEPTH, MIN_SESSION_BLOCKS,
	SESSION_BLOCKS,
};
use frame_support::{parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use sp_runtime::traits::OpaqueKeys;

/// Aura's and GRANDPA's bound on their authority sets.
pub const MAX_VALIDATORS: u32 = 32;

parameter_types! {
	/// How long a misbehaviour report waits in a pool: as long as its session's root is kept.
	pub const ReportLongevity: u64 = HISTORY_DEPTH as u64 * SESSION_BLOCKS as u64;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = pallet_validator_set::NoteKeyChanges<Runtime>;
	type ShouldEndSession = ValidatorSet;
	type NextSessionRotation = ValidatorSet;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Runtime, ValidatorSet>;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	/// At most a third of the set (rounded down, less one) disabled at once, as upstream
	/// limits it: the others keep authoring.
	type DisablingStrategy = pallet_session::disabling::UpToLimitDisablingStrategy;
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	/// No deposit for keys: only validators governance approves ever author.
	type KeyDeposit = ();
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = pallet_validator_set::NothingAtStake;
}

/// GRANDPA asked to change its set after a stall: start the session that does so soon.
pub struct GrandpaStalled;
impl frame_support::traits::Get<bool> for GrandpaStalled {
	fn get() -> bool {
		pallet_grandpa::Stalled::<Runtime>::exists()
	}
}

impl pallet_validator_set::Config for Runtime {
	type UpdateOrigin = EnsureRoot<AccountId>;
	type MinValidators = ConstU32<1>;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type SessionBlocks = ConstU32<SESSION_BLOCKS>;
	type MinSessionBlocks = ConstU32<MIN_SESSION_BLOCKS>;
	type RotateEarly = GrandpaStalled;
	type HistoryDepth = ConstU32<HISTORY_DEPTH>;
	type WeightInfo = crate::weights::pallet_validator_set::WeightInfo<Runtime>;
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	type OnOffenceHandler = ValidatorSet;
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = ();
}

impl pallet_equivocation::Config for Runtime {
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem =
		pallet_equivocation::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
	type HistoryDepth = ConstU32<HISTORY_DEPTH>;
	type WeightInfo = crate::weights::pallet_equivocation::WeightInfo<Runtime>;
}

/// Reports are unsigned extrinsics a node's runtime API call submits to its own pool.
impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<C> frame_system::offchain::CreateBare<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}

/// The authorities of a chain that ran before sessions: Aura's and GRANDPA's, fixed at its
/// genesis in the same order, each validator's account the one of its Aura key (what this
/// chain's specs have always used). Lists of different lengths cannot be paired: none then.
pub struct FixedAuthorities;
impl pallet_validator_set::migrations::FixedAuthorities<AccountId, SessionKeys>
	for FixedAuthorities
{
	fn validators() -> alloc::vec::Vec<(AccountId, SessionKeys)> {
		let aura = pallet_aura::Authorities::<Runtime>::get();
		let grandpa = pallet_grandpa::Pallet::<Runtime>::grandpa_authorities();
		if aura.len() != grandpa.len() {
			log::error!(
				target: "runtime::validator-set",
				"{} Aura and {} GRANDPA authorities: they cannot be paired into validators",
				aura.len(),
				grandpa.len()
			);
			return alloc::vec::Vec::new();
		}
		aura.into_iter()
			.zip(grandpa)
			.map(|(aura, (grandpa, _))| {
				let account = AccountId::from(sp_core::sr25519::Public::from(aura.clone()));
				(account, SessionKeys { aura, grandpa })
			})
			.collect()
	}
}
