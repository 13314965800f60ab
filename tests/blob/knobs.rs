//! What the property tests take from the environment: how long to run, and the random seed,
//! so that a long run or a failing seed can be repeated.

use rand::Rng;

/// The number in `name`, if set; anything else there is a mistake worth stopping for.
pub fn number(name: &str) -> Option<u64> {
	let value = std::env::var(name).ok()?;
	Some(value.parse().unwrap_or_else(|_| panic!("{name}={value} is not a number")))
}

/// The seed in `name`, or a fresh one from the thread's random source.
pub fn seed(name: &str) -> u64 {
	number(name).unwrap_or_else(|| rand::thread_rng().gen())
}
