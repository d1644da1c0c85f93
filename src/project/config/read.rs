//! Reading config text: the document walked against [`KEYS`], each value
//! read by its key's type and assigned to a [`Config`] of defaults.

use toml::de::DeTable;

use super::error::ConfigError;
use super::keys::{is_table, key_at, names_in};
use super::reader::Reader;
use super::settings::Config;
use super::values::{self, Names};
use crate::source::SourceFile;

/// Parses config text (exposed for fuzzing and tests). `display` is the
/// file's name as shown in messages.
pub fn parse(src: &SourceFile, display: &str) -> Result<Config, ConfigError> {
    let r = Reader {
        src,
        display: display.to_owned(),
    };
    let doc = DeTable::parse(&src.text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        r.error(span, format!("invalid TOML: {}", e.message().trim()))
    })?;
    let mut config = Config::default();
    read_table(&r, "", doc.get_ref(), &mut config)?;
    Ok(config)
}

/// Reads the entries of the table at `table` (`""`: the top level), in
/// file order: the first key at fault is the one reported.
fn read_table(
    r: &Reader<'_>,
    table: &str,
    entries: &DeTable<'_>,
    config: &mut Config,
) -> Result<(), ConfigError> {
    for (k, v) in entries {
        let name = k.get_ref();
        let path = match table {
            "" => name.to_string(),
            _ => format!("{table}.{name}"),
        };
        // A quoted key holding a dot (`"tenets.verbs" = …`) is one key of
        // this table, never a path into another.
        let found = if name.contains('.') {
            None
        } else {
            key_at(&path)
        };
        if let Some(key) = found {
            let value = values::read(r, Names::one(key.path), key.ty, v)?;
            let placed = config.assign(key.path, value, r.position(v.span()));
            debug_assert!(placed, "`{}` has no place in Config", key.path);
        } else if !name.contains('.') && is_table(&path) {
            read_table(r, &path, r.table(&path, v)?, config)?;
        } else {
            let within = match table {
                "" => String::new(),
                _ => format!(" in [{table}]"),
            };
            return Err(r.unknown(k, &within, &names_in(table)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::config::keys::{KEYS, Value};
    use crate::schema::{Code, Severity};

    fn parse_str(s: &str) -> Result<Config, ConfigError> {
        let src = SourceFile::new("stratlint.toml".into(), "stratlint.toml".into(), s.into());
        parse(&src, "stratlint.toml")
    }

    /// Every key's default, as one config file.
    fn defaults_document() -> String {
        let mut top = String::new();
        let mut tables = String::new();
        for key in KEYS {
            match key.table() {
                "" => top.push_str(&format!("{} = {}\n", key.path, key.default)),
                table => tables.push_str(&format!("{table}.{} = {}\n", key.name(), key.default)),
            }
        }
        top + &tables
    }

    #[test]
    fn the_table_s_defaults_read_as_config_default() {
        let mut read = parse_str(&defaults_document()).unwrap();
        // Written out, `owners` is explicit; its default is not.
        assert!(read.owners_explicit);
        read.owners_explicit = false;
        read.owners_position = (1, 1);
        assert_eq!(read, Config::default());
    }

    #[test]
    fn every_key_of_the_table_has_a_place_in_config() {
        // The defaults document sets every key once: each lands (or
        // `read_table`'s debug assertion fails), and differs from nothing.
        let text = defaults_document();
        for key in KEYS {
            assert!(
                text.lines()
                    .any(|l| l.starts_with(&format!("{} = ", key.path))
                        || l.starts_with(&format!("{}.{} = ", key.table(), key.name()))),
                "{}",
                key.path
            );
        }
        let mut c = Config::default();
        assert!(!c.assign("no.such.key", Value::Bool(true), (1, 1)));
    }

    #[test]
    fn a_top_level_key_below_a_table_is_told_to_move_up() {
        let e = parse_str("[lint]\nselect = ['ALL']\nkpi_owner = 'team'\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 1));
        assert!(
            e.message
                .contains("`kpi_owner` is a top-level key: move it above the first [table] header"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_quoted_key_with_a_dot_is_not_a_path() {
        let e = parse_str("\"tenets.verbs\" = ['choose']\n").unwrap_err();
        assert!(
            e.message.starts_with("unknown key `tenets.verbs`; "),
            "{}",
            e.message
        );
    }

    #[test]
    fn unknown_key_names_the_closest() {
        let e = parse_str("owners = 'o.toml'\nkpi_owners = 'team'\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert!(
            e.message.contains("`kpi_owners`") && e.message.contains("`kpi_owner`"),
            "{}",
            e.message
        );
        // SPEC §6: nothing far is offered; the valid keys are listed instead.
        let e = parse_str("[tenets]\nmin_words = 3\n").unwrap_err();
        assert!(!e.message.contains("closest"), "{}", e.message);
        assert!(
            e.message.contains("valid keys are `") && e.message.contains("`min_rationale_words`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn select_ignore_and_severity() {
        let c = parse_str("[lint]\nselect = ['ALL']\nignore = ['HL']\n[lint.severity]\nTEN = 'warning'\nTEN005 = 'off'\n").unwrap();
        assert_eq!(c.severity_of(Code::HL001), None);
        assert_eq!(c.severity_of(Code::TEN001), Some(Severity::Warning));
        assert_eq!(c.severity_of(Code::TEN005), None);
        assert_eq!(c.severity_of(Code::OBJ001), Some(Severity::Error));
        let e = parse_str("[lint]\nselect = ['OBJ01']\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 11), "{}", e.message);
        // Names the value at fault and, exactly, the closest valid code.
        assert!(
            e.message.contains(
                "`OBJ01` is not a rule code or prefix; the closest valid one is `OBJ001`"
            ),
            "{}",
            e.message
        );
        let e = parse_str("[lint]\nignore = ['XYZ123']\n").unwrap_err();
        assert!(
            e.message
                .ends_with("`XYZ123` is not a rule code or prefix; `stratlint rules` lists them"),
            "{}",
            e.message
        );
    }
}
