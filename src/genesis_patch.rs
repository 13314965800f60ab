//! Genesis presets are patches over a runtime's default config (RFC-0097 style, as
//! `chain-spec-builder` applies them): objects merge key by key, anything else replaces.

use serde_json::Value;

pub fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}
