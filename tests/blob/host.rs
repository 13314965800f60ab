//! The hosts the blob tests run in (the host kit's), the blob they load, and what the runtime
//! logged.

pub use mvp_host_kit::host::{
	decode_exact, state_with_code, Host, HostExt, Native, RecordedCall, Recorder, Smoldot, Wasmtime,
};
use std::{
	sync::{Mutex, OnceLock},
	thread,
};

/// The compressed blob, as `:code` holds it.
pub fn blob() -> &'static [u8] {
	mvp_chain::WASM_BINARY.expect("the blob is built unless SKIP_WASM_BUILD is set")
}

/// The test fixture built from the same source with the probe pallet (`runtime/`'s `probe`
/// feature); natively the tests compile the runtime with it too.
pub fn probe_blob() -> &'static [u8] {
	mvp_chain::fixtures::PROBE.expect("fixtures are built with the blob")
}

/// Whether `H` runs the runtime compiled natively, which has the probe pallet whatever
/// `:code` holds.
pub fn is_native<H: Host + 'static>() -> bool {
	std::any::TypeId::of::<H>() == std::any::TypeId::of::<Native>()
}

/// Takes what the runtime logged on the `runtime` target, where sp-io's panic handler writes
/// (and on `try-runtime`, where FRAME's upgrade checks do),
/// from calls made on this thread: wasmtime runs the blob on the caller's thread, the native
/// host on one that takes the caller's name (a test's threads are named after the test).
pub fn runtime_log() -> Vec<String> {
	struct Capture;
	static LINES: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());
	static INSTALLED: OnceLock<()> = OnceLock::new();
	impl log::Log for Capture {
		fn enabled(&self, metadata: &log::Metadata) -> bool {
			// FRAME's upgrade checks report on their own target.
			matches!(metadata.target(), "runtime" | "try-runtime")
		}
		fn log(&self, record: &log::Record) {
			if self.enabled(record.metadata()) {
				let line = (caller(), record.args().to_string());
				LINES.lock().unwrap_or_else(|e| e.into_inner()).push(line);
			}
		}
		fn flush(&self) {}
	}
	INSTALLED.get_or_init(|| {
		log::set_logger(&Capture).expect("no other logger in this test binary");
		log::set_max_level(log::LevelFilter::Info);
	});
	let mut lines = LINES.lock().unwrap_or_else(|e| e.into_inner());
	let this = caller();
	let (mine, others) = lines.drain(..).partition(|(id, _)| *id == this);
	*lines = others;
	mine.into_iter().map(|(_, line)| line).collect()
}

/// The name of this thread, or its id where it has none.
fn caller() -> String {
	let this = thread::current();
	this.name().map_or_else(|| format!("{:?}", this.id()), str::to_owned)
}

/// Registers a scenario written once over any host, `fn scenario<H: Host>(new: fn(Storage) ->
/// H)`, as one test per host named: `scenario::wasmtime`, `scenario::smoldot`,
/// `scenario::native`.
macro_rules! in_hosts {
	($scenario:ident: $($host:ident),+) => {
		mod $scenario {
			$(
				#[test]
				fn $host() {
					super::$scenario($crate::host::in_hosts!(@new $host))
				}
			)+
		}
	};
	(@new wasmtime) => { $crate::host::Wasmtime::new };
	(@new smoldot) => { $crate::host::Smoldot::new };
	(@new native) => { $crate::host::Native::new };
}
pub(crate) use in_hosts;
