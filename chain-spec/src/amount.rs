//! Token amounts as people write them (`1000`, `0.5`), into the runtime's base units.

use mvp_chain_runtime::{chain_properties::TOKEN_DECIMALS, Balance};

/// `text` tokens in base units: digits with at most [`TOKEN_DECIMALS`] after a point.
pub fn parse_amount(text: &str) -> Result<Balance, String> {
	let bad = |why: &str| format!("{text:?} is not an amount of tokens: {why}");
	let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
	let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
	if whole.is_empty() || !digits(whole) || !digits(fraction) {
		return Err(bad("write digits, with a point for fractions (1000, 0.5)"));
	}
	let decimals = TOKEN_DECIMALS as usize;
	if fraction.len() > decimals {
		return Err(bad(&format!("the token has {decimals} decimals")));
	}
	let units = format!("{whole}{fraction:0<decimals$}");
	units.parse::<Balance>().map_err(|_| bad("more than a u128 of base units"))
}

#[cfg(test)]
mod tests {
	use super::*;
	use mvp_chain_runtime::UNIT;

	#[test]
	fn whole_and_fractional_tokens() {
		assert_eq!(parse_amount("1000"), Ok(1000 * UNIT));
		assert_eq!(parse_amount("0.5"), Ok(UNIT / 2));
		assert_eq!(parse_amount("0.000000000001"), Ok(1));
		assert_eq!(parse_amount("7."), Ok(7 * UNIT));
	}

	#[test]
	fn refusals_name_the_problem() {
		for (text, why) in [
			("", "write digits"),
			("-1", "write digits"),
			("1e3", "write digits"),
			(".5", "write digits"),
			("0.0000000000001", "12 decimals"),
			("999999999999999999999999999999", "u128"),
		] {
			let error = parse_amount(text).unwrap_err();
			assert!(error.contains(why), "{text:?}: {error}");
		}
	}
}
