//! What a finding's proposal costs: its effort (from the size of the proposed
//! code and its prerequisites) and whether it changes an API. Shared by the
//! Validator (complexity check) and the Coordinator (quick-win ranking), so
//! both judge effort the same way. This module reads only the finding's text;
//! it must NOT read files or look at the code under audit.

use memaudit_model::{Finding, Level};

/// Words that say a proposal changes a signature or a type others use.
const API_WORDS: &[&str] = &[
    "api",
    "signature",
    "callers",
    "call sites",
    "breaking",
    "public interface",
    "lifetime parameter",
];

/// Lines of real code in the proposal (blank lines, comments and fences skipped).
pub(crate) fn proposal_lines(finding: &Finding) -> usize {
    finding
        .proposal
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("```"))
        .count()
}

/// Why the proposal needs an API change, if it does: a word in the proposal,
/// prerequisites or trade-offs ("requires modifying Message API").
pub(crate) fn api_change(finding: &Finding) -> Option<String> {
    let texts = std::iter::once(("proposal", finding.proposal.as_str()))
        .chain(
            finding
                .prerequisites
                .iter()
                .map(|p| ("prerequisite", p.as_str())),
        )
        .chain(
            finding
                .tradeoffs
                .cons
                .iter()
                .map(|c| ("trade-off", c.as_str())),
        );
    for (what, text) in texts {
        let lower = text.to_lowercase();
        for word in API_WORDS {
            let hit = lower
                .match_indices(word)
                .any(|(i, _)| word_boundary(&lower, i, word.len()));
            if hit {
                return Some(format!("{what} says \"{}\"", text.trim()));
            }
        }
    }
    None
}

fn word_boundary(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !is_word(before) && !is_word(after)
}

/// Effort to implement a finding's proposal.
///
/// Points: proposal size (≤ 3 lines 0, ≤ 12 lines 1, more 2) + one per
/// prerequisite (at most 2) + 2 when the proposal changes an API. 0–1 points
/// is Low, 2–3 Medium, 4 or more High.
pub fn effort(finding: &Finding) -> Level {
    let size = match proposal_lines(finding) {
        0..=3 => 0,
        4..=12 => 1,
        _ => 2,
    };
    let prereqs = finding.prerequisites.len().min(2);
    let api = if api_change(finding).is_some() { 2 } else { 0 };
    match size + prereqs + api {
        0..=1 => Level::Low,
        2..=3 => Level::Medium,
        _ => Level::High,
    }
}

/// One line saying how [`effort`] was reached.
pub(crate) fn effort_evidence(finding: &Finding) -> String {
    let mut parts = vec![format!("proposal of {} line(s)", proposal_lines(finding))];
    parts.push(format!("{} prerequisite(s)", finding.prerequisites.len()));
    if let Some(api) = api_change(finding) {
        parts.push(format!("an API change ({api})"));
    }
    format!("effort {} ({})", effort(finding), parts.join(", "))
}

/// Effort as a cost: Low 1, Medium 2, High 3 (the inverse of
/// [`Level::weight`], which ranks High first).
pub(crate) fn effort_cost(effort: Level) -> u32 {
    match effort {
        Level::Low => 1,
        Level::Medium => 2,
        Level::High => 3,
    }
}
