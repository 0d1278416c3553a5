//! How one finding is judged: the case (a finding with the facts of its file), the
//! order in which site rules, rejecting rules and questions run, and the
//! shapes of the three outcomes.
//!
//! It must NOT hold a rule of its own: every verdict comes from a rule of the
//! table in the module documentation.

use super::*;

pub(super) struct Case<'a> {
    pub(super) finding: &'a Finding,
    pub(super) facts: &'a FileFacts,
    /// The sites of the finding's kind in its line range.
    pub(super) sites: Vec<&'a Site>,
    /// Sites that a false-positive rule decided, with the rule and why.
    pub(super) false_positives: Vec<(&'a Site, &'static str, Fired)>,
    /// The first site no false-positive rule decided.
    pub(super) main: Option<&'a Site>,
    pub(super) priority: Priority,
    pub(super) priority_source: String,
    /// For a pre-sizing finding (`Vec::new()` → `with_capacity`): the loop
    /// that grows the buffer, or why it was not shown.
    pub(super) growth: Option<Result<Growth, String>>,
    /// What the proposal proposes, read from its text.
    pub(super) shape: proposal::Shape,
    /// Allocations a heap profile measured at the finding's lines, when the
    /// session has a profile.
    pub(super) measured: Option<u64>,
    /// The file's lines as written, for what the facts do not keep (a
    /// call's turbofish: `parse::<Regex>()`).
    pub(super) lines: &'a [&'a str],
}

/// The answers computed for the main site.
pub(super) struct Review {
    pub(super) lifetime: Check,
    pub(super) thread_safety: Check,
    pub(super) no_ub: Check,
    pub(super) estimate: Assessment,
    pub(super) hot_path: Assessment,
    pub(super) complexity: Assessment,
    pub(super) in_loop: bool,
    /// Where the main site's value goes.
    pub(super) fate: Option<Fate>,
    pub(super) escape: Option<String>,
    pub(super) parallel: Option<String>,
    pub(super) effort: Level,
}

pub(super) fn check(status: CheckStatus, evidence: impl Into<String>) -> Check {
    Check {
        status,
        evidence: evidence.into(),
    }
}

pub(super) fn assess(answer: Answer, evidence: impl Into<String>) -> Assessment {
    Assessment {
        answer,
        evidence: evidence.into(),
    }
}

impl<'a> Case<'a> {
    pub(super) fn func(&self, site: &Site) -> Option<&'a FnFacts> {
        site.ctx.fn_idx.and_then(|i| self.facts.fns.get(i))
    }

    /// The file's functions named `name`, test code left out: what a call
    /// by that name may run, for the rules that follow calls down the file.
    pub(super) fn fns_named(
        &self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a memaudit_facts::FnItem> + 'a {
        let raw: &'a memaudit_facts::items::FileFacts = &self.facts.raw;
        raw.fns
            .iter()
            .filter(move |f| f.name == name && f.test.is_none())
    }

    /// What `found` says of the file's functions named `name`, or of the
    /// file's functions they call (cold calls aside), up to `depth` calls
    /// down: for the rules that weigh a call by the work it does. Every
    /// function of that name must have it — a name the file defines twice
    /// is not resolved to the heavier one — and the first one's is said.
    /// With a `caller`, a call on `self` (`on_self`) runs only methods of
    /// the caller's type.
    pub(super) fn down_calls(
        &self,
        caller: Option<&'a memaudit_facts::FnItem>,
        name: &'a str,
        on_self: bool,
        depth: u32,
        found: &dyn Fn(&'a memaudit_facts::FnItem) -> Option<String>,
    ) -> Option<String> {
        use memaudit_facts::body::Callee;
        if depth == 0 || name.is_empty() {
            return None;
        }
        let fns: Vec<&memaudit_facts::FnItem> = self
            .fns_named(name)
            .filter(|f| !on_self || caller.is_none_or(|c| f.self_ty == c.self_ty))
            .collect();
        if fns.is_empty() {
            return None;
        }
        let mut first = None;
        for f in fns {
            let here = found(f).or_else(|| {
                f.facts
                    .calls
                    .iter()
                    .filter(|c| c.cold.is_none())
                    .find_map(|c| {
                        let on_self = matches!(&c.callee, Callee::Method { on_self: true, .. });
                        (c.callee.name() != f.name.as_str())
                            .then(|| {
                                let caller = caller.map(|_| f);
                                self.down_calls(caller, c.callee.name(), on_self, depth - 1, found)
                            })
                            .flatten()
                    })
            })?;
            first.get_or_insert(here);
        }
        first
    }

    /// The shared facts' function and site record behind a site.
    pub(super) fn raw(
        &self,
        site: &Site,
    ) -> Option<(&'a memaudit_facts::FnItem, &'a memaudit_facts::body::Site)> {
        let (fi, si) = site.raw?;
        let raw: &'a memaudit_facts::items::FileFacts = &self.facts.raw;
        let item = raw.fns.get(fi)?;
        Some((item, item.facts.sites.get(si)?))
    }

    /// The clone a site stands for: its receiver and how it is cloned.
    pub(super) fn clone_of(&self, site: &'a Site) -> Option<(&'a str, &'a str)> {
        let as_clone = |s: &'a Site| match &s.kind {
            SiteKind::Clone {
                receiver: Some(r),
                via,
            } => Some((r.as_str(), via.as_str())),
            _ => None,
        };
        as_clone(site).or_else(|| {
            self.facts
                .sites_in(site.start.line, site.start.line)
                .iter()
                .filter(|s| s.start == site.start && s.end == site.end)
                .find_map(as_clone)
        })
    }

    /// The `let` the site's value is bound to, if it is a whole initialiser.
    pub(super) fn binding_of(&self, site: &Site) -> Option<&'a facts::Binding> {
        self.func(site)?
            .bindings
            .iter()
            .find(|b| b.init_span == Some((site.start, site.end)))
    }
}

/// Whether the finding's issue names the site's kind (`format!()`,
/// `.collect()`, …) as the Analyst words it.
fn names(finding: &Finding, case: &Case, site: &Site) -> bool {
    case.raw(site)
        .is_some_and(|(_, s)| finding.issue.contains(&format!("`{}`", s.kind.label())))
}

/// The priority of the finding's file: the scope's, else the crate's, else
/// what the Analyst reported.
pub(super) fn priority_of(finding: &Finding, scope: Option<&Scope>) -> (Priority, String) {
    if let Some(scope) = scope {
        for c in &scope.crates {
            if let Some(f) = c.files.iter().find(|f| f.path == finding.file) {
                return (f.priority, format!("scope: `{}` is {}", f.path, f.priority));
            }
        }
        if let Some(c) = scope.crates.iter().find(|c| c.name == finding.crate_name) {
            return (
                c.priority,
                format!("scope: crate `{}` is {}", c.name, c.priority),
            );
        }
    }
    (
        finding.priority,
        format!("the Analyst reported {}", finding.priority),
    )
}

pub(super) fn relevant(category: Category, kind: &SiteKind) -> bool {
    match category {
        Category::UnnecessaryClone => matches!(kind, SiteKind::Clone { .. }),
        Category::AllocationLoop => matches!(kind, SiteKind::Alloc { .. }),
        // Arena findings point at loops of allocations or at recursive types
        // whose nodes are boxed one by one.
        // (Not the boxes themselves: an arena reference breaks the recursion
        // as the box did, so `recursive-box` does not argue against it.)
        Category::ArenaCandidate => {
            matches!(kind, SiteKind::Alloc { .. } | SiteKind::Item { .. })
        }
        Category::HeapAvoidable => {
            matches!(
                kind,
                SiteKind::BoxType { .. } | SiteKind::Alloc { .. } | SiteKind::SharedBuffer { .. }
            )
        }
        Category::CacheHostile => {
            matches!(
                kind,
                SiteKind::Item { .. }
                    | SiteKind::BoxType {
                        container: Some(_),
                        ..
                    }
            ) && !matches!(kind, SiteKind::BoxType { container: Some(c), .. } if !is_vec_like(c))
        }
        Category::LifetimeExtension => {
            matches!(kind, SiteKind::Alloc { .. } | SiteKind::Clone { .. })
        }
    }
}

/// Whether the finding's snippet is still at its lines.
pub(super) fn snippet_matches(lines: &[&str], finding: &Finding) -> bool {
    let norm = |s: &str| -> String {
        let code = s.split("//").next().unwrap_or("");
        code.chars().filter(|c| !c.is_whitespace()).collect()
    };
    let significant: Vec<String> = finding
        .code
        .lines()
        .map(norm)
        .filter(|l| {
            !l.is_empty() && l.chars().any(|c| c.is_alphanumeric()) && !l.starts_with("```")
        })
        .collect();
    if significant.is_empty() {
        return true;
    }
    let from = (finding.line_start as usize).saturating_sub(3);
    let to = (finding.line_end as usize + 2).min(lines.len());
    let window: String = lines[from.min(to)..to].iter().map(|l| norm(l)).collect();
    let hits = significant
        .iter()
        .filter(|l| window.contains(l.as_str()))
        .count();
    hits * 2 >= significant.len()
}

pub(super) fn judge<'a>(
    lines: &'a [&'a str],
    facts: &'a FileFacts,
    finding: &'a Finding,
    scope: Option<&Scope>,
    measured: Option<u64>,
) -> Validation {
    let n = u32::try_from(lines.len()).unwrap_or(u32::MAX);
    if finding.line_start == 0 || finding.line_end < finding.line_start || finding.line_end > n {
        return unclear(
            finding,
            &ReviewError::OutOfRange {
                path: finding.file.clone(),
                lines: n,
                start: finding.line_start,
                end: finding.line_end,
            },
        );
    }
    if !snippet_matches(lines, finding) {
        return unclear(
            finding,
            &ReviewError::Changed {
                path: finding.file.clone(),
                start: finding.line_start,
                end: finding.line_end,
            },
        );
    }

    let mut sites: Vec<&Site> = facts
        .sites_in(finding.line_start, finding.line_end)
        .iter()
        .filter(|s| relevant(finding.category, &s.kind))
        .collect();
    // An allocation and the clone it is recorded as are one site.
    sites.dedup_by(|a, b| a.start == b.start && a.end == b.end);
    let (mut priority, mut priority_source) = priority_of(finding, scope);
    if let Some(n) = measured.filter(|n| *n >= HOT_MEASURED) {
        priority = Priority::P0;
        priority_source =
            format!("measured: {n} allocations at these lines in the session's heap profile");
    }
    let mut case = Case {
        finding,
        facts,
        sites,
        false_positives: Vec::new(),
        main: None,
        priority,
        priority_source,
        growth: None,
        shape: proposal::shape(finding),
        measured,
        lines,
    };

    for site in case.sites.clone() {
        let fired = RULES.iter().find_map(|rule| match rule.eval {
            Eval::Site(f) if rule.applies(finding.category) => {
                f(&case, site).map(|fired| (rule.id, fired))
            }
            _ => None,
        });
        match fired {
            Some((id, fired)) => case.false_positives.push((site, id, fired)),
            None if case.main.is_none() => case.main = Some(site),
            // A proposal that replaces a collected `Vec` by its iterator is
            // about the `collect`, not a clone inside the chain's closure.
            None if case.shape == proposal::Shape::IterOnly
                && is_collect(&case, site)
                && !case.main.is_some_and(|m| is_collect(&case, m)) =>
            {
                case.main = Some(site)
            }
            // An allocation-in-loop finding is about the site in the loop:
            // `errs.iter().map(|e| e.to_string()).collect()` is judged at the
            // `to_string`, not the `collect` before it on the line.
            None if finding.category == Category::AllocationLoop
                && case.main.is_some_and(|m| m.ctx.loops.is_empty())
                && !site.ctx.loops.is_empty()
                && !(case.shape == proposal::Shape::IterOnly
                    && case.main.is_some_and(|m| is_collect(&case, m))) =>
            {
                case.main = Some(site)
            }
            // Two sites on one line: the one the finding's issue names
            // (`format!()` in `.map(|q| format!(..)).collect()`).
            None if case.main.is_some_and(|m| !names(finding, &case, m))
                && names(finding, &case, site) =>
            {
                case.main = Some(site)
            }
            None => {}
        }
    }
    // A test file is test code even when no site was located.
    if case.sites.is_empty() && path_is_test(&finding.file) {
        let pseudo = Site {
            kind: SiteKind::Item {
                name: finding.item_path.clone(),
            },
            start: facts::Pos {
                line: finding.line_start,
                col: 0,
            },
            end: facts::Pos {
                line: finding.line_end,
                col: 0,
            },
            ctx: facts::Ctx::default(),
            sink: None,
            raw: None,
        };
        if let Some(fired) = rule_test_code(&case, &pseudo) {
            return reject(finding, &case, "test-code", fired);
        }
    }

    if case.main.is_none() && !case.false_positives.is_empty() {
        let (_, id, fired) = case.false_positives[0].clone();
        return reject(finding, &case, id, fired);
    }
    if let Some(site) = case.main.filter(|s| is_presize(finding, s)) {
        case.growth = Some(growth(&case, site));
    }

    let review = review(&case);
    for rule in RULES.iter().filter(|r| r.applies(finding.category)) {
        if let (Eval::Finding(f), Verdict::Rejected) = (&rule.eval, rule.verdict) {
            if let Some(fired) = f(&case, &review) {
                let mut v = reject(finding, &case, rule.id, fired);
                v.lifetime = review.lifetime.clone();
                v.thread_safety = review.thread_safety.clone();
                v.no_undefined_behavior = review.no_ub.clone();
                v.hot_path = review.hot_path.clone();
                v.complexity_justified = review.complexity.clone();
                return v;
            }
        }
    }
    // NEEDS_WORK asks one question: the first rule of the table that fires
    // names the fact that decides the finding.
    let mut issues = Vec::new();
    let mut conditions = Vec::new();
    let question = RULES
        .iter()
        .filter(|r| r.applies(finding.category) && r.verdict == Verdict::NeedsWork)
        .find_map(|rule| match &rule.eval {
            Eval::Finding(f) => f(&case, &review).map(|fired| (rule.id, fired)),
            Eval::Site(_) => None,
        });
    if let Some((id, fired)) = question {
        conditions.push(fired.suggestion.clone());
        issues.push(issue(finding, 1, id, fired));
    }
    let verdict = if issues.is_empty() {
        conditions = approval_conditions(&case, &review);
        if measured == Some(0) {
            conditions.push(
                "Not hot in this workload: the session's heap profile measured no allocation at these lines; profile the workload that matters before spending effort here."
                    .to_owned(),
            );
        }
        Verdict::Approved
    } else {
        Verdict::NeedsWork
    };
    Validation {
        finding_id: finding.id.clone(),
        fingerprint: finding.fingerprint.clone(),
        verdict,
        lifetime: review.lifetime,
        thread_safety: review.thread_safety,
        no_undefined_behavior: review.no_ub,
        estimate_plausible: review.estimate,
        hot_path: review.hot_path,
        complexity_justified: review.complexity,
        issues,
        conditions,
        counterexample: None,
        score: None,
        score_reason: None,
        engine: "builtin".to_owned(),
    }
}

pub(super) fn issue(finding: &Finding, n: usize, rule: &str, fired: Fired) -> ValidationIssue {
    ValidationIssue {
        id: format!("{}-I{n}", finding.id),
        description: format!("{} [rule: {rule}]", fired.description),
        risk: fired.risk,
        suggestion: fired.suggestion,
    }
}

pub(super) fn reject(finding: &Finding, case: &Case, rule: &str, fired: Fired) -> Validation {
    let site = case.false_positives.first().map(|(s, _, _)| *s);
    let fn_text = site
        .map(|s| fn_label(case, s))
        .unwrap_or_else(|| "the code".to_owned());
    let na = |what: &str| check(CheckStatus::NotApplicable, what.to_owned());
    let counterexample = fired.counterexample.clone();
    let lifetime = fired.lifetime.clone().unwrap_or_else(|| {
        na(&format!(
            "not assessed: the finding is rejected by rule `{rule}`"
        ))
    });
    let thread_safety = fired
        .thread_safety
        .clone()
        .unwrap_or_else(|| na(&format!("not assessed: {fn_text} needs no change")));
    let hot_path = fired.hot_path.clone().unwrap_or_else(|| {
        assess(
            Answer::Maybe,
            format!("not assessed: rule `{rule}` rejects the finding first"),
        )
    });
    let estimate = fired.estimate.clone().unwrap_or_else(|| {
        assess(
            Answer::No,
            "the claimed saving cannot be realised: the code is needed as written",
        )
    });
    Validation {
        finding_id: finding.id.clone(),
        fingerprint: finding.fingerprint.clone(),
        verdict: Verdict::Rejected,
        lifetime,
        thread_safety,
        no_undefined_behavior: check(
            CheckStatus::NotApplicable,
            "nothing to change: the code stays as it is",
        ),
        estimate_plausible: estimate,
        hot_path,
        complexity_justified: assess(Answer::No, "no saving to pay for the change"),
        issues: vec![issue(finding, 1, rule, fired)],
        conditions: Vec::new(),
        counterexample,
        score: None,
        score_reason: None,
        engine: "builtin".to_owned(),
    }
}

/// NEEDS_WORK with UNCLEAR checks: the code could not be examined.
pub(super) fn unclear(finding: &Finding, error: &ReviewError) -> Validation {
    let why = error.to_string();
    let u = |what: &str| check(CheckStatus::Unclear, format!("{what}: {why}"));
    Validation {
        finding_id: finding.id.clone(),
        fingerprint: finding.fingerprint.clone(),
        verdict: Verdict::NeedsWork,
        lifetime: u("cannot check lifetimes"),
        thread_safety: u("cannot check thread safety"),
        no_undefined_behavior: u("cannot check the proposal against the code"),
        estimate_plausible: assess(Answer::NeedsMeasurement, format!("cannot verify: {why}")),
        hot_path: assess(Answer::Maybe, format!("cannot verify: {why}")),
        complexity_justified: assess(Answer::Maybe, format!("cannot verify: {why}")),
        issues: vec![ValidationIssue {
            id: format!("{}-I1", finding.id),
            description: format!("The Validator could not examine the code: {why}."),
            risk: "An unverified finding may be stale or wrong.".to_owned(),
            suggestion: "Re-run the analysis on the current code, then validate again.".to_owned(),
        }],
        conditions: vec![
            "Re-analyse the file so the finding points at the current code.".to_owned(),
        ],
        counterexample: None,
        score: None,
        score_reason: None,
        engine: "builtin".to_owned(),
    }
}

pub(super) fn fn_label(case: &Case, site: &Site) -> String {
    case.func(site)
        .map(|f| format!("`fn {}`", f.name))
        .unwrap_or_else(|| "the enclosing item".to_owned())
}

pub(super) fn needs(description: String, risk: &str, suggestion: String) -> Option<Fired> {
    Some(Fired {
        description,
        risk: risk.to_owned(),
        suggestion,
        ..Fired::default()
    })
}

/// The site is a `.collect()` (its facts record the collected chain).
fn is_collect(case: &Case, site: &Site) -> bool {
    case.raw(site).is_some_and(|(_, s)| s.collected.is_some())
}
