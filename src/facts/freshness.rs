//! Age, half-life and freshness (SPEC §5): the one computation and the one
//! way to write freshness, read by HL001/HL002, the map, the report and
//! the language server's hover alike.

use crate::date::DAY;
use crate::graph::Graph;
use crate::history::Timeline;
use crate::model::Object;
use crate::project::config::Config;

use super::revalidation::{Revalidation, revalidation};
use super::served::{self, ServedChange};

/// What an object with a half-life knows about its age.
#[derive(Debug, Clone, PartialEq)]
pub struct Aging {
    /// Its half-life in days: its own `half_life`, else its kind's in the config.
    pub half_life: i64,
    /// Its last revalidation.
    pub revalidation: Revalidation,
    /// Its age, unless the revalidation is unknown.
    pub age: Option<Age>,
    /// What it serves that changed after its last revalidation (none when
    /// that is unknown).
    pub served_changes: Vec<ServedChange>,
}

/// An age (now − last revalidation) and the freshness it gives; at a
/// shallow clone's boundary, a lower bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Age {
    /// In seconds (negative when now precedes the revalidation).
    pub secs: i64,
    /// In whole days (floored, never below 0): how texts write it.
    pub days: i64,
    /// 0.5^(age / half-life), in [0, 1] (an age below 0 counts as 0).
    pub freshness: f64,
}

impl Age {
    /// In days, with the fraction: what the half-life is compared with.
    pub fn days_exact(&self) -> f64 {
        self.secs as f64 / DAY as f64
    }
}

impl Aging {
    /// The aging of `o`, when it has a half-life.
    pub fn of(o: &Object, graph: &Graph, config: &Config, timeline: &Timeline) -> Option<Aging> {
        let half_life = half_life(o, config)?;
        let revalidation = revalidation(timeline, o);
        let age = revalidation.time().map(|t| {
            let secs = timeline.now - t;
            Age {
                secs,
                days: secs.max(0) / DAY,
                freshness: freshness(secs, half_life),
            }
        });
        let served_changes = revalidation
            .time()
            .map(|t| served::changed_since(o, graph, timeline, t))
            .unwrap_or_default();
        Some(Aging {
            half_life,
            revalidation,
            age,
            served_changes,
        })
    }

    /// Its freshness, when its age is known.
    pub fn freshness(&self) -> Option<f64> {
        self.age.map(|a| a.freshness)
    }
}

/// The half-life of an object in days, if it has one: its `half_life`,
/// else its kind's in the config.
pub fn half_life(o: &Object, config: &Config) -> Option<i64> {
    o.half_life()
        .map(|h| h.value)
        .or_else(|| config.half_life.get(&o.kind).copied())
}

/// Freshness, 0.5^(age / half-life) in [0, 1], of an age in seconds (an age
/// below 0 counts as 0) and a half-life in days.
pub fn freshness(age_secs: i64, half_life_days: i64) -> f64 {
    0.5f64.powf((age_secs as f64 / DAY as f64).max(0.0) / half_life_days as f64)
}

/// A freshness as every text shows it: percent with one decimal place
/// (SPEC §5), `86.6%`.
pub fn percent(freshness: f64) -> String {
    format!("{:.1}%", freshness * 100.0)
}
