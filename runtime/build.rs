//! Generates the runtime's `VERSION`. `#[runtime_version]` only accepts literals, so a build-time
//! override has to write the whole item. Overrides make upgrade blobs real builds of this
//! source:
//! - `MVP_CHAIN_SPEC_VERSION_BUMP=N` adds N to `spec_version`;
//! - `MVP_CHAIN_SPEC_NAME=name` replaces `spec_name` (and `impl_name`).

use std::{env, fs, path::PathBuf};

const SPEC_NAME: &str = "mvp-chain";
const SPEC_VERSION: u32 = 100;

fn main() {
	let bump = env_override("MVP_CHAIN_SPEC_VERSION_BUMP")
		.map(|v| {
			v.parse::<u32>()
				.unwrap_or_else(|_| panic!("MVP_CHAIN_SPEC_VERSION_BUMP={v:?} is not a u32"))
		})
		.unwrap_or(0);
	let spec_version =
		SPEC_VERSION.checked_add(bump).expect("MVP_CHAIN_SPEC_VERSION_BUMP overflows u32");
	let spec_name = env_override("MVP_CHAIN_SPEC_NAME").unwrap_or_else(|| SPEC_NAME.to_string());
	assert!(
		!spec_name.is_empty() && spec_name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
		"MVP_CHAIN_SPEC_NAME={spec_name:?}: use ASCII letters, digits and '-'"
	);

	let item = format!(
		"/// This runtime's version, as nodes and wallets read it.\n\
		 #[sp_version::runtime_version]\n\
		 pub const VERSION: sp_version::RuntimeVersion = sp_version::RuntimeVersion {{\n\
		 \tspec_name: alloc::borrow::Cow::Borrowed({spec_name:?}),\n\
		 \timpl_name: alloc::borrow::Cow::Borrowed({spec_name:?}),\n\
		 \tauthoring_version: 1,\n\
		 \tspec_version: {spec_version},\n\
		 \timpl_version: 1,\n\
		 \tapis: apis::RUNTIME_API_VERSIONS,\n\
		 \ttransaction_version: 1,\n\
		 \tsystem_version: 1,\n\
		 }};\n"
	);
	let out =
		PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo")).join("runtime_version.rs");
	// Rewriting an unchanged file would force a rebuild.
	if fs::read_to_string(&out).ok().as_deref() != Some(item.as_str()) {
		fs::write(&out, item).expect("writing runtime_version.rs");
	}
}

fn env_override(name: &str) -> Option<String> {
	println!("cargo:rerun-if-env-changed={name}");
	env::var(name).ok().filter(|v| !v.is_empty())
}
