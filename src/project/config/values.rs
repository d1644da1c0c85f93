//! Reading one value by its key's [`Type`]: the type and value checks, and
//! their messages, one per type.

use std::ops::Range;

use toml::de::DeValue;

use super::adr_dirs::AdrDir;
use super::error::ConfigError;
use super::keys::{ADR_ID_SCHEMES, MapKey, Type, Value};
use super::reader::{Reader, SpannedValue};
use super::settings::status_phrase;
use crate::date::parse_duration;
use crate::schema::Kind;
use crate::schema::codes::{all_codes, matches_any};
use crate::schema::kinds::DECISION_STATUSES;
use crate::suggest::did_you_mean;

/// How messages name a value: `typed` where its TOML type is wrong,
/// `valued` where its value is (the same but in `decisions.statuses`,
/// whose entries are named with their phrase only for a bad status).
#[derive(Clone, Copy)]
pub struct Names<'n> {
    /// In "must be a string, found …".
    pub typed: &'n str,
    /// In what a bad value gets.
    pub valued: &'n str,
}

impl<'n> Names<'n> {
    /// One name for both.
    pub fn one(name: &'n str) -> Self {
        Names {
            typed: name,
            valued: name,
        }
    }
}

/// Reads `v` as a value of type `ty`, or says why it is not one.
pub fn read(
    r: &Reader<'_>,
    names: Names<'_>,
    ty: Type,
    v: &SpannedValue<'_>,
) -> Result<Value, ConfigError> {
    let name = names.valued;
    Ok(match ty {
        Type::Path | Type::Text => Value::Text(r.string(names.typed, v)?),
        Type::Choice(choices) => Value::Text(choice(r, names, choices, v)?),
        Type::Status => {
            let s = r.string(names.typed, v)?;
            Value::Text(decision_status(r, name, &s, v.span())?)
        }
        Type::Patterns => {
            let mut out = Vec::new();
            for (glob, span) in r.strings(name, v)? {
                check_exclude(&glob).map_err(|e| {
                    r.error(span, format!("`{name}`: invalid pattern `{glob}`: {e}"))
                })?;
                out.push(glob);
            }
            Value::Texts(out)
        }
        Type::Levels => {
            let levels = r.strings(name, v)?;
            // `objectives.levels` names levels, `alignment.layers` layers.
            let noun = if name.ends_with("layers") {
                "layer"
            } else {
                "level"
            };
            if levels.is_empty() {
                return Err(r.error(v.span(), format!("`{name}` must name at least one {noun}")));
            }
            let mut seen = Vec::new();
            for (level, span) in levels {
                // A level is written as `level = "…"`: a blank one, or one
                // with spaces around it, could never match.
                if level.trim().is_empty() || level.trim() != level {
                    return Err(r.error(
                        span,
                        format!(
                            "`{name}`: `{level}` is not a {noun} name (no blank names, no spaces around one)"
                        ),
                    ));
                }
                if seen.contains(&level) {
                    return Err(r.error(span, format!("`{name}` lists `{level}` twice")));
                }
                seen.push(level);
            }
            Value::Texts(seen)
        }
        Type::Verbs => {
            let verbs = r.strings(name, v)?;
            if verbs.is_empty() {
                return Err(r.error(v.span(), format!("`{name}` must name at least one verb")));
            }
            for (verb, span) in &verbs {
                if verb.trim().is_empty() || verb.contains(char::is_whitespace) {
                    return Err(
                        r.error(span.clone(), format!("`{name}`: `{verb}` must be one word"))
                    );
                }
            }
            Value::Texts(verbs.into_iter().map(|(v, _)| v).collect())
        }
        Type::Texts => Value::Texts(r.strings(name, v)?.into_iter().map(|(t, _)| t).collect()),
        Type::Count => Value::Count(
            match v.get_ref() {
                DeValue::Integer(i) => i
                    .as_str()
                    .parse::<u32>()
                    .ok()
                    .filter(|_| i.radix() == 10)
                    .map(|n| n as usize),
                _ => None,
            }
            .ok_or_else(|| r.error(v.span(), format!("`{name}` must be a whole number ≥ 0")))?,
        ),
        Type::Share => {
            let x = match v.get_ref() {
                DeValue::Integer(i) => i.as_str().parse::<f64>().ok(),
                DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
                _ => None,
            };
            Value::Share(x.filter(|x| (0.0..=1.0).contains(x)).ok_or_else(|| {
                r.error(v.span(), format!("`{name}` must be a number from 0 to 1"))
            })?)
        }
        Type::Month => Value::Count(
            match v.get_ref() {
                DeValue::Integer(i) => i
                    .as_str()
                    .parse::<usize>()
                    .ok()
                    .filter(|m| (1..=12).contains(m)),
                _ => None,
            }
            .ok_or_else(|| {
                r.error(
                    v.span(),
                    format!("`{name}` must be a month's number, 1 to 12"),
                )
            })?,
        ),
        Type::Duration => {
            let d = r.string(names.typed, v)?;
            Value::Days(parse_duration(&d).ok_or_else(|| {
                r.error(
                    v.span(),
                    format!("`{name}`: `{d}` is not a duration (use e.g. \"90d\", \"26w\", \"6mo\", \"1y\")"),
                )
            })?)
        }
        Type::Bool => match v.get_ref() {
            DeValue::Boolean(b) => Value::Bool(*b),
            other => {
                return Err(r.error(
                    v.span(),
                    format!("`{name}` must be a boolean, found {}", other.type_str()),
                ));
            }
        },
        Type::Selectors => {
            let mut codes = Vec::new();
            for (code, span) in r.strings(name, v)? {
                code_or_prefix(r, name, &code, span)?;
                codes.push(code);
            }
            Value::Texts(codes)
        }
        Type::AdrDirs => Value::AdrDirs(adr_dirs(r, name, v)?),
        Type::Map(keys, values) => map(r, name, keys, *values, v)?,
    })
}

/// A table of `keys` each mapped to a value of type `values`.
fn map(
    r: &Reader<'_>,
    path: &str,
    keys: MapKey,
    values: Type,
    v: &SpannedValue<'_>,
) -> Result<Value, ConfigError> {
    let mut out = Vec::new();
    for (k, val) in r.table(path, v)? {
        let written = k.get_ref();
        let entry = format!("{path}.{written}");
        let value = match keys {
            MapKey::Kind => {
                if Kind::parse(written).is_none() {
                    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                    return Err(r.unknown(k, &format!(" in [{path}]"), &kinds));
                }
                read(r, Names::one(&entry), values, val)?
            }
            MapKey::Selector => {
                code_or_prefix(r, path, written, k.span())?;
                read(r, Names::one(&entry), values, val)?
            }
            // The phrase is checked once its status is.
            MapKey::StatusPhrase => {
                let quoted = format!("{path}.\"{written}\"");
                let names = Names {
                    typed: path,
                    valued: &quoted,
                };
                let value = read(r, names, values, val)?;
                if status_phrase(written).is_empty() {
                    return Err(r.error(
                        k.span(),
                        format!("`{path}`: a status phrase must hold a letter or digit"),
                    ));
                }
                value
            }
        };
        out.push((written.to_string(), value));
    }
    Ok(Value::Map(out))
}

/// One of `choices`.
fn choice(
    r: &Reader<'_>,
    names: Names<'_>,
    choices: &[&str],
    v: &SpannedValue<'_>,
) -> Result<String, ConfigError> {
    let s = r.string(names.typed, v)?;
    if !choices.contains(&s.as_str()) {
        return Err(r.error(
            v.span(),
            format!(
                "`{}` must be {}, not \"{s}\"",
                names.valued,
                one_of(choices)
            ),
        ));
    }
    Ok(s)
}

/// `"a"`, `"a" or "b"`, `"a", "b" or "c"`.
fn one_of(choices: &[&str]) -> String {
    let quoted: Vec<String> = choices.iter().map(|c| format!("\"{c}\"")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// One of the five decision statuses, or a config error naming `key` and
/// the closest one.
fn decision_status(
    r: &Reader<'_>,
    key: &str,
    value: &str,
    span: Range<usize>,
) -> Result<String, ConfigError> {
    if DECISION_STATUSES.contains(&value) {
        return Ok(value.to_owned());
    }
    let hint = did_you_mean(value, DECISION_STATUSES.iter().copied())
        .map(|best| format!("; the closest is \"{best}\""))
        .unwrap_or_default();
    Err(r.error(
        span,
        format!(
            "`{key}` must be a decision status (\"{}\"), not \"{value}\"{hint}",
            DECISION_STATUSES.join("\", \"")
        ),
    ))
}

/// A rule code, a prefix of codes, or `ALL`; else an error naming `key`
/// and the closest valid one.
fn code_or_prefix(
    r: &Reader<'_>,
    key: &str,
    code: &str,
    span: Range<usize>,
) -> Result<(), ConfigError> {
    if code == "ALL" || matches_any(code) {
        return Ok(());
    }
    let names = all_codes().chain(["ALL"]);
    let hint = match did_you_mean(code, names) {
        Some(best) => format!("the closest valid one is `{best}`"),
        None => "`stratlint rules` lists them".to_owned(),
    };
    Err(r.error(
        span,
        format!("`{key}`: `{code}` is not a rule code or prefix; {hint}"),
    ))
}

/// `decisions.adr`: paths, or `{ path = "…", prefix = "…", id = "…" }` tables.
fn adr_dirs(r: &Reader<'_>, key: &str, v: &SpannedValue<'_>) -> Result<Vec<AdrDir>, ConfigError> {
    let wrong = |span| {
        r.error(
            span,
            format!("`{key}` must be a list of directories: paths, or `{{ path = \"…\", prefix = \"…\" }}`"),
        )
    };
    let DeValue::Array(items) = v.get_ref() else {
        return Err(wrong(v.span()));
    };
    let mut out = Vec::new();
    for item in items {
        let position = r.position(item.span());
        match item.get_ref() {
            DeValue::String(p) => out.push(AdrDir {
                path: p.to_string(),
                prefix: None,
                by_name: false,
                position,
            }),
            DeValue::Table(t) => {
                let mut path = None;
                let mut prefix = None;
                let mut by_name = false;
                for (k, val) in t.iter() {
                    let field = format!("{key}.{}", k.get_ref());
                    match k.get_ref().as_ref() {
                        "path" => path = Some(r.string(&field, val)?),
                        "prefix" => prefix = Some(r.string(&field, val)?),
                        "id" => {
                            by_name = choice(r, Names::one(&field), ADR_ID_SCHEMES, val)? == "name";
                        }
                        _ => {
                            return Err(r.unknown(
                                k,
                                &format!(" in a `{key}` entry"),
                                &["path", "prefix", "id"],
                            ));
                        }
                    }
                }
                let path = path
                    .ok_or_else(|| r.error(item.span(), format!("a `{key}` entry needs `path`")))?;
                out.push(AdrDir {
                    path,
                    prefix,
                    by_name,
                    position,
                });
            }
            _ => return Err(wrong(item.span())),
        }
    }
    Ok(out)
}

/// One `exclude` pattern checked on its own, as a `.gitignore` line.
fn check_exclude(pattern: &str) -> Result<(), String> {
    let mut b = ignore::gitignore::GitignoreBuilder::new("");
    b.add_line(None, pattern).map_err(|e| e.to_string())?;
    b.build().map(|_| ()).map_err(|e| e.to_string())
}
