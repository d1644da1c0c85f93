//! YAML front matter of adopted records, read with saphyr-parser's event
//! stream so that aliases are never expanded: a value an alias names is
//! looked up where it is anchored, and [`Yaml::expanded`] measures what the
//! aliases would stand for (an alias bomb is found in time proportional to
//! the text). Tags are never executed.

use std::collections::HashMap;

use saphyr_parser::{Event as YamlEvent, Parser as YamlParser};

use crate::model::Spanned;
use crate::source::Span;

/// Most YAML nodes front matter may stand for once its aliases are expanded.
pub const MAX_EXPANDED: u64 = 10_000;

/// A YAML node, with the byte range it was read from (in the file).
#[derive(Debug)]
pub enum Node {
    /// A scalar and its span.
    Scalar(String, Span),
    /// A sequence of nodes.
    Seq(Vec<usize>),
    /// A mapping: key and value nodes.
    Map(Vec<(usize, usize)>),
    /// An alias of an anchor.
    Alias(usize),
}

/// YAML front matter read into nodes, without expanding aliases.
pub struct Yaml {
    nodes: Vec<Node>,
    anchors: HashMap<usize, usize>,
    root: Option<usize>,
}

impl Yaml {
    /// Parses `text` (the front matter, starting at byte `shift` of the file).
    pub fn parse(text: &str, shift: usize) -> Result<Yaml, (usize, String)> {
        // saphyr's markers count characters: map them back to bytes.
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let at = |chars: usize| shift + bytes[chars.min(bytes.len() - 1)];
        let mut yaml = Yaml {
            nodes: Vec::new(),
            anchors: HashMap::new(),
            root: None,
        };
        // Open collections: (node, pending key of a map).
        let mut stack: Vec<(usize, Option<usize>)> = Vec::new();
        for item in YamlParser::new_from_str(text) {
            let (event, span) = item.map_err(|e| (at(e.marker().index()), e.info().to_owned()))?;
            let range = Span::new(at(span.start.index()), at(span.end.index()));
            let (node, anchor) = match event {
                YamlEvent::Scalar(value, _, anchor, _) => {
                    (Some(Node::Scalar(value.into_owned(), range)), anchor)
                }
                YamlEvent::Alias(id) => (Some(Node::Alias(id)), 0),
                YamlEvent::SequenceStart(anchor, _) => (Some(Node::Seq(Vec::new())), anchor),
                YamlEvent::MappingStart(anchor, _) => (Some(Node::Map(Vec::new())), anchor),
                YamlEvent::SequenceEnd | YamlEvent::MappingEnd => {
                    stack.pop();
                    (None, 0)
                }
                _ => (None, 0),
            };
            let Some(node) = node else { continue };
            let opens = matches!(node, Node::Seq(..) | Node::Map(..));
            let id = yaml.nodes.len();
            yaml.nodes.push(node);
            if anchor > 0 {
                yaml.anchors.insert(anchor, id);
            }
            match stack.last_mut() {
                None => yaml.root = yaml.root.or(Some(id)),
                Some((parent, key)) => match &mut yaml.nodes[*parent] {
                    Node::Seq(items) => items.push(id),
                    Node::Map(pairs) => match key.take() {
                        None => *key = Some(id),
                        Some(k) => pairs.push((k, id)),
                    },
                    _ => {}
                },
            }
            if opens {
                stack.push((id, None));
            }
        }
        Ok(yaml)
    }

    /// How many nodes the tree stands for with every alias expanded
    /// (saturating), each node's count computed once, without recursion.
    pub fn expanded(&self) -> u64 {
        let Some(root) = self.root else { return 0 };
        let deps = |id: usize| -> Vec<usize> {
            match &self.nodes[id] {
                Node::Scalar(..) => Vec::new(),
                Node::Seq(items) => items.clone(),
                Node::Map(pairs) => pairs.iter().flat_map(|&(k, v)| [k, v]).collect(),
                Node::Alias(a) => self.anchors.get(a).copied().into_iter().collect(),
            }
        };
        let mut memo: Vec<Option<u64>> = vec![None; self.nodes.len()];
        // 0: not seen, 1: its dependencies are being counted, 2: counted.
        let mut state = vec![0u8; self.nodes.len()];
        let mut stack = vec![root];
        while let Some(&id) = stack.last() {
            match state[id] {
                0 => {
                    state[id] = 1;
                    stack.extend(deps(id).into_iter().filter(|&d| state[d] == 0));
                }
                1 => {
                    // A dependency still being counted is a cycle: unbounded.
                    let own = u64::from(!matches!(self.nodes[id], Node::Alias(..)));
                    let size = deps(id)
                        .iter()
                        .fold(own, |n, &d| n.saturating_add(memo[d].unwrap_or(u64::MAX)));
                    memo[id] = Some(size);
                    state[id] = 2;
                    stack.pop();
                }
                _ => {
                    stack.pop();
                }
            }
        }
        memo[root].unwrap_or(u64::MAX)
    }

    /// A node with aliases followed.
    pub fn resolve(&self, mut id: usize) -> &Node {
        for _ in 0..64 {
            match &self.nodes[id] {
                Node::Alias(a) => match self.anchors.get(a) {
                    Some(&n) if n != id => id = n,
                    _ => break,
                },
                node => return node,
            }
        }
        &self.nodes[id]
    }

    /// The value of a top-level key.
    pub fn get(&self, key: &str) -> Option<&Node> {
        let Node::Map(pairs) = self.resolve(self.root?) else {
            return None;
        };
        pairs
            .iter()
            .find(|(k, _)| matches!(self.resolve(*k), Node::Scalar(s, _) if s == key))
            .map(|&(_, v)| self.resolve(v))
    }

    /// Where a top-level key is written.
    pub fn key_span(&self, key: &str) -> Option<Span> {
        let Node::Map(pairs) = self.resolve(self.root?) else {
            return None;
        };
        pairs.iter().find_map(|(k, _)| match self.resolve(*k) {
            Node::Scalar(s, span) if s == key => Some(*span),
            _ => None,
        })
    }

    /// A key's value as one string.
    pub fn string(&self, key: &str) -> Option<Spanned<String>> {
        match self.get(key)? {
            Node::Scalar(s, span) => Some(Spanned::new(s.clone(), *span)),
            _ => None,
        }
    }

    /// A key's value as a list of strings (a list, or one value).
    pub fn strings(&self, key: &str) -> Vec<Spanned<String>> {
        match self.get(key) {
            Some(Node::Scalar(s, span)) if !s.is_empty() => vec![Spanned::new(s.clone(), *span)],
            Some(Node::Seq(items)) => items
                .iter()
                .filter_map(|&i| match self.resolve(i) {
                    Node::Scalar(s, span) => Some(Spanned::new(s.clone(), *span)),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alias_bomb_is_measured_not_expanded() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for k in 0..9u8 {
            let prev = (b'a' + k) as char;
            let next = (b'a' + k + 1) as char;
            bomb.push_str(&format!("{next}: &{next} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let y = Yaml::parse(&bomb, 0).unwrap();
        assert!(y.expanded() > MAX_EXPANDED);
        let plain = Yaml::parse("title: x\nstatus: accepted\nlist: [a, b]\n", 0).unwrap();
        assert!(plain.expanded() < 20);
        assert_eq!(plain.string("status").unwrap().value, "accepted");
        assert_eq!(plain.strings("list").len(), 2);
    }
}
