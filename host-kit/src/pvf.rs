//! `validate_block` as a relay chain's validators run it: polkadot's PVF executor
//! (`polkadot-node-core-pvf-common`) prevalidates and prepares a parachain's code once, with the
//! default executor parameters, and executes each candidate's proof of validity on a thread with
//! the stack an execute worker gives it. Also the relay chain's limits a candidate must keep.

use codec::{Decode, Encode};
use polkadot_node_core_pvf_common::executor_interface::{execute_artifact, prepare, prevalidate};
use polkadot_node_primitives::{maybe_compress_pov, PoV};
use polkadot_parachain_primitives::primitives::{BlockData, ValidationParams, ValidationResult};
use polkadot_primitives::{
	executor_params::{DEFAULT_BACKING_EXECUTION_TIMEOUT, DEFAULT_NATIVE_STACK_MAX},
	ExecutorParams, MAX_CODE_SIZE,
};
use std::{
	sync::Arc,
	thread,
	time::{Duration, Instant},
};

/// How long backing validators give a candidate's `validate_block` before they refuse it.
pub const BACKING_TIMEOUT: Duration = DEFAULT_BACKING_EXECUTION_TIMEOUT;
/// The largest proof of validity, as a collator sends it (compressed), the relay chain takes.
pub const MAX_POV_SIZE: usize = polkadot_primitives::MAX_POV_SIZE as usize;

/// A parachain's code as a validator's PVF host holds it, prepared.
pub struct Validator {
	artifact: Arc<Vec<u8>>,
	/// How long prevalidation and preparation took.
	pub prepare_time: Duration,
}

impl Validator {
	/// Prepares `blob` (compressed or not) as a validator does once per code: decompressed within
	/// ten times the relay chain's code size limit (the PVF host's bound), prevalidated and
	/// compiled with the default executor parameters.
	pub fn prepare(blob: &[u8]) -> Result<Self, String> {
		let code = sp_maybe_compressed_blob::decompress(blob, 10 * MAX_CODE_SIZE as usize)
			.map_err(|e| format!("decompressing the code as a validator does: {e}"))?;
		let started = Instant::now();
		let runtime = prevalidate(&code).map_err(|e| format!("PVF prevalidation: {e}"))?;
		let artifact = prepare(runtime, &ExecutorParams::default())
			.map_err(|e| format!("PVF preparation: {e}"))?;
		Ok(Self { artifact: Arc::new(artifact), prepare_time: started.elapsed() })
	}

	/// `validate_block` on `params`, as an execute worker runs it: on a thread of its own with
	/// the native stack the deterministic stack limit assumes, timed as the worker times the job.
	/// The thread takes the caller's name, so that what the runtime logs stays with the caller.
	pub fn validate(
		&self,
		params: &ValidationParams,
	) -> (Result<ValidationResult, String>, Duration) {
		let input = params.encode();
		let artifact = self.artifact.clone();
		let name = thread::current().name().map(str::to_owned).unwrap_or_default();
		let worker = thread::Builder::new()
			.name(name)
			.stack_size(2 * 1024 * 1024 + DEFAULT_NATIVE_STACK_MAX as usize)
			.spawn(move || {
				let started = Instant::now();
				// SAFETY: the artifact is `prepare`'s output, unmodified, as the function
				// requires.
				let output =
					unsafe { execute_artifact(&artifact, &ExecutorParams::default(), &input) };
				(output, started.elapsed())
			});
		let joined = match worker {
			Ok(worker) => worker.join().map_err(|_| "the execute worker panicked".to_string()),
			Err(e) => Err(format!("no execute worker thread: {e}")),
		};
		let (output, time) = match joined {
			Ok(done) => done,
			Err(e) => return (Err(e), Duration::ZERO),
		};
		let result = output.map_err(|e| e.to_string()).and_then(|out| {
			ValidationResult::decode(&mut &out[..]).map_err(|e| format!("the result: {e}"))
		});
		(result, time)
	}
}

/// The size of `block_data` (an encoded `ParachainBlockData`) as a collator sends it: compressed
/// unless that would exceed the bomb limit. The relay chain refuses a proof of validity larger
/// than [`MAX_POV_SIZE`].
pub fn sent_size(block_data: &[u8]) -> usize {
	maybe_compress_pov(PoV { block_data: BlockData(block_data.to_vec()) }).encoded_size()
}
