//! The config's documentation comes from its table of keys
//! (`project::config::KEYS`: path, type, default, one-line doc), the one
//! the reader validates against. Generated from it, and rewritten by
//! `STRATLINT_BLESS=1 cargo test --test config_keys`: the `properties` of
//! `schemas/stratlint.schema.json` (what editors check `stratlint.toml`
//! with) and the key table of docs/configuration.md. Checked against it:
//! the TOML blocks of the README and docs/configuration.md, which must set
//! every key to its default (comments are theirs).

mod common;

use common::generated::{cell, read, region, whole};
use serde_json::{Value, json};
use stratlint::project::config::keys::{KEYS, MapKey, TABLES, Type, is_table, key_at, names_in};
use stratlint::schema::Kind;
use stratlint::schema::kinds::DECISION_STATUSES;
use stratlint::source::SourceFile;

/// A TOML value written as text (a key's default), as TOML.
fn toml_value(text: &str) -> toml::Value {
    let table: toml::Table = toml::from_str(&format!("v = {text}"))
        .unwrap_or_else(|e| panic!("the default `{text}` is not TOML: {e}"));
    table["v"].clone()
}

/// The JSON Schema of a value of type `ty`.
fn schema_of(ty: Type) -> Value {
    match ty {
        Type::Path | Type::Text => json!({ "type": "string" }),
        Type::Patterns | Type::Texts => json!({ "type": "array", "items": { "type": "string" } }),
        Type::Choice(choices) => json!({ "type": "string", "enum": choices }),
        Type::Levels => json!({
            "type": "array",
            "items": { "type": "string" },
            "minItems": 1,
            "uniqueItems": true
        }),
        Type::Verbs => json!({
            "type": "array",
            "items": { "type": "string", "pattern": "^\\S+$" },
            "minItems": 1
        }),
        Type::Count => json!({ "type": "integer", "minimum": 0 }),
        Type::Share => json!({ "type": "number", "minimum": 0, "maximum": 1 }),
        Type::Month => json!({ "type": "integer", "minimum": 1, "maximum": 12 }),
        Type::Duration => json!({ "$ref": "#/$defs/duration" }),
        Type::Bool => json!({ "type": "boolean" }),
        Type::Status => json!({ "type": "string", "enum": DECISION_STATUSES }),
        Type::Selectors => json!({ "type": "array", "items": { "$ref": "#/$defs/selector" } }),
        Type::AdrDirs => json!({
            "type": "array",
            "items": {
                "oneOf": [
                    { "type": "string" },
                    {
                        "type": "object",
                        "properties": {
                            "path": { "type": "string" },
                            "prefix": { "type": "string" },
                            "id": {
                                "type": "string",
                                "enum": ["number", "name"],
                                "default": "number",
                                "description": "Record ids: the prefix + the number, or + the whole file or folder name without extension."
                            }
                        },
                        "required": ["path"],
                        "additionalProperties": false
                    }
                ]
            }
        }),
        Type::Map(MapKey::Kind, values) => {
            let kinds: serde_json::Map<String, Value> = Kind::ALL
                .iter()
                .map(|k| (k.name().to_owned(), schema_of(*values)))
                .collect();
            json!({ "type": "object", "properties": kinds, "additionalProperties": false })
        }
        Type::Map(MapKey::StatusPhrase, values) => {
            json!({ "type": "object", "additionalProperties": schema_of(*values) })
        }
        Type::Map(MapKey::Selector, values) => json!({
            "type": "object",
            "propertyNames": { "$ref": "#/$defs/selector" },
            "additionalProperties": schema_of(*values)
        }),
    }
}

/// The `properties` of the table at `table` (`""`: the top level).
fn properties(table: &str) -> Value {
    let mut out = serde_json::Map::new();
    for name in names_in(table) {
        let path = match table {
            "" => name.to_owned(),
            _ => format!("{table}.{name}"),
        };
        let property = match key_at(&path) {
            Some(key) => {
                let mut p = schema_of(key.ty);
                p["default"] = serde_json::to_value(toml_value(key.default)).unwrap();
                p["description"] = json!(key.doc);
                p
            }
            None => {
                assert!(is_table(&path), "{path}");
                let doc = TABLES
                    .iter()
                    .find(|(t, _)| *t == path)
                    .unwrap_or_else(|| panic!("keys::TABLES has no line for `{path}`"))
                    .1;
                json!({
                    "type": "object",
                    "description": doc,
                    "properties": properties(&path),
                    "additionalProperties": false
                })
            }
        };
        out.insert(name.to_owned(), property);
    }
    Value::Object(out)
}

const SCHEMA: &str = "schemas/stratlint.schema.json";

#[test]
fn the_config_json_schema_s_properties_are_the_key_table() {
    let have = read(SCHEMA);
    let mut schema: Value = serde_json::from_str(&have).unwrap();
    schema["properties"] = properties("");
    // As `schemas/bundle.py` writes it (json.dumps, indent 2).
    let want = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    whole(SCHEMA, &have, &want, "config_keys");
}

#[test]
fn every_table_of_keys_has_its_line_and_only_those() {
    for (table, _) in TABLES {
        assert!(
            is_table(table),
            "keys::TABLES lists `{table}`, no key sits in it"
        );
    }
    for key in KEYS.iter().filter(|k| !k.table().is_empty()) {
        assert!(
            TABLES.iter().any(|(t, _)| *t == key.table()),
            "keys::TABLES has no line for `{}`",
            key.table()
        );
    }
}

/// The docs' wording of what a value of type `ty` is.
fn describe(ty: Type) -> String {
    let quoted = |items: &[&str]| -> String {
        let q: Vec<String> = items.iter().map(|c| format!("`\"{c}\"`")).collect();
        match q.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => q.concat(),
        }
    };
    match ty {
        Type::Path => "a path".into(),
        Type::Text => "a string".into(),
        Type::Patterns => "`.gitignore` lines".into(),
        Type::Choice(choices) => quoted(choices),
        Type::Levels => "level names: at least one, each once".into(),
        Type::Verbs => "one-word verbs: at least one".into(),
        Type::Texts => "strings".into(),
        Type::Count => "a whole number ≥ 0".into(),
        Type::Share => "a number from 0 to 1".into(),
        Type::Month => "a month's number, 1 to 12".into(),
        Type::Duration => "a [duration](format.md#values)".into(),
        Type::Bool => "`true` or `false`".into(),
        Type::Status => format!("a decision status: {}", quoted(DECISION_STATUSES)),
        Type::Selectors => "rule codes or prefixes, or `\"ALL\"`".into(),
        Type::AdrDirs => "paths, or `{ path, prefix, id }` tables".into(),
        Type::Map(MapKey::Kind, v) => format!("kind = {}", describe(*v)),
        Type::Map(MapKey::StatusPhrase, v) => format!("phrase = {}", describe(*v)),
        Type::Map(MapKey::Selector, v) => format!("code or prefix = {}", describe(*v)),
    }
}

#[test]
fn the_configuration_page_s_key_table_is_the_key_table() {
    let page = read("docs/configuration.md");
    let mut want = String::from("| key | value | default | |\n|---|---|---|---|\n");
    for key in KEYS {
        // Each key links to the section that tells the rest.
        let section = key.path.split('.').next().unwrap_or(key.path);
        assert!(
            page.contains(&format!("\n### `{section}`\n"))
                || page.contains(&format!("\n### `[{section}]`\n")),
            "docs/configuration.md: no section `### `{section}`` or `### `[{section}]`` for `{}`",
            key.path
        );
        want.push_str(&format!(
            "| [`{}`](#{section}) | {} | `{}` | {} |\n",
            key.path,
            cell(&describe(key.ty)),
            cell(key.default),
            cell(key.doc)
        ));
    }
    region("docs/configuration.md", "config-keys", &want, "config_keys");
}

/// The first ```toml block of `rel` after the line `after`.
fn toml_block(rel: &str, after: &str) -> String {
    let text = format!("\n{}", read(rel));
    let start = text
        .find(&format!("\n{after}\n"))
        .unwrap_or_else(|| panic!("{rel}: no line `{after}`"));
    let open = start
        + text[start..]
            .find("```toml\n")
            .unwrap_or_else(|| panic!("{rel}: no ```toml block after `{after}`"))
        + "```toml\n".len();
    let close = open + text[open..].find("```").expect("the block's end");
    text[open..close].to_owned()
}

#[test]
fn the_docs_toml_blocks_set_every_key_to_its_default() {
    for (rel, after) in [
        ("README.md", "## Configuration"),
        ("docs/configuration.md", "# Configuration"),
    ] {
        let block = toml_block(rel, after);
        // A valid config: no unknown key, no bad value.
        let src = SourceFile::new(rel.into(), rel.into(), block.clone());
        if let Err(e) = stratlint::project::config::parse(&src, rel) {
            panic!("{rel}: the config block is not a valid config: {e}");
        }
        let doc: toml::Table = toml::from_str(&block).unwrap();
        for key in KEYS {
            let mut at = Some(&doc);
            for part in key.table().split('.').filter(|p| !p.is_empty()) {
                at = at.and_then(|t| t.get(part)).and_then(toml::Value::as_table);
            }
            let (table, name) = (key.table(), key.name());
            let fix = match table {
                "" => format!("write `{name} = {}` at the top", key.default),
                _ => format!("write `{name} = {}` in its `[{table}]`", key.default),
            };
            let Some(have) = at.and_then(|t| t.get(name)) else {
                panic!("{rel}: the config block has no `{}`: {fix}", key.path);
            };
            let default = toml_value(key.default);
            // An empty table by default may show an example entry.
            let example = matches!(key.ty, Type::Map(..))
                && default.as_table().is_some_and(toml::Table::is_empty);
            assert!(
                *have == default || example,
                "{rel}: the config block sets `{}` to `{have}`, not its default: {fix}",
                key.path
            );
        }
    }
}

#[test]
fn the_defaults_and_the_fixtures_configs_satisfy_the_json_schema() {
    let schema: Value = serde_json::from_str(&read(SCHEMA)).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut defaults = toml::Table::new();
    for key in KEYS {
        let mut table = &mut defaults;
        for part in key.table().split('.').filter(|p| !p.is_empty()) {
            table = table
                .entry(part)
                .or_insert_with(|| toml::Value::Table(toml::Table::new()))
                .as_table_mut()
                .unwrap();
        }
        table.insert(key.name().to_owned(), toml_value(key.default));
    }
    let mut configs = vec![("the defaults".to_owned(), defaults)];
    for rel in [
        "fixtures/demo/stratlint.toml",
        "fixtures/broken/stratlint.toml",
    ] {
        configs.push((rel.to_owned(), toml::from_str(&read(rel)).unwrap()));
    }
    for (what, config) in configs {
        let json = serde_json::to_value(&config).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{what}: {errors:?}");
    }
}
