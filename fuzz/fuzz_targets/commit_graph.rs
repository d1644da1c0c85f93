//! git's commit-graph files on arbitrary bytes: `CommitGraph::from_layers`
//! never panics, and a graph that parses reads safely at every position.
//! The input is tried as one file and, split in halves, as a chain of two
//! layers, each both with its checksums checked (almost every input stops
//! there) and without (`from_layers_unverified`, so that the fuzzer reaches
//! the chunk table, the fanout, the parents and the Bloom filters).
#![no_main]

use libfuzzer_sys::fuzz_target;
use stratlint::history::commit_graph::{BloomKey, CommitGraph};

const PATHS: [&str; 4] = ["docs/a.md", "docs", "docs/é.md", ""];

fn exercise(graph: &CommitGraph) {
    let len = graph.len();
    assert!(len <= u32::MAX as usize);
    let keys: Vec<BloomKey> = PATHS.iter().map(|p| graph.bloom_key(p)).collect();
    for pos in 0..len as u32 {
        let oid = graph.oid(pos);
        assert_eq!(
            graph.position(oid),
            Some(pos),
            "position of the oid at {pos}"
        );
        let commit = graph.commit(pos);
        for &parent in &commit.parents {
            assert!(
                (parent as usize) < len,
                "parent {parent} of {pos} out of range"
            );
        }
        assert!((0..1 << 34).contains(&commit.time), "time {}", commit.time);
        for (path, key) in PATHS.iter().zip(&keys) {
            let maybe = graph.maybe_changed(pos, path);
            assert_eq!(maybe, graph.maybe_changed_key(pos, key), "{path} at {pos}");
        }
        assert!(
            graph.maybe_changed(pos, ""),
            "the empty path is always maybe"
        );
    }
    assert!(
        graph.maybe_changed(len as u32, "docs/a.md"),
        "out of range is maybe"
    );
    if graph.has_bloom() {
        assert!(matches!(graph.bloom_version(), Some(1 | 2)));
    }
}

fuzz_target!(|data: &[u8]| {
    let one = vec![data.to_vec()];
    let mid = data.len() / 2;
    let two = vec![data[..mid].to_vec(), data[mid..].to_vec()];
    for layers in [one, two] {
        if let Ok(graph) = CommitGraph::from_layers(layers.clone()) {
            exercise(&graph);
        }
        if let Ok(graph) = CommitGraph::from_layers_unverified(layers) {
            exercise(&graph);
        }
    }
});
