//! The JSON Schemas in `schemas/` (what editors validate strategy files
//! with) agree with the schema the linter runs on (`stratlint::schema`):
//! the same fields per kind, the same required ones, compatible types, the
//! same choices. Adding a field to one without the other fails here.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use stratlint::schema::{KINDS, Kind, Requirement, Type};

fn load(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What a property's schema says its type is: a `type`, or the last part of its `$ref`.
fn json_type(p: &Value) -> String {
    if let Some(t) = p["type"].as_str() {
        return t.to_owned();
    }
    p["$ref"]
        .as_str()
        .and_then(|r| r.rsplit('/').next())
        .unwrap_or_default()
        .to_owned()
}

/// The JSON Schema types a field type may be written as.
fn expected(ty: Type) -> &'static [&'static str] {
    match ty {
        Type::Text => &["string", "ignoreReason"],
        Type::Level | Type::Choice(_) => &["string"],
        Type::Id | Type::Ref(..) => &["id"],
        Type::Refs(..) => &["idList"],
        Type::Owner => &["owner"],
        Type::Number(_) | Type::Weight => &["number"],
        Type::Date => &["date"],
        Type::Duration => &["duration"],
        Type::Status => &["status", "string"],
        Type::Owners => &["array"],
        Type::Codes => &["ignore"],
    }
}

#[test]
fn every_kind_s_json_schema_has_its_fields_types_and_required_ones() {
    for spec in KINDS {
        let file = format!("{}.schema.json", spec.name);
        let schema = load(&file);
        let props = schema["properties"].as_object().expect("properties");
        let in_json: BTreeSet<&str> = props
            .keys()
            .map(String::as_str)
            .filter(|k| *k != "kind")
            .collect();
        let in_rust: BTreeSet<&str> = spec.kind.fields().map(|f| f.name).collect();
        assert_eq!(in_json, in_rust, "{file}: fields");
        assert_eq!(props["kind"]["const"], spec.name, "{file}: kind");

        for f in spec.kind.fields() {
            let p = &props[f.name];
            let t = json_type(p);
            assert!(
                expected(f.ty).contains(&t.as_str()),
                "{file}: `{}` is {t} in JSON, {:?} here",
                f.name,
                f.ty
            );
            if f.ty == Type::Status && spec.kind == Kind::Decision {
                let listed: Vec<&str> = p["enum"]
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                assert_eq!(listed, spec.kind.statuses(), "{file}: decision statuses");
            }
            if let Type::Choice(choices) = f.ty {
                let listed: Vec<&str> = p["enum"]
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                assert_eq!(listed, choices, "{file}: `{}` choices", f.name);
            }
        }

        let mut required: BTreeSet<&str> = BTreeSet::new();
        for list in [&schema["required"], &schema["then"]["required"]] {
            required.extend(
                list.as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str),
            );
        }
        let must: BTreeSet<&str> = spec
            .kind
            .fields()
            .filter(|f| spec.kind.requirement(f) != Requirement::Optional)
            .map(|f| f.name)
            .collect();
        assert_eq!(required, must, "{file}: required fields");
    }
}

#[test]
fn the_bundled_strategy_schema_has_every_kind() {
    let bundle = load("strategy.schema.json");
    for spec in KINDS {
        assert!(
            bundle["properties"][spec.name].is_object(),
            "strategy.schema.json has no `{}`",
            spec.name
        );
    }
    assert_eq!(
        bundle["properties"].as_object().map(|p| p.len()),
        Some(Kind::ALL.len()),
        "strategy.schema.json lists a kind the linter does not know"
    );
}
