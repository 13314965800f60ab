//! Warnings and errors the runtime logs (a panic's message among them) go to stderr, so that a
//! blob that traps says why.

struct Stderr;

impl log::Log for Stderr {
	fn enabled(&self, metadata: &log::Metadata) -> bool {
		metadata.level() <= log::Level::Warn
	}

	fn log(&self, record: &log::Record) {
		if self.enabled(record.metadata()) {
			eprintln!("mvp-chain: [{} {}] {}", record.level(), record.target(), record.args());
		}
	}

	fn flush(&self) {}
}

pub fn init() {
	// Only fails if a logger is already set, which leaves logging as it was.
	let _ = log::set_logger(&Stderr).map(|()| log::set_max_level(log::LevelFilter::Warn));
}
