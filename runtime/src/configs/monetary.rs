//! Money: balances, and the fee policy, all of it here.
//!
//! Every fee and every tip is burned: `OnChargeTransaction` is `BurnFees`, with no treasury
//! and no block author reward. A fee is the base weight, the length and the call's weight,
//! one unit each (`IdentityFee`), times a constant multiplier (`FeeMultiplier`), as in the
//! solochain template, so a wallet's quote is exactly what is paid. To pay fees to someone,
//! replace `OnChargeTransaction` (pallet-transaction-payment's `FungibleAdapter` with an
//! `OnUnbalanced` of your own); to let fees follow congestion, replace `FeeMultiplierUpdate`
//! (`TargetedFeeAdjustment`).

use crate::{
	Balance, Balances, Runtime, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, System,
	EXISTENTIAL_DEPOSIT,
};
use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32, ConstU8, VariantCountOf},
	weights::IdentityFee,
};
use pallet_transaction_payment::{ConstFeeMultiplier, Multiplier};
use sp_runtime::traits::One;

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// Fees do not drift with block fullness: wallets can quote them exactly.
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Fees are burned: there is no treasury or block author reward on this chain. `BurnFees`
	// does what `FungibleAdapter<Balances, ()>` would with about 80 fewer host calls per
	// transaction (docs/performance-and-weights.md, "Host calls").
	type OnChargeTransaction = mvp_fee_burner::BurnFees<Balances>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = IdentityFee<Balance>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = crate::weights::pallet_transaction_payment::WeightInfo<Runtime>;
}
