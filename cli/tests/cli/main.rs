//! The `mvp-chain` tool run as a user runs it: its commands' output, and the messages that
//! name a bad option or file.

mod bench;
mod chain_spec;
mod info;
