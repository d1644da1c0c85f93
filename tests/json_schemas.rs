//! The JSON Schemas in `schemas/` (what editors validate strategy files
//! with) agree with the schema the linter runs on (`stratlint::schema`):
//! the same fields per kind, the same required ones, compatible types, the
//! same choices. Adding a field to one without the other fails here. The
//! rule-code pattern editors check `ignore` and `select` entries with is
//! generated from `schema::RULES` (`STRATLINT_BLESS=1 cargo test --test
//! json_schemas` rewrites it), and `schemas/bundle.py` knows every kind.

mod common;

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
        Type::Level | Type::Layer | Type::Choice(_) => &["string"],
        Type::Id | Type::Ref(..) => &["id"],
        Type::Refs(..) => &["idList"],
        Type::Owner => &["owner"],
        Type::Number(_) | Type::Weight => &["number"],
        Type::Date => &["date"],
        Type::Duration => &["duration"],
        Type::Status => &["status", "string"],
        Type::Owners => &["array"],
        Type::Codes => &["ignore"],
        Type::Strings => &["stringList"],
        Type::Moves(..) => &["object"],
        Type::Theme | Type::Hypothesis => &["string"],
        Type::DateOrDuration => &["dateOrDuration"],
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
            if f.ty == Type::Status && p["enum"].is_array() {
                let listed: Vec<&str> = p["enum"]
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                assert_eq!(listed, spec.kind.statuses(), "{file}: statuses");
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
    let about = bundle["description"].as_str().unwrap_or_default();
    for spec in KINDS {
        assert!(
            about.contains(&format!("`[[{}]]`", spec.name)),
            "strategy.schema.json: the description does not name `[[{}]]`",
            spec.name
        );
    }
    assert_eq!(
        bundle["properties"].as_object().map(|p| p.len()),
        Some(Kind::ALL.len()),
        "strategy.schema.json lists a kind the linter does not know"
    );
}

/// The `ruleSelector` definition's pattern and description: every family
/// of `schema::RULES`, then up to as many digits as the longest code has.
fn rule_selector() -> (String, String) {
    let families = common::generated::families();
    let digits = stratlint::schema::codes::all_codes()
        .map(|c| c.chars().filter(char::is_ascii_digit).count())
        .max()
        .unwrap();
    (
        format!("^({})[0-9]{{0,{digits}}}$", families.join("|")),
        format!(
            "A rule code (`HL001`) or a prefix of codes (`HL`, `OWN`, `TEN00`). Rule families: {}.",
            families.join(", ")
        ),
    )
}

#[test]
fn every_rule_selector_accepts_every_family_of_the_registry() {
    let (pattern, description) = rule_selector();
    // The source and the two bundles `schemas/bundle.py` copies it into.
    for file in [
        "common.schema.json",
        "strategy.schema.json",
        "stratlint.schema.json",
    ] {
        let def = &load(file)["$defs"]["ruleSelector"];
        let rel = format!("schemas/{file}");
        for (what, want) in [("pattern", &pattern), ("description", &description)] {
            let have = def[what]
                .as_str()
                .unwrap_or_else(|| panic!("{rel}: no {what}"));
            // Replaced as the JSON string it is written as, in place.
            let json = |s: &str| serde_json::to_string(s).unwrap();
            common::generated::replace(
                &rel,
                &format!("`$defs.ruleSelector.{what}`"),
                &json(have),
                &json(want),
                "json_schemas",
            );
        }
    }
    let re = regex::Regex::new(&pattern).unwrap();
    for code in stratlint::schema::codes::all_codes() {
        assert!(re.is_match(code), "{pattern} rejects {code}");
    }
}

#[test]
fn bundle_py_bundles_every_kind_in_order() {
    let script = common::generated::read("schemas/bundle.py");
    let line = script
        .lines()
        .find(|l| l.starts_with("KINDS = ["))
        .expect("schemas/bundle.py: a `KINDS = [...]` line");
    let names: Vec<String> = KINDS.iter().map(|k| format!("{:?}", k.name)).collect();
    common::generated::replace(
        "schemas/bundle.py",
        "`KINDS`, which must list schema::KINDS in order,",
        line,
        &format!("KINDS = [{}]", names.join(", ")),
        "json_schemas",
    );
}

#[test]
fn editors_accept_every_code_and_family_in_ignore_and_select() {
    let families = common::generated::families();
    let good: Vec<&str> = stratlint::schema::codes::all_codes()
        .chain(families.iter().copied())
        .collect();
    let config = jsonschema::validator_for(&load("stratlint.schema.json")).unwrap();
    let strategy = load("strategy.schema.json");
    // An object's `ignore`, with the bundle's definitions.
    let ignore = jsonschema::validator_for(&serde_json::json!({
        "$defs": strategy["$defs"],
        "$ref": "#/$defs/ignore",
    }))
    .unwrap();
    for code in &good {
        let lint = serde_json::json!({ "lint": { "select": [code], "ignore": [code] } });
        assert!(
            config.is_valid(&lint),
            "stratlint.schema.json rejects {code}"
        );
        assert!(
            ignore.is_valid(&serde_json::json!([code])),
            "strategy.schema.json rejects ignore = [\"{code}\"]"
        );
    }
    for bad in ["XYZ001", "DEC0001", "dec003x"] {
        assert!(!ignore.is_valid(&serde_json::json!([bad])), "{bad}");
    }
}

/// docs/format.md's table of kinds: each kind's required and optional
/// fields, from `schema::KINDS` (the common fields other than `id` and
/// `title` are described above the table and left out).
#[test]
fn the_kinds_table_in_the_format_docs_is_the_schema_s() {
    let mut want = String::from("| kind | required | optional |\n|---|---|---|\n");
    for spec in KINDS {
        let listed = |required: bool| {
            spec.kind
                .fields()
                .filter(|f| {
                    let common = stratlint::schema::COMMON.iter().any(|c| c.name == f.name);
                    let req = spec.kind.requirement(f) != Requirement::Optional;
                    // `status` is a common field unless the kind requires it.
                    let own = !common || matches!(f.name, "id" | "title");
                    req == required && own && (req || f.name != "status")
                })
                .map(|f| match (spec.kind, f.name) {
                    // Required below the top level only (OBJ004).
                    (Kind::Objective, "parent") => {
                        "`parent` unless `level` is the top level".to_owned()
                    }
                    _ => format!("`{}`", f.name),
                })
                .collect::<Vec<_>>()
        };
        let mut required = listed(true);
        let optional = listed(false);
        let (parent, optional): (Vec<String>, Vec<String>) = optional
            .into_iter()
            .partition(|f| f.starts_with("`parent` unless"));
        let mut required_text = required.join(", ");
        if let Some(p) = parent.first() {
            required_text = format!("{required_text}; {p}");
        }
        required.clear();
        want.push_str(&format!(
            "| `{}` | {} | {} |\n",
            spec.name,
            required_text,
            optional.join(", ")
        ));
    }
    common::generated::region("docs/format.md", "kinds", &want, "json_schemas");
}
