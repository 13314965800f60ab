//! What wallets show for this chain: its token and its address format. One source for the
//! runtime (`SS58Prefix`, `UNIT`), the chain spec's `properties` and the RFC-78 metadata hash
//! that offline signers check (which covers all three).

pub const TOKEN_SYMBOL: &str = "UNIT";
pub const TOKEN_DECIMALS: u8 = 12;
/// The generic Substrate prefix, which wallets show for dev chains.
pub const SS58_PREFIX: u16 = 42;
