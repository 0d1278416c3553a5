//! Pre-sizing findings (`Vec::new()` → `with_capacity`): the loop that grows
//! the buffer, whether its length is known up front, and `presize-unproven`.
//!
//! It must NOT judge other findings: a buffer that is not pre-sized is the
//! business of the other rule families.

use super::*;

/// A buffer that a loop fills with one element per iteration.
pub(super) struct Growth {
    pub(super) binding: String,
    pub(super) push_line: u32,
    /// The loop whose iterations push.
    pub(super) grows_in: facts::LoopCtx,
    /// Why the number of iterations is known up front.
    pub(super) length: String,
}

/// Buffers that start empty and grow by reallocating.
pub(super) const EMPTY_BUFFERS: &[&str] = &[
    "Vec::new(..)",
    "String::new(..)",
    "vec![]",
    "VecDeque::new(..)",
];

/// An ALLOCATION_LOOP finding about an empty buffer that proposes
/// `with_capacity`: the cost is the growth in a later loop, not the
/// allocation at the finding's line.
pub(super) fn is_presize(finding: &Finding, site: &Site) -> bool {
    finding.category == Category::AllocationLoop
        && finding.proposal.contains("with_capacity")
        && matches!(&site.kind, SiteKind::Alloc { what } if EMPTY_BUFFERS.contains(&what.as_str()))
}

/// Adaptors after which an iterator still knows its length
/// (`ExactSizeIterator`), and sources whose length is known.
pub(super) const EXACT_ADAPTORS: &[&str] = &[
    "iter",
    "iter_mut",
    "into_iter",
    "enumerate",
    "rev",
    "copied",
    "cloned",
    "map",
    "inspect",
    "chunks",
    "chunks_exact",
    "windows",
    "keys",
    "values",
    "values_mut",
    "drain",
    "bytes",
];

pub(super) const SIZED_COLLECTIONS: &[&str] = &[
    "Vec",
    "VecDeque",
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "BinaryHeap",
];

/// Why the number of iterations over `source` is known before the loop.
pub(super) fn known_length(case: &Case, site: &Site, source: &str) -> Result<String, String> {
    let src = source.trim_start_matches("&mut ").trim_start_matches('&');
    if let Some((a, b)) = src.split_once("..") {
        if !a.contains('(') && !b.contains('(') {
            return Ok(format!("`{source}` is a range: its length is known"));
        }
    }
    let parts = split_method_chain(src);
    // The root is the place before the first call: `self.types` in
    // `self.types.values()`.
    let calls = parts
        .iter()
        .position(|p| p.contains('('))
        .unwrap_or(parts.len());
    let root_len = parts[..calls].iter().map(|p| p.len() + 1).sum::<usize>();
    let root = &src[..root_len.saturating_sub(1).min(src.len())];
    let methods = &parts[calls..];
    if root.is_empty() {
        return Err(format!("`{source}` is not a named collection"));
    }
    for m in methods {
        let name = m.split('(').next().unwrap_or(m);
        if !EXACT_ADAPTORS.contains(&name) {
            return Err(format!(
                "`{source}` has no length known up front: `.{name}(..)` yields an unknown number of items"
            ));
        }
    }
    let Some(pt) = place_type(case, site, root, 0) else {
        return Err(format!(
            "the type of `{root}` is not declared, so the length of `{source}` is not known"
        ));
    };
    let Some(ty) = pt.ty.as_deref() else {
        return Err(format!(
            "the type of `{root}` is not declared ({}), so the length of `{source}` is not known",
            pt.from
        ));
    };
    let bare = ty.trim_start_matches('&').trim_start_matches("mut ");
    let bare = bare
        .strip_prefix('\'')
        .map_or(bare, |r| r.split_once(' ').map_or(r, |(_, t)| t));
    let known = bare.starts_with('[')
        || bare.starts_with("Box<[")
        || SIZED_COLLECTIONS.contains(&type_name(bare));
    if known {
        Ok(format!(
            "`{root}` is a `{ty}` ({}), so `{source}` yields exactly `{root}.len()` items",
            pt.from
        ))
    } else {
        Err(format!(
            "`{root}` is a `{ty}` ({}): its length is not known up front",
            pt.from
        ))
    }
}

/// `rows.iter().map(f)` → `["rows", "iter()", "map(f)"]`, splitting only
/// at top-level dots.
pub(super) fn split_method_chain(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '<' | '{' => depth += 1,
            ')' | ']' | '>' | '}' => depth -= 1,
            '.' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// Checks the pre-sizing claim against the code: the buffer is bound by a
/// `let`, exactly one push per iteration of one loop (not in a nested loop
/// or a branch) grows it, and that loop's length is known.
pub(super) fn growth(case: &Case, site: &Site) -> Result<Growth, String> {
    let label = site.label();
    let line = site.start.line;
    let binding = case
        .binding_of(site)
        .ok_or_else(|| format!("{label} at line {line} is not bound by a `let`"))?;
    let func = case
        .func(site)
        .ok_or_else(|| format!("{label} at line {line} is not inside a function"))?;
    let name = binding.name.as_str();
    let pushes: Vec<&facts::Push> = func
        .pushes
        .iter()
        .filter(|p| p.key == name && p.pos > site.end)
        .collect();
    let first = pushes
        .first()
        .ok_or_else(|| format!("nothing is pushed into `{name}` after line {line}"))?;
    let depth = site.ctx.loops.len();
    let rel = |p: &facts::Push| p.loops.get(depth..).unwrap_or_default().to_vec();
    let Some(grows_in) = rel(first).first().cloned() else {
        return Err(format!(
            "`{name}.{}(..)` at line {} runs once per call, not in a loop",
            first.method, first.pos.line
        ));
    };
    for p in &pushes {
        let r = rel(p);
        let at = p.pos.line;
        match r.as_slice() {
            [] => {
                return Err(format!(
                    "`{name}.{}(..)` at line {at} is outside the {}",
                    p.method,
                    grows_in.describe()
                ))
            }
            [l] if *l != grows_in => {
                return Err(format!(
                    "`{name}` is grown in two loops (the {} and the {})",
                    grows_in.describe(),
                    l.describe()
                ))
            }
            [_] => {}
            [_, inner, ..] => {
                return Err(format!(
                    "`{name}.{}(..)` at line {at} is inside the {} nested in the {}: the number \
                     of pushes is not the number of iterations",
                    p.method,
                    inner.describe(),
                    grows_in.describe()
                ))
            }
        }
        if let Some(b) = p.branch.filter(|b| *b >= grows_in.body_start) {
            return Err(format!(
                "`{name}.{}(..)` at line {at} is inside a branch at line {}: not every iteration \
                 pushes, so the capacity may be more than is used",
                p.method, b.line
            ));
        }
    }
    if let Some(line) = skipped_push(case, site) {
        return Err(format!(
            "the `continue` at line {line} ends some iterations of the {} before the push: \
             fewer pushes than iterations, so the loop's length is only an upper bound",
            grows_in.describe()
        ));
    }
    if pushes.len() > 1 {
        return Err(format!(
            "`{name}` receives {} pushes per iteration of the {}, not one",
            pushes.len(),
            grows_in.describe()
        ));
    }
    if grows_in.source.is_empty() {
        return Err(format!(
            "the {} has no iterated collection, so its number of iterations is not known up front",
            grows_in.describe()
        ));
    }
    let length = known_length(case, site, &grows_in.source)?;
    Ok(Growth {
        binding: name.to_owned(),
        push_line: first.pos.line,
        grows_in,
        length,
    })
}

pub(super) fn rule_presize_unproven(case: &Case, _: &Review) -> Option<Fired> {
    let Some(Err(why)) = &case.growth else {
        return None;
    };
    needs(
        format!("Pre-sizing is not shown to fit: {why}."),
        "`with_capacity` with the wrong length over-reserves memory or still regrows.",
        "Point the finding at a buffer that one loop of known length fills, one push per iteration."
            .into(),
    )
}

/// Where the buffer of a pre-sizing finding is handed over or emptied
/// inside the loop that fills it, if it is: moved into a consumer, taken
/// with `mem::take`/`mem::replace`/`mem::swap`, assigned anew, or emptied
/// with `clear`/`drain`/`truncate`/`split_off`. Then the pushes fill
/// several lists in turn, not one list with one push per iteration, and
/// `with_capacity(n)` reserves `n` for the first of them.
pub(super) fn handed_over(case: &Case, site: &Site) -> Option<(u32, String)> {
    use memaudit_facts::body::UseKind as RawUse;
    let (item, s) = case.raw(site)?;
    let f = &item.facts;
    let b = s.let_binding?;
    let bd = f.bindings.get(b as usize)?;
    let grows = first_push(f, b)?.loop_id;
    if grows == 0 || grows == bd.loop_id {
        return None;
    }
    let name = &bd.name;
    f.uses_of(b)
        .filter(|u| f.loop_within(u.loop_id, grows))
        .find_map(|u| {
            let line = u.pos.line;
            let how = match &u.kind {
                RawUse::Move(sink) => format!("moved into {}", sink.describe()),
                RawUse::Mutate(op) if op == "&mut" => {
                    let (_, callee) = f.lent_mut.iter().find(|(p, _)| *p == u.pos)?;
                    let last = callee.rsplit("::").next().unwrap_or(callee);
                    if !matches!(last, "take" | "replace" | "swap") {
                        return None;
                    }
                    let rest = if last == "take" { "" } else { ", .." };
                    format!("handed over with `{callee}(&mut {name}{rest})`")
                }
                RawUse::Mutate(op) if op == "=" => "assigned a new value".to_owned(),
                RawUse::MutRecv(m)
                    if matches!(m.as_str(), "clear" | "drain" | "truncate" | "split_off") =>
                {
                    format!("emptied with `.{m}(..)`")
                }
                _ => return None,
            };
            Some((
                line,
                format!("`{name}` is {how} at line {line}, inside the loop that fills it"),
            ))
        })
}

pub(super) fn rule_buffer_handed_over(case: &Case, _: &Review) -> Option<Fired> {
    let site = case.main.filter(|s| is_presize(case.finding, s))?;
    let (line, how) = handed_over(case, site)?;
    Some(Fired {
        description: format!(
            "{how}: the pushes fill one list after another, not one list with one push per \
             iteration, so the loop's length is not the capacity any list needs."
        ),
        risk: "`with_capacity(n)` would reserve room for every item in the first list alone."
            .to_owned(),
        suggestion: "Pre-size each list for its own share of the items, or leave it to grow."
            .to_owned(),
        counterexample: Some(format!(
            "after line {line} the next push goes into another list: with `with_capacity(n)` \
             the first list alone reserves room for all n items"
        )),
        ..Fired::default()
    })
}

/// How deep `work_in` follows calls into the file's own functions: far
/// enough for a dispatcher (`check_statement` → `elaborate_statement`),
/// bounded so a long call chain cannot make the rule slow.
const WORK_DEPTH: u32 = 3;

/// The work each iteration of a pre-sizing finding's loop does besides the
/// push, when it is more than the push: a call to a function of this file
/// that walks something itself (a loop of its own, or one in a function it
/// calls in turn). Said as "`check_statement` (line 1910), which loops at
/// line 1402 of `elaborate_statement`".
fn work_per_iteration(case: &Case, site: &Site, growth: &Growth) -> Option<String> {
    use memaudit_facts::body::Callee;
    let (item, _) = case.raw(site)?;
    let (start, end) = (growth.grows_in.body_start, growth.grows_in.body_end);
    item.facts
        .calls
        .iter()
        .filter(|c| c.cold.is_none() && c.pos >= start && c.pos <= end)
        .find_map(|c| {
            let on_self = matches!(&c.callee, Callee::Method { on_self: true, .. });
            let found = work_in(case, item, c.callee.name(), on_self, WORK_DEPTH)?;
            Some(format!(
                "`{}` (line {}), {found}",
                c.callee.name(),
                c.pos.line
            ))
        })
}

/// Where a function of this file named `name` (a method of the caller's
/// type when `on_self`) loops, directly or through the file's functions it
/// calls, up to `depth` calls down. Every function of that name must loop:
/// a name the file defines twice is not resolved to the heavier one.
fn work_in(
    case: &Case,
    caller: &memaudit_facts::FnItem,
    name: &str,
    on_self: bool,
    depth: u32,
) -> Option<String> {
    case.down_calls(Some(caller), name, on_self, depth, &|f| {
        let l = f.facts.loops.get(1)?;
        Some(format!(
            "which loops at line {} of `{}`",
            l.start.line, f.name
        ))
    })
}

/// A pre-sizing finding whose loop calls, per element, a function that
/// walks something itself: `with_capacity` saves about log2(n) regrowths
/// per call (amortised, under one copy of each element), while each of the
/// n iterations does a loop's worth of work. The change is correct but its
/// gain is lost in the iterations' own cost.
pub(super) fn rule_presize_beside_work(case: &Case, _: &Review) -> Option<Fired> {
    let site = case.main.filter(|s| is_presize(case.finding, s))?;
    let Some(Ok(growth)) = &case.growth else {
        return None;
    };
    let work = work_per_iteration(case, site, growth)?;
    let name = &growth.binding;
    let each = growth.grows_in.describe();
    Some(Fired {
        description: format!(
            "Each iteration of the {each} that fills `{name}` calls {work}: the regrowths of \
             `{name}` are a small share of the iterations' own work."
        ),
        risk: "`with_capacity` saves about log2(n) reallocations per call (under one copy of \
               each element in all), against n iterations that each walk something."
            .to_owned(),
        suggestion: "Leave it; the time of this loop goes to the work each iteration does."
            .to_owned(),
        counterexample: Some(format!(
            "per call the {each} makes n calls of {work}, and `{name}` regrows about log2(n) \
             times: pre-sizing removes those few reallocations and none of the per-element work"
        )),
        hot_path: Some(assess(
            Answer::No,
            format!("the per-element work of the {each} outweighs the regrowth"),
        )),
        ..Fired::default()
    })
}

/// The line of a `continue` that ends an iteration of the loop filling the
/// site's buffer before its push, if there is one.
fn skipped_push(case: &Case, site: &Site) -> Option<u32> {
    let (item, s) = case.raw(site)?;
    let f = &item.facts;
    let push = first_push(f, s.let_binding?)?;
    let l = f.loops.get(push.loop_id as usize)?;
    l.skips.iter().find(|c| **c < push.pos).map(|c| c.line)
}

/// The first `push`/`push_str` into binding `b`.
fn first_push(f: &memaudit_facts::body::FnFacts, b: u32) -> Option<&memaudit_facts::body::Use> {
    use memaudit_facts::body::UseKind as RawUse;
    f.uses_of(b)
        .find(|u| matches!(&u.kind, RawUse::MutRecv(m) if m == "push" || m == "push_str"))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use memaudit_model::{Category, Verdict};

    const SRC: &str = r#"
pub struct Checker { seen: Vec<String> }
impl Checker {
    pub fn check(&mut self, items: &[String]) -> Vec<usize> {
        let mut checked = Vec::new();
        for item in items {
            checked.push(self.check_one(item));
        }
        checked
    }
    fn check_one(&mut self, item: &str) -> usize {
        self.seen.push(item.to_owned());
        self.resolve(item)
    }
    fn resolve(&self, item: &str) -> usize {
        let mut n = 0;
        for s in &self.seen {
            if s == item { n += 1; }
        }
        n
    }
    pub fn lengths(&self, items: &[String]) -> Vec<usize> {
        let mut lens = Vec::new();
        for item in items {
            lens.push(self.len_of(item));
        }
        lens
    }
    fn len_of(&self, item: &str) -> usize {
        item.len() + self.seen.len()
    }
    pub fn pairs(items: &[(u8, char)]) -> Vec<(u8, char)> {
        let mut pairs = Vec::new();
        for (a, b) in items {
            if !b.is_ascii() {
                panic!("not ascii: {}", describe(*b));
            }
            pairs.push((*a, *b));
        }
        pairs
    }
}
fn describe(c: char) -> String {
    let mut s = String::new();
    for _ in 0..3 { s.push(c); }
    s
}
"#;

    fn presize(given: Given, name: &str) -> Given {
        given
            .proposal(&format!(
                "let mut {name} = Vec::with_capacity(items.len());"
            ))
            .issue(&format!(
                "`{name}` starts empty and receives exactly one `push` per iteration of `for item in items`."
            ))
            .hot()
    }

    #[test]
    fn presizing_beside_per_element_work_is_not_worth_it() {
        // `check_one` → `resolve` walks a list per element: the regrowths
        // are a small share of the loop's work.
        check(
            &presize(
                Given::new(SRC, Category::AllocationLoop, "let mut checked"),
                "checked",
            ),
            Verdict::Rejected,
            &[
                "`check_one` (line 7), which loops at line 17 of `resolve`",
                "[rule: presize-beside-work]",
            ],
        );
    }

    #[test]
    fn presizing_beside_light_or_cold_work_stands() {
        // `len_of` does no walking of its own.
        check(
            &presize(
                Given::new(SRC, Category::AllocationLoop, "let mut lens"),
                "lens",
            ),
            Verdict::Approved,
            &[],
        );
        // `describe` loops, but only on the panic path.
        check(
            &presize(
                Given::new(SRC, Category::AllocationLoop, "let mut pairs"),
                "pairs",
            ),
            Verdict::Approved,
            &[],
        );
    }
}
