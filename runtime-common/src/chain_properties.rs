//! What wallets show for this chain: its token and its address format. One source for the
//! runtime (`SS58Prefix`, `UNIT`), the chain spec's `properties` and the RFC-78 metadata hash
//! that offline signers check (which covers all three).

pub const TOKEN_SYMBOL: &str = "UNIT";
pub const TOKEN_DECIMALS: u8 = 12;
/// The generic Substrate prefix, which wallets show for dev chains.
pub const SS58_PREFIX: u16 = 42;

// Wallets and offline signers show the symbol as it is, and RFC-78's metadata hash commits to it
// as a string: a symbol a Ledger cannot display must not get as far as a blob.
const _: () = assert!(
	is_token_symbol(TOKEN_SYMBOL),
	"TOKEN_SYMBOL must be printable ASCII without spaces, and not empty"
);

/// Printable ASCII, no spaces, not empty: what wallets display as a ticker.
pub const fn is_token_symbol(symbol: &str) -> bool {
	let bytes = symbol.as_bytes();
	if bytes.is_empty() {
		return false;
	}
	let mut i = 0;
	while i < bytes.len() {
		if !bytes[i].is_ascii_graphic() {
			return false;
		}
		i += 1;
	}
	true
}

#[cfg(test)]
mod tests {
	use super::is_token_symbol;

	#[test]
	fn a_token_symbol_is_printable_ascii() {
		for good in ["UNIT", "DOT", "wETH", "X", "ABCDEFGHIJKLMNOP"] {
			assert!(is_token_symbol(good), "{good}");
		}
		for bad in ["", "ÜNIT", "U NIT", "UNIT\n", "€"] {
			assert!(!is_token_symbol(bad), "{bad:?}");
		}
	}
}
