//! "Did you mean": the closest known names to a mistyped one, shared by catalog validation and
//! the CLI so both suggest the same way.

/// Up to `n` candidates that look like `needle`, closest first.
pub fn closest<'a>(needle: &str, candidates: impl IntoIterator<Item = &'a str>, n: usize) -> Vec<&'a str> {
    let needle = needle.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let lower = candidate.to_lowercase();
            let mut score = strsim::jaro_winkler(&needle, &lower);
            if !needle.is_empty() && (lower.contains(&needle) || needle.contains(&lower)) {
                score = score.max(0.9);
            }
            (score >= 0.75).then_some((score, candidate))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_near_misses_first_and_nothing_for_strangers() {
        let ids = ["faster-rcnn", "fast-rcnn", "rcnn", "bert"];
        assert_eq!(closest("fster-rcnn", ids, 1), vec!["faster-rcnn"]);
        assert_eq!(closest("tinybrt", ["tinybert", "bert", "vit"], 3)[0], "tinybert");
        assert!(closest("zebra", ids, 3).is_empty());
    }
}
