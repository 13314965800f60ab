//! The tool's log on stderr, filtered by `RUST_LOG` as everywhere in the ecosystem
//! (`RUST_LOG=runtime=debug mvp-chain bench`, say). Without it, warnings and errors: what the
//! runtime logs when it refuses or traps (a panic's message among them), so that a blob that
//! traps says why.

use std::io::Write;

pub fn init() {
	let mut builder = env_logger::Builder::new();
	builder.filter_level(log::LevelFilter::Warn).parse_env("RUST_LOG").format(|out, record| {
		writeln!(out, "mvp-chain: [{} {}] {}", record.level(), record.target(), record.args())
	});
	// Only fails if a logger is already set, which leaves logging as it was.
	let _ = builder.try_init();
}
