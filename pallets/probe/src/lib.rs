//! # Probe pallet
//!
//! Root-only calls that push the runtime against the edges of its host: a large allocation
//! through the host allocator, recursion to a chosen depth on the shadow stack, a storage
//! transaction that is written, read and rolled back, and a panic with a chosen message.
//! Tests dispatch them through `sudo` to check that a host handles each edge cleanly.
//! Every call requires the Root origin, so the pallet is harmless in a production blob.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

/// The byte at `index` of the pattern `allocate` fills its buffer with; public so a host-side
/// checker can rebuild the same buffer and compare hashes.
pub fn pattern_byte(index: u32) -> u8 {
	(index.wrapping_mul(2_654_435_761) >> 24) as u8
}

#[frame_support::pallet]
pub mod pallet {
	use super::{pattern_byte, WeightInfo};
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, storage::with_transaction};
	use frame_system::pallet_prelude::*;
	use sp_runtime::TransactionOutcome;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Largest buffer `allocate` may request, in bytes.
		#[pallet::constant]
		type MaxAllocation: Get<u32>;
		/// Longest message `panic` accepts, in bytes.
		#[pallet::constant]
		type MaxMessageLen: Get<u32>;
		type WeightInfo: WeightInfo;
	}

	/// Written and rolled back by `storage_rollback`; must stay empty outside that call.
	#[pallet::storage]
	pub type Scratch<T> = StorageValue<_, u32, OptionQuery>;

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// The rolled-back write never reaches the state.
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			ensure!(!Scratch::<T>::exists(), "probe: Scratch outlived storage_rollback");
			Ok(())
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A buffer of `len` bytes was allocated and filled; `hash` is its blake2-256.
		Allocated { len: u32, hash: [u8; 32] },
		/// Recursion reached `depth` frames; `checksum` folds a value from every frame.
		Recursed { depth: u32, checksum: u64 },
		/// `seen` was read back inside the storage transaction before it was rolled back.
		RolledBack { seen: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The requested allocation is larger than `MaxAllocation`.
		AllocationTooLarge,
		/// The value written inside the storage transaction did not read back.
		TransactionReadMismatch,
		/// The rolled-back write is still visible after the transaction ended.
		RollbackLeftTrace,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Allocate `len` bytes from the host allocator, fill them with [`pattern_byte`] and
		/// emit their hash.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::allocate(*len))]
		pub fn allocate(origin: OriginFor<T>, len: u32) -> DispatchResult {
			ensure_root(origin)?;
			ensure!(len <= T::MaxAllocation::get(), Error::<T>::AllocationTooLarge);
			let buffer: Vec<u8> = (0..len).map(pattern_byte).collect();
			let hash = sp_io::hashing::blake2_256(&buffer);
			Self::deposit_event(Event::Allocated { len, hash });
			Ok(())
		}

		/// Recurse `depth` frames deep. Beyond the stack this traps, which is the point.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::recurse(*depth))]
		pub fn recurse(origin: OriginFor<T>, depth: u32) -> DispatchResult {
			ensure_root(origin)?;
			let checksum = descend(depth);
			Self::deposit_event(Event::Recursed { depth, checksum });
			Ok(())
		}

		/// Write `value`, read it back inside a storage transaction, then roll it back.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::storage_rollback())]
		pub fn storage_rollback(origin: OriginFor<T>, value: u32) -> DispatchResult {
			ensure_root(origin)?;
			let seen = with_transaction(|| {
				Scratch::<T>::put(value);
				TransactionOutcome::Rollback(Ok::<_, DispatchError>(Scratch::<T>::get()))
			})?;
			ensure!(seen == Some(value), Error::<T>::TransactionReadMismatch);
			ensure!(!Scratch::<T>::exists(), Error::<T>::RollbackLeftTrace);
			Self::deposit_event(Event::RolledBack { seen: value });
			Ok(())
		}

		/// Panic with `message`; the host should see the message in its log.
		// A call that panics cannot be benchmarked; its work, formatting the message, is less
		// than allocating and hashing as many bytes.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::allocate(message.len() as u32))]
		pub fn panic(
			origin: OriginFor<T>,
			message: BoundedVec<u8, T::MaxMessageLen>,
		) -> DispatchResult {
			ensure_root(origin)?;
			panic!("probe panic: {}", alloc::string::String::from_utf8_lossy(&message));
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// The scratch value; `None` whenever no storage transaction is in flight.
		pub fn scratch() -> Option<u32> {
			Scratch::<T>::get()
		}
	}

	/// Each frame keeps a 256-byte buffer live across the recursive call so that the depth
	/// really consumes stack; `black_box` stops the optimiser from turning it into a loop.
	#[inline(never)]
	fn descend(depth: u32) -> u64 {
		let mut frame = [0u8; 256];
		frame[(depth % 256) as usize] = depth as u8;
		let frame = core::hint::black_box(frame);
		let below = if depth == 0 { 0 } else { descend(depth - 1) };
		core::hint::black_box(
			below.wrapping_mul(31).wrapping_add(u64::from(frame[(depth % 256) as usize])),
		)
	}
}
