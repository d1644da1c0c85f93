//! A kept model with the files that changed spliced in: what the language
//! server's re-check loads instead of copying every kept parse into a new
//! model. The server hands its last model back to the [`ParseCache`]
//! (restored as it was loaded: see [`crate::analysis::as_loaded`]); the
//! next load finds which files changed and replaces only their part of
//! each list (objects, tenets, links, suppressions, anchors, registry),
//! moving the indices after them when their number changed.
//!
//! The splice holds only when the model has exactly the files the load
//! found, in the same order: a file created, deleted, renamed or no longer
//! strategy makes the load build the model from the kept parses instead.
//!
//! [`ParseCache`]: crate::parse_cache::ParseCache

use crate::diagnostic::Diagnostic;
use crate::history::Prepared;
use crate::model::{Kind, Repository, Spliced, Touched};
use crate::parse::ParsedFile;
use crate::source::{FileId, SourceFile};

/// One file of a load: unchanged since the kept model was loaded (its parse
/// left in the cache), or read and parsed again (`None`: not strategy).
pub enum Got {
    /// Unchanged: in the kept model as it is when a strategy file, with its
    /// parse diagnostics as parsed (file 0, object 0).
    Kept {
        /// Whether it is a strategy file (else it is not in the model).
        strategy: bool,
        /// Its parse diagnostics.
        diagnostics: Vec<Diagnostic>,
    },
    /// Read again: the new parse, not yet placed.
    Parsed(Option<Box<(SourceFile, ParsedFile, Option<Prepared>)>>),
}

/// `model` with each changed file of `got` (by candidate, their paths
/// relative to the root in `rels`) spliced in, and the parse diagnostics
/// of every file; `None` when the files differ from the model's (then
/// nothing of `got` was consumed).
pub fn splice(
    mut model: Repository,
    rels: &[&str],
    got: &mut [Got],
) -> Option<(Repository, Vec<Diagnostic>)> {
    let mut files = 0;
    // Each file's candidate, and the files that changed.
    let mut candidate = vec![usize::MAX; model.files.len()];
    let mut changed: Vec<(FileId, usize)> = Vec::new();
    for (k, (rel, g)) in rels.iter().zip(got.iter()).enumerate() {
        let f = match g {
            Got::Kept {
                strategy: false, ..
            } => continue,
            Got::Kept { .. } => model.file_at_rel(rel)?,
            Got::Parsed(None) => {
                // A strategy file that is no longer one changes the files.
                if model.file_at_rel(rel).is_some() {
                    return None;
                }
                continue;
            }
            Got::Parsed(Some(read)) => {
                let src = &read.0;
                let f = model.file_at_rel(rel)?;
                if model.files[f].display != src.display || model.files[f].path != src.path {
                    return None;
                }
                changed.push((f, k));
                f
            }
        };
        if candidate[f] != usize::MAX {
            return None;
        }
        candidate[f] = k;
        files += 1;
    }
    if files != model.files.len() {
        return None;
    }
    // From the last file back, so that each file's ranges are still those
    // of the model as kept.
    changed.sort_unstable();
    let mut spliced = model.generation.map(|from| Spliced {
        from,
        ..Spliced::default()
    });
    for &(f, k) in changed.iter().rev() {
        let Got::Parsed(Some(read)) = std::mem::replace(&mut got[k], Got::Parsed(None)) else {
            unreachable!("a changed file was parsed");
        };
        let (src, parsed, _) = *read;
        let (diagnostics, placed) = replace(&mut model, f, src, parsed);
        // Objects that moved: no fact of the model before holds by index.
        spliced = spliced.filter(|_| placed.moved == 0).map(|mut s| {
            s.ranges.push(placed.range);
            s.ids.extend(placed.ids);
            let t = &mut s.touched;
            for k in placed.touched.kinds {
                if !t.kinds.contains(&k) {
                    t.kinds.push(k);
                }
            }
            t.tenets |= placed.touched.tenets;
            t.links |= placed.touched.links;
            t.anchors |= placed.touched.anchors;
            t.registry |= placed.touched.registry;
            t.ids |= placed.touched.ids;
            s
        });
        got[k] = Got::Kept {
            strategy: true,
            diagnostics,
        };
    }
    model.spliced = spliced;
    // Each file's parse diagnostics, in file order, at its objects' place.
    let starts = object_starts(&model);
    let mut diagnostics = Vec::new();
    for (f, &k) in candidate.iter().enumerate() {
        let Got::Kept { diagnostics: d, .. } = &mut got[k] else {
            continue;
        };
        if !d.is_empty() {
            let mut part = ParsedFile {
                diagnostics: std::mem::take(d),
                ..ParsedFile::default()
            };
            part.relocate(f, starts[f]);
            diagnostics.append(&mut part.diagnostics);
        }
    }
    Some((model, diagnostics))
}

/// Where each file's objects start in `model.objects` (its objects being
/// in file order).
fn object_starts(model: &Repository) -> Vec<usize> {
    let mut starts = vec![0; model.files.len() + 1];
    for o in &model.objects {
        starts[o.file + 1] += 1;
    }
    for f in 1..starts.len() {
        starts[f] += starts[f - 1];
    }
    starts
}

/// The range of the items of file `f` in a list in file order.
fn range_of<T>(items: &[T], f: FileId, file: impl Fn(&T) -> FileId) -> std::ops::Range<usize> {
    let start = items.partition_point(|t| file(t) < f);
    let end = start + items[start..].partition_point(|t| file(t) == f);
    start..end
}

/// An index into the objects moved by `delta`.
fn shift(index: &mut Option<usize>, delta: isize) {
    if let Some(i) = index {
        *i = i.wrapping_add_signed(delta);
    }
}

/// Where a changed file's objects went.
struct Placed {
    /// The range of its objects now.
    range: std::ops::Range<usize>,
    /// How far the objects after them moved.
    moved: isize,
    /// The ids its objects had and have.
    ids: Vec<String>,
    /// What it held before or holds now.
    touched: Touched,
}

/// Replaces file `f`'s part of `model` with `parsed` (parsed as file 0 at
/// object 0), moving the object indices of the files after it; its parse
/// diagnostics come back as they were parsed (file 0, object 0), with
/// where its objects went.
fn replace(
    model: &mut Repository,
    f: FileId,
    src: SourceFile,
    mut parsed: ParsedFile,
) -> (Vec<Diagnostic>, Placed) {
    // Placed with the others once every file is in (see [`splice`]).
    let diagnostics = std::mem::take(&mut parsed.diagnostics);
    let objects = range_of(&model.objects, f, |o| o.file);
    parsed.relocate(f, objects.start);
    let delta = parsed.objects.len() as isize - objects.len() as isize;
    let after = objects.start + parsed.objects.len();
    let ids = |objects: &[crate::model::Object]| -> Vec<String> {
        objects
            .iter()
            .filter_map(|o| o.id().map(str::to_owned))
            .collect()
    };
    let before = ids(&model.objects[objects.clone()]);
    let now = ids(&parsed.objects);
    let mut kinds: Vec<Kind> = Vec::new();
    for o in model.objects[objects.clone()].iter().chain(&parsed.objects) {
        if !kinds.contains(&o.kind) {
            kinds.push(o.kind);
        }
    }
    let old_slugs = model.anchors.get(&f).map(|a| &a.slugs);
    let registry =
        parsed.registry.is_some() || model.registry.as_ref().is_some_and(|r| r.file == f);
    let touched = Touched {
        kinds,
        tenets: !parsed.tenets.is_empty() || !range_of(&model.tenets, f, |t| t.file).is_empty(),
        links: !parsed.links.is_empty() || !range_of(&model.links, f, |l| l.file).is_empty(),
        anchors: old_slugs != parsed.slugs.as_ref(),
        registry,
        ids: before != now,
    };
    let mut placed = Placed {
        range: objects.start..after,
        moved: delta,
        ids: before,
        touched,
    };
    placed.ids.extend(now);
    model.objects.splice(objects, parsed.objects.drain(..));
    let tenets = range_of(&model.tenets, f, |t| t.file);
    let tenets_after = tenets.start + parsed.tenets.len();
    model.tenets.splice(tenets, parsed.tenets.drain(..));
    let links = range_of(&model.links, f, |l| l.file);
    let links_after = links.start + parsed.links.len();
    model.links.splice(links, parsed.links.drain(..));
    let suppressions = range_of(&model.suppressions, f, |s| s.file);
    model
        .suppressions
        .splice(suppressions, parsed.suppressions.drain(..));
    if delta != 0 {
        for o in &mut model.objects[after..] {
            shift(&mut o.within, delta);
        }
        for t in &mut model.tenets[tenets_after..] {
            shift(&mut t.object, delta);
        }
        for l in &mut model.links[links_after..] {
            shift(&mut l.object, delta);
        }
    }
    match parsed.slugs.take() {
        Some(slugs) => {
            model.anchors.insert(f, crate::model::Anchors { slugs });
        }
        None => {
            model.anchors.remove(&f);
        }
    }
    if parsed.registry.is_some() || model.registry.as_ref().is_some_and(|r| r.file == f) {
        model.registry = parsed.registry.take();
    }
    model.files[f] = src;
    (diagnostics, placed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_s_range_is_found_among_others_and_when_empty() {
        let files = [0, 0, 2, 2, 2, 5];
        assert_eq!(range_of(&files, 0, |f| *f), 0..2);
        assert_eq!(range_of(&files, 2, |f| *f), 2..5);
        assert_eq!(range_of(&files, 3, |f| *f), 5..5);
        assert_eq!(range_of(&files, 5, |f| *f), 5..6);
        assert_eq!(range_of(&files, 9, |f| *f), 6..6);
    }

    #[test]
    fn indices_move_both_ways() {
        let mut i = Some(5);
        shift(&mut i, -2);
        assert_eq!(i, Some(3));
        shift(&mut i, 4);
        assert_eq!(i, Some(7));
        let mut none = None;
        shift(&mut none, 3);
        assert_eq!(none, None);
    }
}
