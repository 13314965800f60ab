//! The specs `--chain` names: `dev` (one validator, what `--dev` runs), `local` (four), or a file.

pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	let spec = match id {
		"dev" => mvp_chain_spec::from_preset("dev", None, None, None, Default::default())?,
		"" | "local" => mvp_chain_spec::from_preset("local", None, None, None, Default::default())?,
		path => mvp_chain_spec::ChainSpec::from_json_file(path.into())
			.map_err(|e| format!("the chain spec {path}: {e}"))?,
	};
	Ok(Box::new(spec))
}
