use crate::{
	Block, Nonce, NonceClock, PalletInfo, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin,
	RuntimeTask, VERSION,
};
use frame_support::{
	derive_impl, parameter_types,
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use mvp_chain_runtime_common::weights;
use sp_version::RuntimeVersion;

/// Two seconds of compute in a six-second block.
pub const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(2 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;
}

mvp_chain_runtime_common::block_limits!(
	MAXIMUM_BLOCK_WEIGHT,
	crate::weights::block_weights::BlockExecutionWeight,
	crate::weights::extrinsic_weights::ExtrinsicBaseWeight
);

#[derive_impl(mvp_chain_runtime_common::configs::SystemDefaults)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type Nonce = Nonce;
	type Version = Version;
	type SystemWeightInfo = weights::frame_system::WeightInfo<Runtime>;
	type ExtensionsWeightInfo = weights::frame_system_extensions::WeightInfo<Runtime>;
	/// Raises the nonce clock's floor, that new accounts' nonces start at, to a reaped
	/// account's nonce.
	type OnKilledAccount = NonceClock;
	type SingleBlockMigrations = crate::Migrations;
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::weights::extrinsic_weights::ExtrinsicBaseWeight;
	use crate::Balance;
	use frame_support::{
		dispatch::{DispatchClass, DispatchInfo, Pays},
		traits::Get,
	};
	use mvp_chain_runtime_common::limits::{MAX_BLOCK_LENGTH, NORMAL_DISPATCH_RATIO};
	use pallet_balances::WeightInfo as _;

	fn transfer() -> Weight {
		weights::pallet_balances::WeightInfo::<Runtime>::transfer_allow_death()
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
