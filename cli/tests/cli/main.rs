//! The `mvp-chain` tool run as a user runs it: its commands' output, and the messages that
//! name a bad option or file.

mod bench;
mod chain_spec;
mod info;

use std::process::Output;

/// Refused by clap while parsing: its usage-error exit code (2; ours is 1) and the argument,
/// and the bad value, named. The sentence around them is clap's and is not checked.
pub fn refused_by_clap(output: &Output, names: &[&str]) {
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert_eq!(output.status.code(), Some(2), "{stderr}");
	for name in names {
		assert!(stderr.contains(name), "{name:?} not named: {stderr}");
	}
}

/// Refused by the tool itself: exit code 1 and its own message.
pub fn refused_by_us(output: &Output, message: &str) {
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert_eq!(output.status.code(), Some(1), "{stderr}");
	assert!(stderr.contains(message), "{message:?} not in: {stderr}");
}
