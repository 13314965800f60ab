//! `mvp-chain`: tools over the runtime blob this crate embeds.

mod cli;

use std::process::ExitCode;

const USAGE: &str = "usage: mvp-chain <command>

commands:
  info                       the embedded blob's version, sizes and imports
  chain-spec [options]       write a chain spec for the embedded blob (see `chain-spec --help`)";

fn main() -> ExitCode {
	let args: Vec<String> = std::env::args().skip(1).collect();
	let result = match args.first().map(String::as_str) {
		None | Some("info") if args.len() <= 1 => cli::info::info(),
		Some("chain-spec") => cli::chain_spec::run(&args[1..]),
		Some("--help" | "-h" | "help") => {
			println!("{USAGE}");
			Ok(())
		},
		_ => Err(format!("unknown command {:?}\n{USAGE}", args.join(" "))),
	};
	match result {
		Ok(()) => ExitCode::SUCCESS,
		Err(message) => {
			eprintln!("error: {message}");
			ExitCode::FAILURE
		},
	}
}
