pub mod chain_spec;
pub mod info;
