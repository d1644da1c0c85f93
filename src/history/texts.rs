//! The text of each object in a file, as history compares it: for a
//! Markdown document the whole file, for a TOML object its table; every
//! run of whitespace read as one space (SPEC §5).

use toml::de::DeTable;

use crate::model::Kind;
use crate::parse::frontmatter::{self, FrontMatter};
use crate::parse::tenet::normalize;
use crate::parse::toml_file::header_starts;

/// `(id, normalized text)` of every object in a file's content. Files that
/// do not parse, and files that are not strategy, hold no objects.
pub fn object_texts(path: &str, content: &str) -> Vec<(String, String)> {
    if path.ends_with(".md") {
        markdown(content)
    } else if path.ends_with(".toml") {
        toml(content)
    } else {
        Vec::new()
    }
}

fn markdown(content: &str) -> Vec<(String, String)> {
    let FrontMatter::Toml { toml, .. } = frontmatter::split(content) else {
        return Vec::new();
    };
    let Ok(table) = DeTable::parse(&content[toml]) else {
        return Vec::new();
    };
    let id = table
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref() == "id")
        .and_then(|(_, v)| v.get_ref().as_str().map(str::to_owned));
    id.map(|id| vec![(id, normalize(content))])
        .unwrap_or_default()
}

fn toml(content: &str) -> Vec<(String, String)> {
    if !content.contains("[[") && !content.contains("= [") {
        return Vec::new();
    }
    let Ok(doc) = DeTable::parse(content) else {
        return Vec::new();
    };
    let headers = header_starts(content);
    let mut out = Vec::new();
    for (key, value) in doc.get_ref().iter() {
        if Kind::parse(key.get_ref()).is_none() {
            continue;
        }
        let Some(items) = value.get_ref().as_array() else {
            continue;
        };
        for item in items.iter() {
            let Some(table) = item.get_ref().as_table() else {
                continue;
            };
            let Some(id) = table
                .iter()
                .find(|(k, _)| k.get_ref() == "id")
                .and_then(|(_, v)| v.get_ref().as_str())
            else {
                continue;
            };
            let span = item.span();
            let end = if content[span.clone()].starts_with("[[") {
                headers
                    .iter()
                    .copied()
                    .find(|&h| h > span.start)
                    .unwrap_or(content.len())
            } else {
                span.end
            };
            out.push((id.to_owned(), normalize(&content[span.start..end])));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_cut_at_the_next_header_and_whitespace_folded() {
        let t = "[[principle]]\nid = \"A\"\ntitle   =  \"x\"\n\n[[principle]]\nid = \"B\"\n";
        assert_eq!(
            object_texts("p.toml", t),
            vec![
                ("A".into(), "[[principle]] id = \"A\" title = \"x\"".into()),
                ("B".into(), "[[principle]] id = \"B\"".into())
            ]
        );
    }

    #[test]
    fn a_markdown_document_is_its_whole_file() {
        let t = "+++\nkind = \"thesis\"\nid = \"T\"\n+++\n\nBody  text.\n";
        assert_eq!(
            object_texts("t.md", t),
            vec![(
                "T".into(),
                "+++ kind = \"thesis\" id = \"T\" +++ Body text.".into()
            )]
        );
        assert!(object_texts("README.md", "# hi\n").is_empty());
    }
}
