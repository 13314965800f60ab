use crate::weights::{block_weights::BlockExecutionWeight, extrinsic_weights::ExtrinsicBaseWeight};
use crate::{
	AccountId, Balance, Block, BlockNumber, Hash, Nonce, NonceClock, PalletInfo, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeOrigin, RuntimeTask, VERSION,
};
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstU32, Get},
	weights::{
		constants::{RocksDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		Weight,
	},
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_runtime::Perbill;
use sp_version::RuntimeVersion;

/// Operational and mandatory extrinsics keep a quarter of every block for themselves.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;
/// Two seconds of compute in a six-second block.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(2 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);
/// What `on_initialize` hooks may use before transactions, as upstream runtimes assume.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(10);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	pub const SS58Prefix: u16 = crate::chain_properties::SS58_PREFIX;
}

/// The block limits, built once: per runtime call in wasm, whose every call starts from fresh
/// memory. `parameter_types!` would build them (and validate the weights) on every `get()`, and
/// FRAME asks for them several times per extrinsic: about a tenth of a transfer's time in
/// smoldot, which interprets every step.
pub struct RuntimeBlockWeights;
impl Get<BlockWeights> for RuntimeBlockWeights {
	fn get() -> BlockWeights {
		static BUILT: spin::Once<BlockWeights> = spin::Once::new();
		BUILT.call_once(block_weights).clone()
	}
}

/// Built once, as the weights are.
pub struct RuntimeBlockLength;
impl Get<BlockLength> for RuntimeBlockLength {
	fn get() -> BlockLength {
		static BUILT: spin::Once<BlockLength> = spin::Once::new();
		BUILT.call_once(block_length).clone()
	}
}

/// Base weights measured on this runtime (`crate::weights`), not the pallets' defaults.
fn block_weights() -> BlockWeights {
	BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |class| class.base_extrinsic = ExtrinsicBaseWeight::get())
		.for_class(DispatchClass::Normal, |class| {
			class.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT)
		})
		.for_class(DispatchClass::Operational, |class| {
			class.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			class.reserved =
				Some(MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.avg_block_initialization(AVERAGE_ON_INITIALIZE_RATIO)
		.build_or_panic()
}

fn block_length() -> BlockLength {
	BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * *max
		})
		.build()
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	type DbWeight = RocksDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	type SystemWeightInfo = crate::weights::frame_system::WeightInfo<Runtime>;
	type ExtensionsWeightInfo = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
	/// Raises the nonce clock's floor, that new accounts' nonces start at, to a reaped
	/// account's nonce.
	type OnKilledAccount = NonceClock;
	type SingleBlockMigrations = crate::Migrations;
}

impl pallet_nonce_clock::Config for Runtime {
	type WeightInfo = crate::weights::pallet_nonce_clock::WeightInfo<Runtime>;
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::dispatch::{DispatchInfo, Pays};
	use pallet_balances::WeightInfo as _;

	fn transfer() -> Weight {
		crate::weights::pallet_balances::WeightInfo::<Runtime>::transfer_allow_death()
	}

	#[test]
	fn the_block_limits_leave_operational_room_and_hold_thousands_of_transfers() {
		let weights = RuntimeBlockWeights::get();
		assert_eq!(weights.max_block, MAXIMUM_BLOCK_WEIGHT);
		let normal = weights.get(DispatchClass::Normal);
		let operational = weights.get(DispatchClass::Operational);
		assert_eq!(normal.max_total, Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT));
		assert_eq!(operational.max_total, Some(MAXIMUM_BLOCK_WEIGHT));
		// What a normal block has for transactions, after the block's own base and hooks.
		let room = normal.max_extrinsic.expect("a bound").ref_time();
		let per_transfer = (transfer() + normal.base_extrinsic).ref_time();
		assert!(room / per_transfer >= 2_000, "{} transfers a block", room / per_transfer);

		let length = RuntimeBlockLength::get().max;
		assert_eq!(*length.get(DispatchClass::Normal), NORMAL_DISPATCH_RATIO * MAX_BLOCK_LENGTH);
		assert_eq!(*length.get(DispatchClass::Operational), MAX_BLOCK_LENGTH);
	}

	#[test]
	fn a_fee_is_its_weight_and_length_in_plancks_whatever_the_block_fullness() {
		sp_io::TestExternalities::default().execute_with(|| {
			let info = DispatchInfo {
				call_weight: transfer(),
				class: DispatchClass::Normal,
				pays_fee: Pays::Yes,
				..Default::default()
			};
			let len = 140;
			let fee = pallet_transaction_payment::Pallet::<Runtime>::compute_fee(len, &info, 0);
			let base = ExtrinsicBaseWeight::get().ref_time();
			let expected = Balance::from(base + u64::from(len) + transfer().ref_time());
			assert_eq!(fee, expected);
			// A full previous block leaves the multiplier, and so the quote, unchanged.
			frame_system::Pallet::<Runtime>::register_extra_weight_unchecked(
				MAXIMUM_BLOCK_WEIGHT,
				DispatchClass::Normal,
			);
			<pallet_transaction_payment::Pallet<Runtime> as frame_support::traits::Hooks<_>>::on_finalize(1);
			assert_eq!(
				pallet_transaction_payment::Pallet::<Runtime>::compute_fee(len, &info, 0),
				fee
			);
		});
	}
}
