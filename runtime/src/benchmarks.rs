//! The pallets whose benchmarks the `Benchmark` runtime API runs (`runtime-benchmarks` builds).

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_grandpa, Grandpa]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_sudo, Sudo]
	[pallet_probe, Probe]
	[pallet_nonce_clock, NonceClock]
	[pallet_validator_set, ValidatorSet]
	[pallet_equivocation, Equivocation]
);

// The benchmark pallets' own configuration: nothing beyond the defaults.
impl frame_system_benchmarking::Config for crate::Runtime {}
impl frame_benchmarking::baseline::Config for crate::Runtime {}
impl pallet_transaction_payment::BenchmarkConfig for crate::Runtime {}
