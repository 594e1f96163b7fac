//! The ranking test set (`tests/fixtures/ranking.tsv`): queries of every kind, typed the way
//! people remember or describe a paper, scored as hit@1 and hit@5 on the built-in catalog. The
//! test fails when a kind falls below the level the search has reached, so a ranking change
//! that helps one kind of query cannot quietly hurt another.

use std::collections::BTreeMap;

use mlpx::index::filter::{NoMarks, Query};

/// The least share of queries of each kind whose answer must come first, and in the top five.
const FLOORS: &[(&str, f64, f64)] = &[
    ("name", 0.98, 1.0),
    ("typo", 0.9, 1.0),
    ("described", 0.83, 0.95),
    ("author", 0.9, 1.0),
    ("concept", 0.9, 1.0),
    ("link", 1.0, 1.0),
    ("filter", 0.8, 1.0),
];

#[test]
fn the_ranking_test_set_stays_at_its_level() {
    let catalog = mlpx::builtin::catalog();
    let index = mlpx::builtin::index(&catalog);
    let set = std::fs::read_to_string("tests/fixtures/ranking.tsv").expect("the ranking set");
    let mut by_kind: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for line in set.lines().filter(|line| !line.starts_with('#') && !line.trim().is_empty()) {
        let [kind, query, expected] = line.split('\t').collect::<Vec<_>>()[..] else { panic!("bad line {line:?}") };
        let expected: Vec<&str> = expected.split('|').collect();
        for id in &expected {
            assert!(catalog.paper(id).is_some(), "{query:?} expects {id}, which is not in the catalog");
        }
        let query_parsed = Query::parse_for(query, &catalog).unwrap_or_else(|e| panic!("{query:?}: {e}"));
        let ids: Vec<&str> = query_parsed
            .run(&index, &catalog, &NoMarks)
            .iter()
            .take(5)
            .map(|h| catalog.papers()[h.paper].id.as_str())
            .collect();
        let rank = ids.iter().position(|id| expected.contains(id));
        let entry = by_kind.entry(kind).or_default();
        entry.0 += 1;
        entry.1 += usize::from(rank == Some(0));
        entry.2 += usize::from(rank.is_some());
        if rank != Some(0) {
            misses.push(format!("{kind}: {query:?} wants {expected:?}, got {ids:?}"));
        }
    }
    let mut report = String::new();
    let mut failed = false;
    for (kind, (total, first, top5)) in &by_kind {
        let (at1, at5) = (*first as f64 / *total as f64, *top5 as f64 / *total as f64);
        let (_, floor1, floor5) =
            FLOORS.iter().find(|(k, ..)| k == kind).unwrap_or_else(|| panic!("no floor for {kind}"));
        failed |= at1 < *floor1 || at5 < *floor5;
        report += &format!(
            "{kind:>9}: {total:3} queries, hit@1 {at1:.2} (floor {floor1}), hit@5 {at5:.2} (floor {floor5})\n"
        );
    }
    let total: usize = by_kind.values().map(|v| v.0).sum();
    assert!(total >= 150, "the set should hold at least 150 queries, not {total}");
    eprintln!("{report}\nnot first:\n{}", misses.join("\n"));
    assert!(!failed, "a kind fell below its floor:\n{report}\n{}", misses.join("\n"));
}
