//! The configuration both runtimes give the pallets they share: frame-system's common part as a
//! FRAME `#[derive_impl]` default ([`SystemDefaults`]: each runtime adds its block limits, its
//! migrations, its code-upgrade path), and the pallets configured alike in full
//! ([`impl_shared_configs!`]).
//!
//! **The fee policy** is here, whole: every fee and every tip is burned (`FeesBurned`), with
//! no treasury and no block author reward. A fee is the base weight, the length and the call's
//! weight, one unit each (`IdentityFee`), times a constant multiplier, as in the solochain
//! template, so a wallet's quote is exactly what is paid. To pay fees to someone, replace
//! `OnChargeTransaction` (pallet-transaction-payment's `FungibleAdapter` with an `OnUnbalanced` of your
//! own); to let fees follow congestion, replace `FeeMultiplierUpdate` (`TargetedFeeAdjustment`),
//! both in [`impl_shared_configs!`].

use crate::{chain_properties::SS58_PREFIX, AccountId, Balance, Hash};
use frame_support::{
	derive_impl,
	pallet_prelude::inject_runtime_type,
	parameter_types, register_default_impl,
	traits::{ConstU16, ConstU32},
	weights::constants::RocksDbWeight,
};
use pallet_transaction_payment::Multiplier;
use sp_runtime::traits::One;

pub struct SystemDefaults;

#[derive_impl(
	frame_system::config_preludes::SolochainDefaultConfig as frame_system::DefaultConfig,
	no_aggregated_types
)]
#[register_default_impl(SystemDefaults)]
impl frame_system::DefaultConfig for SystemDefaults {
	type AccountId = AccountId;
	type Hash = Hash;
	type BlockHashCount = ConstU32<2400>;
	type DbWeight = RocksDbWeight;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = ConstU16<SS58_PREFIX>;
	type MaxConsumers = ConstU32<16>;
}

parameter_types! {
	/// Fees do not drift with block fullness: wallets can quote them exactly.
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

/// Fees and tips burned. `BurnFees` does what `FungibleAdapter<Balances, ()>` would with about
/// 80 fewer host calls per transaction (docs/performance-and-weights.md, "Host calls").
pub type FeesBurned<Runtime> = mvp_fee_burner::BurnFees<pallet_balances::Pallet<Runtime>>;

/// Implements, for the `Runtime` in scope, the configuration of the pallets both runtimes run
/// alike: balances, transaction payment (the fee policy above), sudo and the nonce clock, with
/// the weights measured on the solochain's blob (`crate::weights`). The runtime must name its
/// `System` pallet so and derive `RuntimeEvent`, `RuntimeCall`, `RuntimeHoldReason` and
/// `RuntimeFreezeReason`, as `#[frame_support::runtime]` does. A macro, since Rust allows these
/// impls only in the crate that defines `Runtime`.
#[macro_export]
macro_rules! impl_shared_configs {
	() => {
		impl pallet_balances::Config for Runtime {
			type RuntimeEvent = RuntimeEvent;
			type RuntimeHoldReason = RuntimeHoldReason;
			type RuntimeFreezeReason = RuntimeFreezeReason;
			type WeightInfo = $crate::weights::pallet_balances::WeightInfo<Runtime>;
			type Balance = $crate::Balance;
			type DustRemoval = ();
			type ExistentialDeposit =
				frame_support::traits::ConstU128<{ $crate::EXISTENTIAL_DEPOSIT }>;
			type AccountStore = System;
			type ReserveIdentifier = [u8; 8];
			type FreezeIdentifier = RuntimeFreezeReason;
			type MaxLocks = frame_support::traits::ConstU32<50>;
			type MaxReserves = ();
			type MaxFreezes = frame_support::traits::VariantCountOf<RuntimeFreezeReason>;
			type DoneSlashHandler = ();
		}

		impl pallet_transaction_payment::Config for Runtime {
			type RuntimeEvent = RuntimeEvent;
			type OnChargeTransaction = $crate::configs::FeesBurned<Runtime>;
			type WeightToFee = frame_support::weights::IdentityFee<$crate::Balance>;
			type LengthToFee = frame_support::weights::IdentityFee<$crate::Balance>;
			type FeeMultiplierUpdate =
				pallet_transaction_payment::ConstFeeMultiplier<$crate::configs::FeeMultiplier>;
			type OperationalFeeMultiplier = frame_support::traits::ConstU8<5>;
			type WeightInfo = $crate::weights::pallet_transaction_payment::WeightInfo<Runtime>;
		}

		impl pallet_sudo::Config for Runtime {
			type RuntimeEvent = RuntimeEvent;
			type RuntimeCall = RuntimeCall;
			type WeightInfo = $crate::weights::pallet_sudo::WeightInfo<Runtime>;
		}

		impl pallet_nonce_clock::Config for Runtime {
			type WeightInfo = $crate::weights::pallet_nonce_clock::WeightInfo<Runtime>;
		}
	};
}
