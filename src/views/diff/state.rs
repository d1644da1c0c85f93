//! What `diff` reads of one side's analysis: each object by id, with the
//! values its groups compare (SPEC §16).

use std::collections::BTreeMap;

use crate::analysis::Analysis;
use crate::metrics;
use crate::model::{Number, Object, Payload};

use super::compared_text::{compared_text, parent_field};

/// One object as `diff` compares it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Its kind's name.
    pub kind: &'static str,
    /// Its title, when it has one.
    pub title: Option<String>,
    /// Its status word; an object with no `status` has its kind's default
    /// (`active`, an initiative's `active`, a debt item's `open`); a
    /// decision with none has none.
    pub status: Option<String>,
    /// Its place in the tree: the field (`parent`, `objective`, `serves`)
    /// and the ids it names, sorted and joined with `, ` (`None`: none).
    pub parent: Option<(&'static str, Option<String>)>,
    /// A KPI's `baseline`, `target`, `min`, `max`, in that order.
    pub goalposts: Option<[(&'static str, Option<f64>); 4]>,
    /// A KPI's `current`.
    pub current: Option<f64>,
    /// A KPI's progress (as the report computes it), and whether it is
    /// implausible (KPI010).
    pub progress: Option<(f64, bool)>,
    /// Its `owner` as written.
    pub owner: Option<String>,
    /// Its compared text ([`compared_text`]).
    pub text: String,
}

/// A number field's value, when it is a finite number.
fn value(n: &Number) -> Option<f64> {
    match n {
        Number::Value(v) => Some(v.value),
        _ => None,
    }
}

fn status_word(o: &Object) -> Option<String> {
    let word = match &o.payload {
        Payload::Decision(d) => return d.status.as_ref().map(|s| s.value.name().to_owned()),
        Payload::Initiative(i) => i.status(),
        Payload::Debt(d) => d.status(),
        _ if o.is_active() => "active",
        _ => "retired",
    };
    Some(word.to_owned())
}

fn entry(analysis: &Analysis, index: usize, o: &Object) -> Entry {
    let parent = parent_field(o).map(|field| {
        let mut ids: Vec<&str> = o.refs_in(field).map(|r| r.value.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        (field, (!ids.is_empty()).then(|| ids.join(", ")))
    });
    let kpi = o.as_kpi();
    Entry {
        kind: o.kind.name(),
        title: o.title.as_ref().map(|t| t.value.clone()),
        status: status_word(o),
        parent,
        goalposts: kpi.map(|k| {
            [
                ("baseline", value(&k.baseline)),
                ("target", value(&k.target)),
                ("min", value(&k.min)),
                ("max", value(&k.max)),
            ]
        }),
        current: kpi.and_then(|k| value(&k.current)),
        progress: kpi.and_then(|k| {
            let p = analysis.metrics.progress.get(index).copied().flatten()?;
            Some((p, metrics::implausible(k)))
        }),
        owner: o.owner.as_ref().map(|s| s.value.clone()),
        text: compared_text(o, &analysis.model.files[o.file]),
    }
}

/// Every object with an id, by id (the first one written, when an id is
/// held twice).
pub fn entries(analysis: &Analysis) -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    for (i, o) in analysis.model.objects.iter().enumerate() {
        if let Some(id) = o.id() {
            out.entry(id.to_owned())
                .or_insert_with(|| entry(analysis, i, o));
        }
    }
    out
}
