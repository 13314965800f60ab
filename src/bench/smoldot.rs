//! smoldot's executor (the wasmi interpreter), answering storage from an in-memory map.

use super::executor::{Cost, Executor};
use mvp_chain::hosts::smoldot::call;
use smoldot::executor::{self, host::HostVmPrototype, vm};
use sp_core::storage::Storage;
use std::{
	any::Any,
	collections::BTreeMap,
	panic::{self, AssertUnwindSafe},
	time::{Duration, Instant},
};

pub struct Smoldot {
	code: Vec<u8>,
	prototype: Option<HostVmPrototype>,
	state: BTreeMap<Vec<u8>, Vec<u8>>,
}

impl Smoldot {
	/// Parses, validates and instantiates `code` (compressed or not) in wasmi.
	pub fn compile(code: &[u8]) -> Result<(Self, Duration), String> {
		let started = Instant::now();
		let prototype = HostVmPrototype::new(executor::host::Config {
			module: code,
			heap_pages: executor::DEFAULT_HEAP_PAGES,
			exec_hint: vm::ExecHint::ForceWasmi { lazy_validation: false },
			allow_unresolved_imports: false,
		})
		.map_err(|e| format!("smoldot cannot load the blob: {e}"))?;
		let compiled = started.elapsed();
		let state = BTreeMap::new();
		Ok((Self { code: code.to_vec(), prototype: Some(prototype), state }, compiled))
	}
}

impl Executor for Smoldot {
	fn reset(&mut self, state: &Storage) {
		self.state = state.top.clone();
	}

	fn call(
		&mut self,
		method: &str,
		input: &[u8],
		keep: &dyn Fn(&[u8]) -> bool,
	) -> Result<(Vec<u8>, Cost), String> {
		let prototype = match self.prototype.take() {
			Some(prototype) => prototype,
			// A panic inside smoldot took the last one.
			None => Self::compile(&self.code)?.0.prototype.expect("just compiled"),
		};
		let started = Instant::now();
		let state = &self.state;
		let (result, prototype, requests) =
			panic::catch_unwind(AssertUnwindSafe(|| call(prototype, method, input, state)))
				.map_err(|panic| format!("{method}: smoldot panicked: {}", message(&panic)))?;
		let time = started.elapsed();
		self.prototype = Some(prototype);
		let finished = result.map_err(|e| format!("{method}: {e}"))?;
		if keep(&finished.output) {
			for (key, value) in finished.changes {
				match value {
					Some(value) => self.state.insert(key, value),
					None => self.state.remove(&key),
				};
			}
		}
		let host =
			vec![("storage", requests.count, requests.storage), ("crypto", 0, requests.signatures)];
		Ok((finished.output, Cost { time, heap_peak: None, host }))
	}
}

fn message(panic: &Box<dyn Any + Send>) -> String {
	panic
		.downcast_ref::<String>()
		.cloned()
		.or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
		.unwrap_or_else(|| "no message".into())
		.replace('\n', " ")
}
