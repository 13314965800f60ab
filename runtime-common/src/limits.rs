//! The limits of a block: what it may weigh and how long it may be, per dispatch class. Each
//! runtime gives its own maximum weight (a parachain's proof size is bounded by what the relay
//! chain accepts in a PoV) and builds the rest here.

use frame_support::{dispatch::DispatchClass, weights::Weight};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_runtime::Perbill;

/// Operational and mandatory extrinsics keep a quarter of every block for themselves.
pub const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
pub const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;
/// What `on_initialize` hooks may use before transactions, as upstream runtimes assume.
pub const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(10);

/// A block of at most `max_block`, with the base weights measured on the runtime (an empty
/// block's and an extrinsic's).
pub fn block_weights(
	max_block: Weight,
	base_block: Weight,
	base_extrinsic: Weight,
) -> BlockWeights {
	BlockWeights::builder()
		.base_block(base_block)
		.for_class(DispatchClass::all(), |class| class.base_extrinsic = base_extrinsic)
		.for_class(DispatchClass::Normal, |class| {
			class.max_total = Some(NORMAL_DISPATCH_RATIO * max_block)
		})
		.for_class(DispatchClass::Operational, |class| {
			class.max_total = Some(max_block);
			class.reserved = Some(max_block - NORMAL_DISPATCH_RATIO * max_block);
		})
		.avg_block_initialization(AVERAGE_ON_INITIALIZE_RATIO)
		.build_or_panic()
}

pub fn block_length() -> BlockLength {
	BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * *max
		})
		.build()
}

/// Declares `RuntimeBlockWeights` and `RuntimeBlockLength`, a runtime's block limits for
/// `frame_system::Config`, for blocks of at most `$max_block` with the runtime's measured base
/// weights (`$base_block`, an empty block's, and `$base_extrinsic`, each a `Get<Weight>`). Each
/// is built once per runtime call: in wasm every call starts from
/// fresh memory, and `parameter_types!` would build them (and validate the weights) on every
/// `get()`, which FRAME asks for several times per extrinsic: about a tenth of a transfer's time
/// in smoldot, which interprets every step. A macro, so that each runtime has statics of its own.
#[macro_export]
macro_rules! block_limits {
	($max_block:expr, $base_block:ty, $base_extrinsic:ty) => {
		/// The block weight limits, built once per runtime call.
		pub struct RuntimeBlockWeights;
		impl frame_support::traits::Get<frame_system::limits::BlockWeights>
			for RuntimeBlockWeights
		{
			fn get() -> frame_system::limits::BlockWeights {
				use frame_support::{traits::Get, weights::Weight};
				static BUILT: $crate::reexport::spin::Once<frame_system::limits::BlockWeights> =
					$crate::reexport::spin::Once::new();
				BUILT
					.call_once(|| {
						$crate::limits::block_weights(
							$max_block,
							<$base_block as Get<Weight>>::get(),
							<$base_extrinsic as Get<Weight>>::get(),
						)
					})
					.clone()
			}
		}

		/// The block length limits, built once per runtime call.
		pub struct RuntimeBlockLength;
		impl frame_support::traits::Get<frame_system::limits::BlockLength> for RuntimeBlockLength {
			fn get() -> frame_system::limits::BlockLength {
				static BUILT: $crate::reexport::spin::Once<frame_system::limits::BlockLength> =
					$crate::reexport::spin::Once::new();
				BUILT.call_once($crate::limits::block_length).clone()
			}
		}
	};
}
