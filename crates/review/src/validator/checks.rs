//! The safety checks and impact questions answered for a finding's main site:
//! lifetimes, thread safety, undefined behaviour, the estimate, the hot path,
//! complexity against benefit, and the conditions of an approval.
//!
//! It must NOT decide the verdict: rules do, from these answers.

use super::*;

pub(super) fn review(case: &Case) -> Review {
    let site = case.main;
    let finding = case.finding;
    let grown = case.growth.as_ref().and_then(|g| g.as_ref().ok());
    let in_loop = site.is_some_and(|s| !s.ctx.loops.is_empty()) || grown.is_some();
    // Pre-sizing keeps the buffer's ownership as it is, and a moved
    // original goes wherever the copy went: where the value goes matters to
    // the other proposals.
    let fate = site
        .filter(|_| case.growth.is_none())
        .filter(|_| {
            !matches!(
                case.shape,
                proposal::Shape::Move | proposal::Shape::Presize | proposal::Shape::Inline
            )
        })
        .filter(|s| matches!(s.kind, SiteKind::Alloc { .. } | SiteKind::Clone { .. }))
        .and_then(|s| fate(case, s));
    let escape = match &fate {
        Some(Fate::Kept(w)) => Some(w.clone()),
        _ => None,
    };
    let hoists = matches!(
        finding.category,
        Category::AllocationLoop | Category::ArenaCandidate
    );
    let parallel = site
        .and_then(|s| s.ctx.loops.iter().rev().find(|l| l.parallel))
        .filter(|_| hoists)
        .map(|l| format!("the {} is a rayon parallel iterator", l.describe()));
    let effort = proposal::effort(finding);
    let hot_path = hot_path(case, site);
    Review {
        lifetime: lifetime(case, site, fate.as_ref()),
        thread_safety: thread_safety(case, site, parallel.as_deref()),
        no_ub: no_ub(finding),
        estimate: estimate(case, in_loop),
        complexity: complexity(finding, effort, &hot_path),
        hot_path,
        in_loop,
        fate,
        escape,
        parallel,
        effort,
    }
}

pub(super) fn lifetime(case: &Case, site: Option<&Site>, fate: Option<&Fate>) -> Check {
    let escape = match fate {
        Some(Fate::Kept(w)) => Some(w.as_str()),
        _ => None,
    };
    let finding = case.finding;
    if finding.category == Category::CacheHostile {
        return check(
            CheckStatus::NotApplicable,
            "a layout change moves no ownership",
        );
    }
    let Some(site) = site else {
        return check(
            CheckStatus::Unclear,
            "the code the finding describes was not located",
        );
    };
    let label = site.label();
    let line = site.start.line;
    if let Some(g) = &case.growth {
        let name = g
            .as_ref()
            .map(|g| g.binding.clone())
            .unwrap_or_else(|_| "the buffer".to_owned());
        return check(
            CheckStatus::Pass,
            format!(
                "`with_capacity` changes only the initial capacity of `{name}` (line {line}); its \
                 owner, its pushes and where it goes afterwards stay as they are"
            ),
        );
    }
    if case.shape == proposal::Shape::IterOnly {
        return iter_only_lifetime(case, site);
    }
    match finding.category {
        Category::LifetimeExtension => check(
            CheckStatus::Unclear,
            format!(
                "moving the drop point of {label} (line {line}) is proven only by the borrow checker"
            ),
        ),
        _ if escape.is_some() => check(
            CheckStatus::Unclear,
            format!("{label} at line {line} outlives its expression: {}", escape.unwrap_or_default()),
        ),
        Category::UnnecessaryClone => {
            let key = case.clone_of(site).map(|(k, _)| k).unwrap_or("the source");
            check(
                CheckStatus::Pass,
                format!(
                    "`{key}` is neither mutated nor moved after line {line} in {}, so a borrow \
                     can stand in for the clone",
                    fn_label(case, site)
                ),
            )
        }
        Category::ArenaCandidate
            if matches!(site.kind, SiteKind::Item { .. } | SiteKind::BoxType { .. }) =>
        {
            check(
                CheckStatus::Unclear,
                format!(
                    "allocating the nodes of {label} (line {line}) in an arena adds a lifetime \
                     parameter or indices to the type and to everything that holds it; only the \
                     borrow checker proves that no node outlives the arena"
                ),
            )
        }
        Category::ArenaCandidate => {
            let returns_ref = case
                .func(site)
                .and_then(|f| f.ret.as_deref())
                .is_some_and(|r| r.contains('\''));
            if returns_ref {
                check(
                    CheckStatus::Unclear,
                    format!("{} returns a reference; arena values could escape", fn_label(case, site)),
                )
            } else {
                check(
                    CheckStatus::Pass,
                    format!(
                        "values allocated at line {line} are not stored, sent or returned: an \
                         arena scoped to {} outlives them",
                        fn_label(case, site)
                    ),
                )
            }
        }
        Category::HeapAvoidable => match &site.kind {
            // `shared-buffer-changed` rejects the finding when the file
            // grows or takes back a shared buffer.
            SiteKind::SharedBuffer { handle, buffer } => check(
                CheckStatus::Pass,
                format!(
                    "nothing in this file grows or takes back the `{buffer}` inside an \
                     `{handle}` (no `make_mut`, `get_mut`, `try_unwrap`): behind the handle it \
                     cannot grow, so a slice holds the same data"
                ),
            ),
            SiteKind::BoxType { inner, .. } => check(
                CheckStatus::Pass,
                format!("`{inner}` is sized and does not contain its container: it can live inline"),
            ),
            _ => check(
                CheckStatus::Pass,
                format!("{label} at line {line} has a bounded size and stays local"),
            ),
        },
        _ => {
            if let Some(Fate::Passed { callee, line: at }) = fate {
                return check(
                    CheckStatus::Unclear,
                    format!(
                        "{label} at line {line} is passed by value to `{callee}` at line {at}, \
                         whose parameter this crate does not show"
                    ),
                );
            }
            let where_ = site
                .ctx
                .loops
                .last()
                .map(|l| format!("one iteration of the {}", l.describe()))
                .unwrap_or_else(|| format!("one call of {}", fn_label(case, site)));
            if let Some(Fate::Lent(how)) = fate {
                return check(
                    CheckStatus::Pass,
                    format!(
                        "{label} at line {line} stays within {where_}: {how}; {} in its place lives long enough",
                        case.shape.words()
                    ),
                );
            }
            check(
                CheckStatus::Pass,
                format!(
                    "{label} at line {line} is used within {where_} and not stored, sent or \
                     returned: a buffer hoisted outside and cleared per use lives long enough"
                ),
            )
        }
    }
}

pub(super) fn thread_safety(case: &Case, site: Option<&Site>, parallel: Option<&str>) -> Check {
    let p = &case.finding.proposal;
    if word_in(p, "static mut") || p.contains("static mut") {
        return check(
            CheckStatus::Fail,
            "the proposal introduces `static mut`: unsynchronised shared state",
        );
    }
    if let Some(par) = parallel {
        return check(
            CheckStatus::Fail,
            format!("{par}: one buffer hoisted above it would be shared by worker threads"),
        );
    }
    if case.finding.category == Category::CacheHostile {
        return check(
            CheckStatus::NotApplicable,
            "reordering fields changes no sharing between threads",
        );
    }
    let Some(site) = site else {
        return check(CheckStatus::Unclear, "the code was not located");
    };
    let func = case.func(site);
    let concurrent = site
        .ctx
        .task
        .clone()
        .or(site.ctx.spawn_arg.clone())
        .or_else(|| {
            func.and_then(|f| {
                if f.is_async {
                    Some(format!("`async fn {}`", f.name))
                } else {
                    f.move_scopes
                        .iter()
                        .find(|m| m.static_task)
                        .map(|m| format!("{} at line {}", m.kind, m.start.line))
                }
            })
        });
    let uses_rc = word_in(p, "Rc") || p.contains("Rc<") || p.contains("RefCell");
    match concurrent {
        Some(c) if uses_rc => check(
            CheckStatus::Fail,
            format!("the proposal uses `Rc`/`RefCell`, which are not `Send`/`Sync`, in code that runs concurrently ({c})"),
        ),
        Some(c) => check(
            CheckStatus::Pass,
            format!("the change stays local to one task ({c}) and introduces no shared mutable state"),
        ),
        None => check(
            CheckStatus::NotApplicable,
            format!(
                "{} neither spawns nor runs in a task: the change is single-threaded",
                fn_label(case, site)
            ),
        ),
    }
}

pub(super) fn estimate(case: &Case, in_loop: bool) -> Assessment {
    let f = case.finding;
    if let Some(a) = case.main.and_then(|s| box_type_estimate(case, s)) {
        return a;
    }
    if let Some(a) = case.main.and_then(|s| shared_buffer_estimate(case, s)) {
        return a;
    }
    if f.category == Category::CacheHostile {
        return assess(
            Answer::NeedsMeasurement,
            "layout and cache effects show only under a profiler (cache misses), not in the syntax",
        );
    }
    if let Some(SiteKind::Item { name }) = case.main.map(|s| &s.kind) {
        return assess(
            Answer::Maybe,
            format!(
                "`{name}` is a type definition: its allocations are made where its values are built, which these lines do not show"
            ),
        );
    }
    if let Some(g) = &case.growth {
        return match g {
            Ok(g) => assess(
                Answer::Yes,
                format!(
                    "`{}` grows from empty by one push per iteration of the {} (line {}); {}: \
                     that is ~log2(n) reallocations with copies per call, and `with_capacity` \
                     makes it one allocation",
                    g.binding,
                    g.grows_in.describe(),
                    g.push_line,
                    g.length
                ),
            ),
            Err(why) => assess(Answer::Maybe, format!("the saving is not shown: {why}")),
        };
    }
    let counted: BTreeSet<_> = case
        .facts
        .sites_in(f.line_start, f.line_end)
        .iter()
        .filter(|s| s.ctx.cold.is_none() && s.ctx.test.is_none())
        .filter(|s| matches!(s.kind, SiteKind::Alloc { .. }))
        .map(|s| (s.start, s.end))
        .collect();
    let c = counted.len() as u64;
    let unit = if f.impact.unit.is_empty() {
        "unit".to_owned()
    } else {
        f.impact.unit.clone()
    };
    match (f.impact.allocations_avoided, f.impact.bytes_saved) {
        (Some(n), _) if n > 0 && c == 0 => assess(
            Answer::No,
            format!(
                "claims {n} allocation(s) per {unit} but no allocating expression is at lines {}-{}",
                f.line_start, f.line_end
            ),
        ),
        (Some(n), _) if n > 2 * c + 2 => assess(
            Answer::No,
            format!(
                "claims {n} allocation(s) per {unit}; lines {}-{} hold {c} allocating expression(s)",
                f.line_start, f.line_end
            ),
        ),
        (Some(n), _) => assess(
            Answer::Yes,
            format!(
                "{n} allocation(s) per {unit} against {c} allocating expression(s) at lines {}-{}{}",
                f.line_start,
                f.line_end,
                match (in_loop, case.main.and_then(|s| conditional(case, s))) {
                    (true, Some(b)) => format!(
                        ", only on the iterations that take {b}; the others allocate nothing there"
                    ),
                    (true, None) => ", each run once per iteration".to_owned(),
                    _ => String::new(),
                }
            ),
        ),
        (None, Some(b)) => assess(Answer::Yes, format!("{b} bytes per {unit} as stated")),
        (None, None) => assess(
            Answer::NeedsMeasurement,
            "the finding gives no allocation or byte count",
        ),
    }
}

pub(super) fn complexity(finding: &Finding, effort: Level, hot: &Assessment) -> Assessment {
    let impact = finding.impact.level;
    let evidence = format!(
        "impact {impact} against {}",
        proposal::effort_evidence(finding)
    );
    // Impact weight (High 3) against effort cost (High 3).
    let worth = impact.weight() >= proposal::effort_cost(effort)
        || (hot.answer == Answer::Yes && impact != Level::Low);
    assess(if worth { Answer::Yes } else { Answer::No }, evidence)
}

/// The saving, said as it is: per what, and only where it happens.
fn gain(case: &Case) -> Option<String> {
    let site = case.main?;
    let per = site
        .ctx
        .loops
        .last()
        .map(|l| format!("per iteration of the {}", l.describe()))
        .unwrap_or_else(|| format!("per call of {}", fn_label(case, site)));
    let only = conditional(case, site)
        .map(|b| format!(", only on the iterations that take {b}"))
        .unwrap_or_default();
    let key = case.clone_of(site).map(|(k, _)| k);
    Some(match case.shape {
        proposal::Shape::IterOnly => iter_only_gain(case, site, &per, &only),
        proposal::Shape::Reuse => format!(
            "Gain: one allocation of {} {per}{only}, after the first iterations (the buffer keeps \
             its capacity)",
            site.label()
        ),
        proposal::Shape::Borrow => format!(
            "Gain: one copy of `{}` {per}{only}",
            key.unwrap_or("the value")
        ),
        proposal::Shape::Move => format!(
            "Gain: one deep copy of `{}` {per}{only}",
            key.unwrap_or("the value")
        ),
        proposal::Shape::Presize => case
            .growth
            .as_ref()
            .and_then(|g| g.as_ref().ok())
            .map(|g| {
                format!(
                    "Gain: the ~log2(n) reallocations and copies of `{}` while it grows, per run of \
                     the {}",
                    g.binding,
                    g.grows_in.describe()
                )
            })?,
        _ => return None,
    })
}

pub(super) fn approval_conditions(case: &Case, review: &Review) -> Vec<String> {
    let f = case.finding;
    let mut out: Vec<String> = gain(case).into_iter().collect();
    let site = case.main;
    let loop_text = site
        .and_then(|s| s.ctx.loops.last())
        .map(|l| l.describe())
        .unwrap_or_else(|| "loop".to_owned());
    match f.category {
        Category::UnnecessaryClone => {
            let key = site
                .and_then(|s| case.clone_of(s))
                .map(|(k, _)| k)
                .unwrap_or("the source");
            out.push(format!(
                "`{key}` is not mutated or moved while the borrow is alive"
            ));
            out.push(
                "every consumer of the value accepts a reference (`&T`, `&str`, `&[T]`)".to_owned(),
            );
        }
        Category::AllocationLoop if case.growth.is_some() => {
            if let Some(Ok(g)) = &case.growth {
                out.push(format!(
                    "`{}` is created with the length of `{}` as its capacity",
                    g.binding, g.grows_in.source
                ));
                out.push(format!(
                    "every iteration of the {} still pushes exactly once (no `continue` or early \
                     `break` before the push at line {})",
                    g.grows_in.describe(),
                    g.push_line
                ));
            }
        }
        Category::AllocationLoop => {
            out.push(format!(
                "the buffer is created once above the {loop_text} and `clear()`ed at the start of each iteration"
            ));
            out.push("the buffer is not stored, sent or returned from the loop body".to_owned());
        }
        Category::ArenaCandidate => {
            out.push("no arena reference escapes the function that owns the arena".to_owned());
            out.push("the arena is reset or dropped per unit of work (file, batch)".to_owned());
        }
        Category::HeapAvoidable => {
            out.push("the inline size stays small (check `size_of` of the new type)".to_owned());
        }
        Category::LifetimeExtension | Category::CacheHostile => {}
    }
    if review.thread_safety.status == CheckStatus::Pass {
        out.push("the reused value stays local to one task (no sharing across threads)".to_owned());
    }
    out.extend(f.prerequisites.iter().map(|p| format!("prerequisite: {p}")));
    if f.impact.level == Level::Low {
        out.push("LOW impact: implement alongside other changes to this code".to_owned());
    }
    out.push("the crate's tests pass and a heap profile (DHAT) of a representative input shows fewer allocations".to_owned());
    out
}
