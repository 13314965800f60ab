//! Inputs for the fuzzer: valid inputs taken apart into fields, mutated byte by byte, and put
//! back together either as the bytes fell or re-framed, so that most inputs still pass the
//! API's argument decoding and reach the runtime's own checks.

use codec::{Compact, Encode};
use rand::{rngs::StdRng, seq::SliceRandom, Rng};

/// One field of an entry point's SCALE input.
#[derive(Clone, Debug)]
pub enum Field {
	/// Encoded as it stands (fixed-size values, enums, whole encoded arguments).
	Raw(Vec<u8>),
	/// A byte vector: its compact length prefix is written after mutation, as a node frames an
	/// opaque extrinsic or a JSON document.
	Bytes(Vec<u8>),
}

impl Field {
	fn bytes_mut(&mut self) -> &mut Vec<u8> {
		match self {
			Field::Raw(b) | Field::Bytes(b) => b,
		}
	}
}

pub type Seed = Vec<Field>;

pub fn encode(seed: &[Field]) -> Vec<u8> {
	seed.iter()
		.flat_map(|field| match field {
			Field::Raw(b) => b.clone(),
			Field::Bytes(b) => b.encode(),
		})
		.collect()
}

/// Values at the edges of what decoders and arithmetic handle.
const INTERESTING: &[u8] =
	&[0x00, 0x01, 0x02, 0x03, 0x04, 0x7f, 0x80, 0x81, 0xfc, 0xfd, 0xfe, 0xff];

/// A compact length prefix claiming far more than follows, in every compact mode.
fn lying_compact(rng: &mut StdRng) -> Vec<u8> {
	let claims: [u128; 6] = [63, 64, 16_383, 16_384, 1 << 30, u64::MAX as u128];
	Compact(*claims.choose(rng).expect("non-empty")).encode()
}

/// Applies one to four byte-level mutations.
pub fn mutate_bytes(bytes: &mut Vec<u8>, rng: &mut StdRng, donors: &[Vec<u8>]) {
	for _ in 0..rng.gen_range(1..=4) {
		let len = bytes.len();
		let at = if len == 0 { 0 } else { rng.gen_range(0..len) };
		match rng.gen_range(0..9) {
			0 if len > 0 => bytes[at] ^= 1 << rng.gen_range(0..8),
			1 if len > 0 => bytes[at] = *INTERESTING.choose(rng).expect("non-empty"),
			2 => {
				let extra: Vec<u8> = (0..rng.gen_range(1..=16)).map(|_| rng.gen()).collect();
				bytes.splice(at..at, extra);
			},
			3 if len > 0 => {
				let end = (at + rng.gen_range(1..=16)).min(len);
				bytes.drain(at..end);
			},
			4 => bytes.truncate(at),
			5 if len > 0 => {
				let end = (at + rng.gen_range(1..=32)).min(len);
				let copy = bytes[at..end].to_vec();
				let to = rng.gen_range(0..=len);
				bytes.splice(to..to, copy);
			},
			6 => {
				if let Some(donor) = donors.choose(rng).filter(|d| !d.is_empty()) {
					let from = rng.gen_range(0..donor.len());
					let end = (from + rng.gen_range(1..=64)).min(donor.len());
					let end_here = (at + end - from).min(len);
					bytes.splice(at..end_here, donor[from..end].iter().copied());
				}
			},
			7 => {
				let lie = lying_compact(rng);
				let end = (at + lie.len()).min(len);
				bytes.splice(at..end, lie);
			},
			_ if len > 0 => {
				let n = rng.gen_range(1..=8).min(len - at);
				for b in &mut bytes[at..at + n] {
					*b = rng.gen();
				}
			},
			_ => bytes.push(rng.gen()),
		}
	}
}

/// An input for an entry point: arbitrary bytes, a mutated seed, or a seed as it is.
pub fn input(seeds: &[Seed], rng: &mut StdRng) -> Vec<u8> {
	let donors: Vec<Vec<u8>> = seeds.iter().map(|s| encode(s)).collect();
	match rng.gen_range(0..10) {
		// Bytes from nowhere: mostly refused by argument decoding.
		0 => (0..rng.gen_range(0..256)).map(|_| rng.gen()).collect(),
		// The whole encoded input mutated: framing and lengths go wrong too.
		1 | 2 => {
			let mut bytes = donors.choose(rng).cloned().unwrap_or_default();
			mutate_bytes(&mut bytes, rng, &donors);
			bytes
		},
		// One field mutated and re-framed: the input still decodes as the API's arguments.
		3..=8 => {
			let Some(mut seed) = seeds.choose(rng).cloned() else { return Vec::new() };
			if let Some(field) = seed.choose_mut(rng) {
				mutate_bytes(field.bytes_mut(), rng, &donors);
			}
			encode(&seed)
		},
		_ => donors.choose(rng).cloned().unwrap_or_default(),
	}
}
