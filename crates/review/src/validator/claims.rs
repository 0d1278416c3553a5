//! The finding's own claims: its confidence, its safety label, its estimate,
//! its effort against its impact, and whether its code was found at all.
//!
//! It must NOT re-derive what other families decide; it weighs what the
//! Analyst stated against what the checks found.

use super::*;
use memaudit_facts::items::declared_name;

pub(super) fn rule_not_worth_it(case: &Case, review: &Review) -> Option<Fired> {
    let low = case.finding.impact.level == Level::Low;
    if !(low && review.effort == Level::High && review.hot_path.answer != Answer::Yes) {
        return None;
    }
    Some(Fired {
        description: "LOW impact, HIGH effort, and not on a hot path.".into(),
        risk: "Complexity without a measurable gain.".into(),
        suggestion: "Drop the finding unless a heap profile shows this site.".into(),
        counterexample: Some(format!(
            "{}; the site is not hot ({}). The change costs more review and maintenance than \
             the allocations it saves.",
            proposal::effort_evidence(case.finding),
            review.hot_path.evidence
        )),
        ..Fired::default()
    })
}

/// The call graph's record of where the declared field or static grows,
/// when the finding has one.
fn growth<'c>(case: &'c Case) -> Option<&'c memaudit_model::FieldGrowth> {
    let f = case.finding;
    if f.category != Category::LifetimeExtension || !case.sites.is_empty() {
        return None;
    }
    f.reach.as_ref()?.growth.as_ref()
}

/// A collection said to only grow that grows only a bounded number of times
/// per process: once, or per element of collections walked from `main` or
/// setup. It holds the program's data, not memory kept for nothing.
pub(super) fn rule_finite_growth(case: &Case, _: &Review) -> Option<Fired> {
    let g = growth(case)?;
    if g.unbounded.is_some() {
        return None;
    }
    let name = declared_name(&case.finding.code)?;
    let sites = g.sites.join("; ");
    Some(Fired {
        description: format!(
            "`{name}` grows only where the call graph bounds it per process: {sites}."
        ),
        risk: "Draining or capping it would drop entries the program still reads; what it holds \
               is what one run produces."
            .into(),
        suggestion: "Leave it: it is the program's data, freed when its owner is.".into(),
        counterexample: Some(format!(
            "Every place that grows `{name}` runs once per process or per element of a \
             collection walked from `main` or setup ({sites}): it ends up as large as that \
             input, and no event, request or tick adds to it later."
        )),
        ..Fired::default()
    })
}

/// The file's functions that grow the field or static `name`, as "`path`
/// (line N)".
fn growers(case: &Case, name: &str) -> Vec<String> {
    case.facts
        .raw
        .fns
        .iter()
        .filter(|item| item.facts.grows(name).next().is_some())
        .map(|item| format!("`{}` (line {})", item.path, item.range.start.line))
        .collect()
}

/// A collection field or static said to only grow: no allocating code sits
/// on its declaration, so the question is asked of what grows it.
pub(super) fn rule_field_growth(case: &Case, _: &Review) -> Option<Fired> {
    let f = case.finding;
    if f.category != Category::LifetimeExtension || !case.sites.is_empty() {
        return None;
    }
    let name = declared_name(&f.code)?;
    if let Some(why) = growth(case).and_then(|g| g.unbounded.as_deref()) {
        return needs(
            format!(
                "`{name}` grows in {why}, and nothing in this file drains, clears or bounds it. \
                 Does each pass add a new entry for as long as the program runs, or does it \
                 refill the same keys (an intern table, a memo of a finite input)?"
            ),
            "A collection filled from a finite input is the program's data, not a leak; only \
             growth per event of an unbounded loop keeps memory for nothing.",
            format!("Show that `{name}` takes new entries without end (a server, a watcher, a UI tick), or that its keys repeat."),
        );
    }
    let growers = growers(case, name);
    if growers.is_empty() {
        return None;
    }
    needs(
        format!(
            "`{name}` grows in {} and nothing in this file drains, clears or bounds it. Does \
             its owner live for the whole run and take a new entry per request, event or \
             tick, without bound, or is it filled from a finite input (the program's result, \
             its configuration, an intern table)?",
            growers.join(", ")
        ),
        "A collection filled from a finite input is the program's data, not a leak; only \
         growth per event of an unbounded loop keeps memory for nothing.",
        format!("Show the loop that grows `{name}` without end (a server, a watcher, a UI tick)."),
    )
}

/// The reset the finding points at: the function that swaps a field for a
/// fresh, empty buffer on the finding's lines, and the swap.
fn field_reset<'c>(
    case: &'c Case,
) -> Option<(
    &'c memaudit_facts::items::FnItem,
    &'c memaudit_facts::body::FieldReset,
)> {
    let f = case.finding;
    if f.category != Category::ArenaCandidate || !case.sites.is_empty() {
        return None;
    }
    case.facts.raw.fns.iter().find_map(|item| {
        item.facts
            .resets
            .iter()
            .find(|r| f.line_start <= r.pos.line && r.pos.line <= f.line_end)
            .map(|r| (item, r))
    })
}

/// A field reset that a person's key press or click runs: the fills run per
/// tick or batch, the reset a few times a minute at most, so `clear()`
/// would save one regrowth per action.
pub(super) fn rule_rare_reset(case: &Case, _: &Review) -> Option<Fired> {
    let (item, reset) = field_reset(case)?;
    let reach = case.finding.reach.as_ref().filter(|r| r.surfaces())?;
    let at = hot::human_rate(&reach.reasons)?;
    let key = reach
        .reasons
        .get(at)
        .map(String::as_str)
        .unwrap_or_default();
    let chain = reach.reasons.join(" ← ");
    let fillers = growers(case, &reset.field);
    let fills = if fillers.is_empty() {
        "the functions that fill it".to_owned()
    } else {
        fillers.join(", ")
    };
    Some(Fired {
        description: format!(
            "`{}` drops `{}`'s buffer at line {} only below a handler of a person's input: {key}.",
            item.path, reset.place, reset.pos.line
        ),
        risk: "The buffer regrows once after each reset; resets come at a person's pace, a few a minute at most.".into(),
        suggestion: "Leave it: a fresh buffer per reset is what the reset is for.".into(),
        counterexample: Some(format!(
            "{fills} fill `{}` again after each reset, but the reset runs per key press or mouse action ({chain}): `clear()` would save one regrowth per action of the person, never seen beside the fills themselves.",
            reset.place
        )),
        ..Fired::default()
    })
}

/// A field swapped for a fresh, empty buffer that the type fills again: the
/// code is a reset, not an allocating expression, and whether `clear()`
/// saves anything depends on how often the reset runs against the fills.
pub(super) fn rule_field_reset(case: &Case, _: &Review) -> Option<Fired> {
    let (item, reset) = field_reset(case)?;
    let fillers = growers(case, &reset.field);
    let fills = match fillers.len() {
        0 => "the functions that fill it fill".to_owned(),
        1 => format!("{} fills", fillers[0]),
        _ => format!("{} fill", fillers.join(", ")),
    };
    needs(
        format!(
            "`{}` drops `{}`'s buffer for an empty one at line {}, and {fills} it again. \
             Does `{}` run once per batch that is filled (per tick, per frame, per request), or \
             rarely (a user's reset, a new session)?",
            item.path, reset.place, reset.pos.line, item.path
        ),
        "`clear()` keeps one allocation only when the reset runs about as often as the buffer \
         is refilled; a rare reset regrows it once.",
        format!(
            "Show how often `{}` runs against the fills (the loop that calls it, or a heap profile).",
            item.path
        ),
    )
}

/// Integer types an intern table hands out as positions.
const INDEX_TYPES: &[&str] = &[
    "usize", "u64", "u32", "u16", "u8", "isize", "i64", "i32", "i16",
];

/// A map field said to only grow whose values are positions in a list the
/// same function pushes onto: an intern table (`atom_to_index`), whose
/// entries are the identity of what it interned.
pub(super) fn rule_intern_table(case: &Case, _: &Review) -> Option<Fired> {
    let f = case.finding;
    if f.category != Category::LifetimeExtension || !case.sites.is_empty() {
        return None;
    }
    let name = declared_name(&f.code)?;
    let ty = declared_field(case, name)?;
    let memaudit_facts::ty::View::Map(_, Some(value)) = ty.view() else {
        return None;
    };
    if !value.name().is_some_and(|n| INDEX_TYPES.contains(&n)) {
        return None;
    }
    let (item, list) = case.facts.raw.fns.iter().find_map(|item| {
        item.facts.grows(name).next()?;
        let other = item
            .facts
            .events
            .iter()
            .find(|e| e.name != name && e.kind == memaudit_facts::body::GrowthUse::Grow)?;
        Some((item, other))
    })?;
    Some(Fired {
        description: format!(
            "`{name}` maps keys to integers, and `{}` (line {}) inserts into it while it pushes onto `{}`: it hands out positions in that list.",
            item.path, item.range.start.line, list.name
        ),
        risk: "Evicting or clearing an intern table gives the same key a new index; every value that holds an old index then points at the wrong entry.".into(),
        suggestion: "Leave it: an intern table grows with the distinct keys it is given, and that is what it is for.".into(),
        counterexample: Some(format!(
            "`{}` stores each new key of `{name}` with its position in `{}` (line {}): the index is the key's identity. Bounding `{name}` drops entries whose indices are still held; the table is as large as the set of distinct keys, not a leak.",
            item.path, list.name, list.pos.line
        )),
        ..Fired::default()
    })
}

/// The declared type of the field a LIFETIME_EXTENSION finding names: the
/// field of the nearest type of the file declared above the finding's line.
fn declared_field<'c>(case: &'c Case, name: &str) -> Option<&'c memaudit_facts::Ty> {
    let f = case.finding;
    Some(
        case.facts
            .raw
            .table
            .own_types()
            .filter(|(_, def)| def.line <= f.line_start)
            .filter_map(|(_, def)| Some((def.line, def.field(name)?)))
            .max_by_key(|(line, _)| *line)?
            .1,
    )
}

/// `borrowed-keys`: a set or map field keyed by references
/// (`HashSet<&'a str>`) holds one pointer per distinct value it borrows,
/// and every value it borrows lives elsewhere at least as long as the set.
/// It cannot outgrow the data it points into, nor outlive it.
pub(super) fn rule_borrowed_keys(case: &Case, _: &Review) -> Option<Fired> {
    use memaudit_facts::ty::View;
    let f = case.finding;
    if f.category != Category::LifetimeExtension || !case.sites.is_empty() {
        return None;
    }
    let name = declared_name(&f.code)?;
    let ty = declared_field(case, name)?;
    let key = match ty.view() {
        View::Set(Some(k)) | View::Map(Some(k), _) => k,
        _ => return None,
    };
    if !matches!(key.view(), View::Ref(_)) {
        return None;
    }
    Some(Fired {
        description: format!(
            "`{name}` is keyed by references (`{key}`): each entry points into a value that lives elsewhere."
        ),
        risk: "Bounding or clearing it changes what it answers (which values were seen) and frees only pointers.".into(),
        suggestion: "Leave it: a set of borrows is as large as the distinct values it points into, and is dropped no later than they are.".into(),
        counterexample: Some(format!(
            "`{name}` holds one `{key}` per distinct value it was given, and the borrow checker keeps each of those values alive at least as long as `{name}`: the set can neither outgrow nor outlive the data it borrows, so it keeps no memory the program does not already hold."
        )),
        ..Fired::default()
    })
}

pub(super) fn rule_site_not_found(case: &Case, _: &Review) -> Option<Fired> {
    if !case.sites.is_empty() {
        return None;
    }
    let f = case.finding;
    needs(
        format!(
            "No {} code was found at lines {}-{} of `{}`.",
            site_kind_words(f.category),
            f.line_start,
            f.line_end,
            f.file
        ),
        "The finding may describe code that is not there, or code inside a macro the Validator cannot see.",
        "Point the finding at the exact lines of the allocation, clone or type.".into(),
    )
}

pub(super) fn rule_partly_false_positive(case: &Case, _: &Review) -> Option<Fired> {
    if case.false_positives.is_empty() || case.main.is_none() {
        return None;
    }
    let list = case
        .false_positives
        .iter()
        .map(|(s, id, _)| format!("{} at line {} ({id})", s.label(), s.start.line))
        .collect::<Vec<_>>()
        .join(", ");
    needs(
        format!("Part of the range is a false positive: {list}."),
        "Applying the proposal to every site in the range would break the ones that are needed.",
        "Narrow the finding to the sites that are real.".into(),
    )
}

pub(super) fn rule_analyst_unsure(case: &Case, review: &Review) -> Option<Fired> {
    let s = case.finding.safety;
    if s == Safety::Safe {
        return None;
    }
    // When the Validator's own reading of the code finds the risk (the value
    // is stored, the loop is parallel), that rule's issue says why; repeating
    // the Analyst's label adds nothing.
    if review.escape.is_some() || review.parallel.is_some() {
        return None;
    }
    // When the Validator proved the change safe itself (the value stays
    // local, the borrow outlives no mutation), the Analyst's doubt is
    // answered.
    if review.lifetime.status == CheckStatus::Pass {
        return None;
    }
    let stated = case
        .finding
        .tradeoffs
        .cons
        .first()
        .map(|c| format!(" (its stated risk: \"{}\")", c.trim()))
        .unwrap_or_default();
    needs(
        format!(
            "The Analyst marked the change {s}{stated}; the Validator's reading of the code does \
             not settle it: lifetime {}, thread safety {}.",
            review.lifetime.status.as_str(),
            review.thread_safety.status.as_str()
        ),
        "The Analyst saw a risk the finding does not resolve.",
        "State the risk and show why it does not apply, or narrow the proposal.".into(),
    )
}

pub(super) fn rule_low_confidence(case: &Case, review: &Review) -> Option<Fired> {
    if case.finding.confidence != Confidence::Low || review.lifetime.status == CheckStatus::Pass {
        return None;
    }
    needs(
        "The Analyst's confidence is LOW.".into(),
        "The pattern match may be wrong.",
        "Confirm the pattern by reading the callers, or measure.".into(),
    )
}

pub(super) fn rule_impact_unknown(_: &Case, review: &Review) -> Option<Fired> {
    if review.estimate.answer != Answer::NeedsMeasurement {
        return None;
    }
    needs(
        format!(
            "The impact is not established: {}.",
            review.estimate.evidence
        ),
        "Effort may be spent on a change that saves nothing measurable.",
        "Give allocations avoided or bytes saved per unit, or attach a heap profile.".into(),
    )
}

pub(super) fn rule_implausible_estimate(_: &Case, review: &Review) -> Option<Fired> {
    if review.estimate.answer != Answer::No {
        return None;
    }
    needs(
        format!(
            "The estimate does not match the code: {}.",
            review.estimate.evidence
        ),
        "The report would overstate the savings.",
        "Recount the allocations per unit from the code.".into(),
    )
}

pub(super) fn rule_unproven_lifetime(_: &Case, review: &Review) -> Option<Fired> {
    if review.lifetime.status != CheckStatus::Unclear || review.escape.is_some() {
        return None;
    }
    needs(
        format!("Lifetime not proven: {}.", review.lifetime.evidence),
        "A value could be dropped while still referenced, or kept alive as before.",
        "Apply the change on a branch and run `cargo check` and the tests.".into(),
    )
}

pub(super) fn rule_complexity(case: &Case, review: &Review) -> Option<Fired> {
    if review.complexity.answer != Answer::No || case.finding.impact.level == Level::Low {
        return None;
    }
    needs(
        format!("Complexity not justified: {}.", review.complexity.evidence),
        "The change costs more than it saves.",
        "Find a smaller change, or show a larger saving.".into(),
    )
}

pub(super) fn site_kind_words(category: Category) -> &'static str {
    match category {
        Category::UnnecessaryClone => "clone",
        Category::AllocationLoop => "allocating",
        Category::ArenaCandidate => "allocating or recursive type",
        Category::HeapAvoidable => {
            "`Box` type (expression, `let`, field or signature) or allocating"
        }
        Category::CacheHostile => "struct, enum or `Vec<Box<T>>`",
        Category::LifetimeExtension => "allocating or cloning",
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use memaudit_model::{Category, Verdict};

    const SCHEDULER: &str = r#"
pub struct Scheduler {
    results: Vec<u64>,
}
impl Scheduler {
    pub fn run(&mut self, runs: &[u64]) {
        for r in runs {
            self.results.push(*r);
        }
    }
}
"#;

    #[test]
    fn a_growing_field_asks_what_grows_it() {
        check(
            &Given::new(SCHEDULER, Category::LifetimeExtension, "results: Vec<u64>")
                .proposal("// Drain what has been processed, e.g.\nfor item in self.results.drain(..) { /* handle */ }"),
            Verdict::NeedsWork,
            &["[rule: field-growth]", "`Scheduler::run`", "finite input"],
        );
    }

    #[test]
    fn a_field_grown_only_from_a_finite_input_is_the_programs_data() {
        let reach = |unbounded: Option<&str>| {
            memaudit_model::Reach {
            heat: memaudit_model::Heat::Warm,
            cold: None,
            loop_depth: 0,
            reasons: vec!["a type declaration: paid wherever its values are built or stored".into()],
            process_per_pass: None,
            growth: Some(memaudit_model::FieldGrowth {
                sites: vec!["`Scheduler::run` (src/lib.rs:8): per iteration of `for r in runs` in `Scheduler::run` ← called once per call from `main` (src/main.rs:3) ← entry: `fn main` (src/main.rs:1)".into()],
                unbounded: unbounded.map(str::to_owned),
            }),
        }
        };
        let drain = "// Drain what has been processed, e.g.\nfor item in self.results.drain(..) { /* handle */ }";
        check(
            &Given::new(SCHEDULER, Category::LifetimeExtension, "results: Vec<u64>")
                .proposal(drain)
                .reach(reach(None)),
            Verdict::Rejected,
            &[
                "[rule: finite-growth]",
                "`Scheduler::run` (src/lib.rs:8)",
                "fn main",
            ],
        );
        check(
            &Given::new(SCHEDULER, Category::LifetimeExtension, "results: Vec<u64>")
                .proposal(drain)
                .reach(reach(Some("`Scheduler::run` (src/lib.rs:8): per pass of the `loop` at line 3 in `serve`, which nothing bounds"))),
            Verdict::NeedsWork,
            &["[rule: field-growth]", "per pass of the `loop` at line 3 in `serve`"],
        );
    }

    #[test]
    fn a_field_reset_asks_how_often_it_runs() {
        let src = r#"
pub struct Farm { rows: Vec<u64> }
impl Farm {
    pub fn eat(&mut self, r: u64) { self.rows.push(r); }
    pub fn reset(&mut self) {
        self.rows = Vec::default();
    }
}
"#;
        check(
            &Given::new(src, Category::ArenaCandidate, "self.rows = Vec::default()")
                .proposal("self.rows.clear(); // keeps the capacity for the next fill"),
            Verdict::NeedsWork,
            &[
                "[rule: field-reset]",
                "`Farm::reset` drops `self.rows`'s buffer",
                "`Farm::eat` (line 4)",
            ],
        );
    }

    #[test]
    fn a_field_reset_per_key_press_is_rare() {
        let src = r#"
pub struct Farm { rows: Vec<u64> }
impl Farm {
    pub fn eat(&mut self, r: u64) { self.rows.push(r); }
    pub fn reset(&mut self) {
        self.rows = Vec::default();
    }
}
"#;
        let reach = |reasons: &[String]| memaudit_model::Reach {
            heat: memaudit_model::Heat::Warm,
            cold: None,
            loop_depth: 0,
            reasons: reasons.to_vec(),
            process_per_pass: None,
            growth: None,
        };
        let key = format!(
            "called {} (a key press or mouse action) from `main` (src/main.rs:40)",
            memaudit_facts::hotness::HUMAN_RATE
        );
        let per_key = vec![
            "called once per call from `handle_key` (src/event.rs:110)".to_owned(),
            key,
            "entry: `fn main` (src/main.rs:3)".to_owned(),
        ];
        let given = |r| {
            Given::new(src, Category::ArenaCandidate, "self.rows = Vec::default()")
                .proposal("self.rows.clear(); // keeps the capacity for the next fill")
                .reach(r)
        };
        check(
            &given(reach(&per_key)),
            Verdict::Rejected,
            &["[rule: rare-reset]", "`Farm::eat` (line 4)", "key press"],
        );
        // Reset per pass of the program's own loop: how often is the question.
        let per_tick = vec![
            "called once per call from `tick` (src/app.rs:9)".to_owned(),
            "called per iteration of the `loop` at line 5 from `main` (src/main.rs:6)".to_owned(),
        ];
        check(
            &given(reach(&per_tick)),
            Verdict::NeedsWork,
            &["[rule: field-reset]"],
        );
    }

    const INTERN: &str = r#"
use std::collections::HashMap;
pub struct Repo {
    atoms: Vec<String>,
    atom_index_map: HashMap<String, usize>,
    seen: HashMap<String, String>,
}
impl Repo {
    pub fn atom_to_index(&mut self, atom: &str) -> usize {
        if let Some(i) = self.atom_index_map.get(atom) {
            return *i;
        }
        self.atoms.push(atom.to_owned());
        let index = self.atoms.len() - 1;
        self.atom_index_map.insert(atom.to_owned(), index);
        index
    }
    pub fn remember(&mut self, k: &str, v: &str) {
        self.seen.insert(k.to_owned(), v.to_owned());
    }
}
"#;

    #[test]
    fn an_intern_table_is_not_a_cache_to_bound() {
        const BOUND: &str = "// Bound the cache: evict on insert once a limit is reached, e.g.\nif cache.len() >= MAX_ENTRIES {\n    cache.clear();\n}\ncache.insert(key, value);";
        check(
            &Given::new(
                INTERN,
                Category::LifetimeExtension,
                "atom_index_map: HashMap<String, usize>",
            )
            .proposal(BOUND),
            Verdict::Rejected,
            &[
                "[rule: intern-table]",
                "`Repo::atom_to_index`",
                "`atoms`",
                "new index",
            ],
        );
        // A map of text to text grown alone: the question stays.
        check(
            &Given::new(
                INTERN,
                Category::LifetimeExtension,
                "seen: HashMap<String, String>",
            )
            .proposal(BOUND),
            Verdict::NeedsWork,
            &["[rule: field-growth]", "`Repo::remember`"],
        );
    }

    #[test]
    fn a_set_of_borrows_cannot_outgrow_what_it_borrows() {
        const SRC: &str = r#"
use std::collections::HashSet;
pub struct Mappings<'a> {
    items: std::slice::Iter<'a, (String, String)>,
    used_keys: HashSet<&'a str>,
    owned_keys: HashSet<String>,
}
impl<'a> Iterator for Mappings<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        for (k, _) in self.items.by_ref() {
            if self.used_keys.insert(k.as_str()) {
                self.owned_keys.insert(k.clone());
                return Some(k.as_str());
            }
        }
        None
    }
}
"#;
        const BOUND: &str = "// Bound the cache: evict on insert once a limit is reached, e.g.\nif cache.len() >= MAX_ENTRIES {\n    cache.clear();\n}\ncache.insert(key, value);";
        check(
            &Given::new(
                SRC,
                Category::LifetimeExtension,
                "used_keys: HashSet<&'a str>",
            )
            .proposal(BOUND),
            Verdict::Rejected,
            &["[rule: borrowed-keys]", "`used_keys`"],
        );
        // Owned keys: the rule stays out.
        let v = validate(
            &Given::new(
                SRC,
                Category::LifetimeExtension,
                "owned_keys: HashSet<String>",
            )
            .proposal(BOUND),
        );
        assert!(!said(&v).contains("borrowed-keys"), "{}", said(&v));
    }

    #[test]
    fn declared_names_are_read_from_the_declaration() {
        assert_eq!(
            super::declared_name("pub(crate) results: Vec<R>,"),
            Some("results")
        );
        assert_eq!(
            super::declared_name("static CACHE: Mutex<HashMap<u32, u64>> = Mutex::new(..);"),
            Some("CACHE")
        );
        assert_eq!(super::declared_name("let x = y;"), None);
        assert_eq!(
            super::declared_name("#[allow(clippy::type_complexity)]\n#[cfg(unix)]\nstatic SIZES: Lazy<Mutex<HashMap<u64, u64>>> =\n    Lazy::new(..);"),
            Some("SIZES"),
            "attributes before the declaration"
        );
    }
}
