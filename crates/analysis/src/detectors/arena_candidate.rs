//! ARENA_CANDIDATE: batches of allocations with one shared lifetime.
//!
//! Fires on: recursive types built from `Box`/`Vec` nodes (trees whose
//! nodes are allocated one by one and dropped together); graphs of
//! `Rc<RefCell<…>>`/`Weak` nodes; loop bodies that make three or more heap
//! allocations per iteration that all die at the end of the iteration
//! (per-row, per-file, per-request temporaries); a `&mut self` method that
//! swaps a collection field the type refills for a fresh, empty one
//! (`mem::take`, `= Vec::new()`), so every cycle regrows the buffer.
//!
//! Deliberately ignores: allocations on cold paths and values returned from
//! the loop, recursion through `Option<&T>`/indices (already arena-like),
//! loops with fewer than three allocation sites per iteration (sites in
//! arms of one `match` exclude each other: only the costliest arm counts),
//! and buffers that are never filled (`Vec::new()` alone does not allocate).
//!
//! Also fires on a long-lived owner that frees its elements' buffers every
//! cycle: a frame owning maps or `Vec`s `pop()`ped off a stack the type
//! pushes onto (a scope stack), a collection of buffer-owning values
//! `clear()`ed (per-frame buffers) — not on `Copy`, `String` or
//! string-record elements, nor on a popped element moved on into another
//! collection; and on a value built on every call with empty collections
//! that its own methods use as scratch (clear and refill), whose maker
//! could own and lend the buffers — not in the type's own constructors,
//! builders or test modules; and on a local buffer declared before a loop,
//! filled in it and replaced by a new, empty one on a pass of it
//! (`pending = Vec::new()`), unless the filled buffer is handed on.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use memaudit_facts::body::{MatchArm, Parent, SiteKind};
use memaudit_facts::names::is_in;
use memaudit_facts::{Pos, Ty, View};
use memaudit_model::{Category, Confidence, Impact, Level, Safety};
use syn::Item;

use super::{lines, FnCx, TypeCx};
use crate::emit::{Draft, Emitter};

#[derive(PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum Shape {
    None,
    Tree,
    Graph,
}

/// How a field type refers back to `me`.
fn shape(t: &Ty, me: &str, behind_heap: bool, behind_rc: bool) -> Shape {
    match t.view() {
        View::Named(n, args) => {
            if n == me || n == "Self" {
                return if behind_rc {
                    Shape::Graph
                } else if behind_heap {
                    Shape::Tree
                } else {
                    Shape::None
                };
            }
            args.iter()
                .map(|a| shape(a, me, behind_heap, behind_rc))
                .max()
                .unwrap_or(Shape::None)
        }
        View::Boxed(i) | View::Vec(i) => shape(i, me, true, behind_rc),
        View::Shared(i) => shape(i, me, true, true),
        View::Cell(i) | View::Option(i) | View::Array(i, _) => shape(i, me, behind_heap, behind_rc),
        View::Tuple(ts) => ts
            .iter()
            .map(|x| shape(x, me, behind_heap, behind_rc))
            .max()
            .unwrap_or(Shape::None),
        _ => Shape::None,
    }
}

pub(crate) fn check_item(t: &TypeCx<'_>, out: &mut Emitter<'_>) {
    if !out.wants(Category::ArenaCandidate) {
        return;
    }
    let (ident, tys, span_lines): (&syn::Ident, Vec<Ty>, (u32, u32)) = match t.item {
        Item::Struct(s) => (
            &s.ident,
            s.fields.iter().map(|f| Ty::from_syn(&f.ty)).collect(),
            lines(s),
        ),
        Item::Enum(e) => (
            &e.ident,
            e.variants
                .iter()
                .flat_map(|v| v.fields.iter().map(|f| Ty::from_syn(&f.ty)))
                .collect(),
            lines(e),
        ),
        _ => return,
    };
    let me = ident.to_string();
    let s = tys
        .iter()
        .map(|t| shape(t, &me, false, false))
        .max()
        .unwrap_or(Shape::None);
    if s == Shape::None {
        return;
    }
    let mut d = Draft::new(
        Category::ArenaCandidate,
        (lines(ident).0, span_lines.1),
        &t.path,
    );
    d.prerequisites = vec!["add the `bumpalo` (or `typed-arena`/`slotmap`) dependency".into()];
    d.impact = Impact {
        allocations_avoided: None,
        bytes_saved: None,
        unit: format!("`{me}` node"),
        applies_to: format!("every structure built from `{me}` nodes"),
        level: Level::Medium,
    };
    match s {
        Shape::Graph => {
            d.confidence = Confidence::High;
            d.safety = Safety::NeedsReview;
            d.issue = format!(
                "`{me}` links its nodes through `Rc<RefCell<…>>`: one allocation plus reference counts and a borrow flag per node, pointer chasing on every hop, and cycles that leak unless broken with `Weak`."
            );
            d.proposal = format!(
                "// Keep the nodes in one arena and link them by index:\nstruct Graph {{ nodes: Vec<{me}> }}\ntype NodeId = usize; // or slotmap::DefaultKey\n// {me} {{ edges: Vec<NodeId>, .. }}"
            );
            d.pros = vec!["One allocation for all nodes, no refcount traffic, no `RefCell` panics, no cycles to leak.".into()];
            d.cons = vec![
                "Removing nodes needs a free list or `slotmap`; indices can dangle logically."
                    .into(),
            ];
        }
        _ => {
            d.confidence = Confidence::Medium;
            d.safety = Safety::NeedsReview;
            d.issue = format!(
                "`{me}` is a recursive type whose nodes are each a separate heap allocation; a tree is typically built and dropped as a whole, which an arena does in one go."
            );
            d.proposal = format!(
                "// Allocate nodes from an arena that lives as long as the tree:\nlet arena = bumpalo::Bump::new();\n// {me}<'a> {{ children: &'a [&'a {me}<'a>], .. }} — or keep nodes in a Vec and link by index"
            );
            d.pros = vec!["Allocation becomes a pointer bump; the whole tree is freed at once; nodes sit together in memory.".into()];
            d.cons = vec!["Adds a lifetime parameter (or indices) to the type; individual nodes cannot be freed early.".into()];
        }
    }
    out.emit(d);
}

/// The allocations one iteration of loop `l` pays in the `match`/`if`
/// groups directly under `outer` (a branch, or none for the top level):
/// per group the costliest arm, an arm's cost being its own sites and the
/// groups nested in it.
fn arms_cost(
    children: &HashMap<Option<Pos>, Vec<&MatchArm>>,
    own: &BTreeMap<(u32, Pos), u64>,
    l: u32,
    outer: Option<Pos>,
) -> u64 {
    let mut per_group: BTreeMap<u32, u64> = BTreeMap::new();
    for a in children.get(&outer).into_iter().flatten() {
        let cost =
            own.get(&(l, a.pat)).copied().unwrap_or(0) + arms_cost(children, own, l, Some(a.pat));
        let c = per_group.entry(a.group).or_default();
        *c = (*c).max(cost);
    }
    per_group.values().sum()
}

pub(crate) fn check_fn(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>) {
    if !out.wants(Category::ArenaCandidate) {
        return;
    }
    let mut counts = vec![0u64; cx.facts.loops.len()];
    // Sites directly in one arm of a `match` (or branch of an `if`/`else`):
    // arms of one group exclude each other, so an iteration pays for the
    // costliest arm only — nested groups inside an arm included.
    let mut in_arm: BTreeMap<(u32, Pos), u64> = BTreeMap::new();
    for site in &cx.facts.sites {
        if site.loop_id == 0
            || site.cold.is_some()
            || site.exits
            || site.in_macro
            || site.parent == Parent::Return
        {
            continue;
        }
        // Only what an arena can hold: bumpalo's `String`/`Vec` (built by
        // `format!(in ..)`, `from_str_in`, `collect_in`, `vec![in ..]`) and
        // `alloc(..)`. A std map or set, an `Rc`/`Arc`, a clone of a heap
        // value and what `.join(..)`/`.replace(..)`/`.to_path_buf()` return
        // are made by the global allocator whatever arena is in scope.
        let counts_as = match site.kind {
            SiteKind::Format
            | SiteKind::ToString
            | SiteKind::ToOwned
            | SiteKind::ToVec
            | SiteKind::Collect
            | SiteKind::BoxNew
            | SiteKind::StringFrom
            | SiteKind::VecWithCapacity
            | SiteKind::StringWithCapacity
            | SiteKind::VecMacro => true,
            SiteKind::VecNew | SiteKind::StringNew | SiteKind::EmptyVecMacro => site
                .let_binding
                .is_some_and(|b| cx.facts.uses_of(b).any(|u| u.kind.mutates())),
            SiteKind::MapNew
            | SiteKind::SharedNew
            | SiteKind::AllocMethod
            | SiteKind::Clone
            | SiteKind::RcClone => false,
        };
        // Only temporaries that die with the iteration: a local that is not
        // moved on, or a value that is only lent.
        let temporary =
            site.parent == Parent::Ref || site.let_binding.is_some_and(|b| !cx.moved(b));
        let lazy = site.closure_id != cx.facts.loops[site.loop_id as usize].body_closure;
        if counts_as && temporary && !lazy {
            match site.branch.and_then(|b| cx.facts.arm(b)) {
                Some(a) => *in_arm.entry((site.loop_id, a.pat)).or_default() += 1,
                None => counts[site.loop_id as usize] += 1,
            }
        }
    }
    if !in_arm.is_empty() {
        let pats: BTreeSet<Pos> = cx.facts.arms.iter().map(|a| a.pat).collect();
        let mut children: HashMap<Option<Pos>, Vec<&MatchArm>> = HashMap::new();
        for a in &cx.facts.arms {
            // A group inside an `if` without `else` (not an arm) counts as
            // if it were at the top: that branch may run on every iteration.
            let outer = a.outer.filter(|o| pats.contains(o));
            children.entry(outer).or_default().push(a);
        }
        let loops: BTreeSet<u32> = in_arm.keys().map(|(l, _)| *l).collect();
        for l in loops {
            counts[l as usize] += arms_cost(&children, &in_arm, l, None);
        }
    }
    for (i, &n) in counts.iter().enumerate().skip(1) {
        if n < 3 {
            continue;
        }
        let l = &cx.facts.loops[i];
        let mut d = Draft::new(
            Category::ArenaCandidate,
            (l.start.line, l.body.end.line),
            cx.path,
        );
        d.confidence = if n >= 4 {
            Confidence::High
        } else {
            Confidence::Medium
        };
        d.safety = Safety::NeedsReview;
        let unit = l.unit();
        d.issue = format!(
            "Each {unit} makes {n} separate heap allocations for temporaries that are all freed when the iteration ends: a batch with one shared lifetime."
        );
        d.proposal = "let mut arena = bumpalo::Bump::new(); // once, before the loop\n// in the loop body: allocate the temporaries from `&arena`\n// (bumpalo::collections::{String, Vec}, arena.alloc(..)), then at the end:\narena.reset(); // frees the whole iteration at once, keeps the memory".to_owned();
        d.impact = cx.loop_impact(i as u32, n, None);
        d.pros = vec!["N allocator round-trips per iteration become pointer bumps; memory is reused across iterations.".into()];
        d.cons = vec!["Arena types carry a lifetime; values that must outlive the iteration cannot live in it.".into()];
        d.prerequisites =
            vec!["add the `bumpalo` dependency (with the `collections` feature)".into()];
        out.emit(d);
    }
}

/// A `&mut self` method that empties a collection field for a fresh buffer —
/// `mem::take(&mut self.f)`, `mem::replace(&mut self.f, Vec::new())`,
/// `self.f = Vec::new()` — while the type refills that field with `push`,
/// `insert` or `extend` (in this file): every cycle of fill and hand-off
/// grows a new buffer from nothing, through every doubling, and frees the
/// old one. Clearing it (`clear()`, `drain(..)`, or swapping with a spare
/// buffer that the consumer gives back) keeps one allocation for the life
/// of the owner: the per-frame / per-batch buffer becomes a reused arena.
pub(crate) fn check_resets(
    cx: &FnCx<'_, '_>,
    growth: &[memaudit_facts::items::Growth],
    out: &mut Emitter<'_>,
) {
    use memaudit_facts::body::{GrowthUse, ResetHow};
    if !out.wants(Category::ArenaCandidate)
        || cx.facts.resets.is_empty()
        || cx.item.sig.self_mut != Some(true)
        || cx.role != super::FnRole::Normal
    {
        return;
    }
    let Some(owner) = cx.self_ty else { return };
    let mut seen = BTreeSet::new();
    for r in &cx.facts.resets {
        let refilled = growth
            .iter()
            .any(|g| g.owner == owner && g.name == r.field && g.kind == GrowthUse::Grow);
        // A taken buffer bound and passed on (`let v = mem::take(..);
        // consume(v)`) is owned by its consumer: only a buffer handed out as
        // the method's value can be drained in place instead.
        let handed_out = r.how == ResetHow::Assign || r.returned;
        if !refilled || !handed_out || !seen.insert(r.field.clone()) {
            continue;
        }
        let mut d = Draft::new(Category::ArenaCandidate, (r.pos.line, r.end_line), cx.path);
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        let (what, proposal) = match r.how {
            ResetHow::Assign => (
                format!("`{}` is replaced by a new, empty collection, dropping the old buffer", r.place),
                format!("{}.clear(); // keeps the capacity for the next fill", r.place),
            ),
            ResetHow::Take | ResetHow::Replace => (
                format!(
                    "`{}` is handed out with `mem::{}` and left as a new, empty collection",
                    r.place,
                    if r.how == ResetHow::Take { "take" } else { "replace" }
                ),
                format!(
                    "// Hand out the items and keep the buffer:\n{0}.drain(..)\n// or swap with a spare buffer the consumer gives back once it is done:\nstd::mem::swap(&mut {0}, &mut spare);",
                    r.place
                ),
            ),
        };
        d.issue = format!(
            "{what}, while `{owner}` fills `{}` again with push/insert/extend: every cycle regrows a buffer from nothing (allocation and copy at every doubling) and frees the last one. Clearing and reusing the field keeps one allocation for the life of the `{owner}`.",
            r.field
        );
        d.proposal = proposal;
        d.impact = Impact {
            allocations_avoided: None,
            bytes_saved: None,
            unit: format!("call of `{}`", cx.path),
            applies_to: format!("every refill of `{}`", r.place),
            level: Level::Medium,
        };
        d.pros = vec!["The buffer's allocation is made once and reused by every cycle.".into()];
        d.cons = vec![
            "The kept capacity stays allocated between cycles (the peak of one cycle).".into(),
            "Callers that keep the taken collection need another hand-off (a spare buffer).".into(),
        ];
        out.emit(d);
    }
}

/// A local collection declared before a loop, grown in it and replaced by
/// a new, empty one on a pass of it (`pending = Vec::new()` after walking
/// or reading it): every such pass regrows the buffer from nothing (an
/// allocation and a copy at every doubling) and frees the last one, where
/// `clear()` — or walking it with `drain(..)` where `for x in pending`
/// consumed it — keeps one allocation for the whole loop. Left alone when
/// the filled buffer is handed on by value (pushed into a list of batches,
/// bound to another name, passed to a call): the next pass then needs a
/// buffer of its own.
pub(crate) fn check_local_resets(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>) {
    use memaudit_facts::body::{Sink, UseKind};
    const GROW: &[&str] = &[
        "push",
        "push_str",
        "extend",
        "extend_from_slice",
        "insert",
        "entry",
        "append",
        "push_back",
        "push_front",
        "resize",
    ];
    if !out.wants(Category::ArenaCandidate) || cx.item.test.is_some() {
        return;
    }
    let f = cx.facts;
    let mut seen = BTreeSet::new();
    for site in &f.sites {
        if !matches!(
            site.kind,
            SiteKind::VecNew | SiteKind::StringNew | SiteKind::MapNew | SiteKind::EmptyVecMacro
        ) || site.loop_id == 0
            || site.cold.is_some()
            || site.sink != Some(Sink::Assign)
        {
            continue;
        }
        // The assignment whose whole value the site is, and its place.
        let Some(&(place, _)) = f
            .assigns
            .iter()
            .find(|(p, end)| *p < site.range.start && *end == site.range.end)
        else {
            continue;
        };
        let Some(u) = f
            .uses
            .iter()
            .find(|u| u.pos == place && matches!(&u.kind, UseKind::Mutate(op) if op == "="))
        else {
            continue;
        };
        let b = &f.bindings[u.binding as usize];
        // A plain local declared outside the loop the reset runs in.
        if u.place != b.name || f.loop_within(b.loop_id, site.loop_id) {
            continue;
        }
        if !f.loop_within(site.loop_id, b.loop_id) {
            continue;
        }
        // The outermost loop inside the binding's scope: the buffer lives
        // across its passes.
        let chain = f.loop_chain(site.loop_id);
        let Some(&outer) = chain
            .iter()
            .find(|&&l| f.loops[l as usize].parent == b.loop_id)
        else {
            continue;
        };
        let uses: Vec<_> = f.uses_of(u.binding).collect();
        let grown = uses.iter().any(|g| {
            f.loop_within(g.loop_id, outer)
                && matches!(&g.kind, UseKind::MutRecv(m) if GROW.contains(&m.as_str()))
        });
        // `for x in pending` walks the buffer by value and drops it; any
        // other move hands the filled buffer on.
        let walked = |s: &Sink| matches!(s, Sink::Method(m) if m == "into_iter");
        let handed_on = uses
            .iter()
            .any(|g| matches!(&g.kind, UseKind::Move(s) if !walked(s)));
        if !grown || handed_on || !seen.insert(u.binding) {
            continue;
        }
        let consumed = uses.iter().any(|g| {
            g.pos < place
                && f.loop_within(g.loop_id, outer)
                && matches!(&g.kind, UseKind::Move(s) if walked(s))
        });
        let name = &b.name;
        let kind = match site.kind {
            SiteKind::StringNew => "String",
            SiteKind::MapNew => "map",
            _ => "Vec",
        };
        let l = &f.loops[outer as usize];
        let mut d = Draft::new(
            Category::ArenaCandidate,
            (place.line, site.range.end.line),
            cx.path,
        );
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        d.issue = format!(
            "`{name}` is filled in the loop at line {} and replaced by a new, empty {kind} on a pass of it: each refill regrows the buffer from nothing (an allocation and a copy at every doubling) and frees the last one. Clearing it keeps one allocation for the whole loop.",
            l.start.line
        );
        d.proposal = if consumed {
            format!(
                "// Walk the items out and keep the buffer (drop the reassignment):\nfor .. in {name}.drain(..) {{ .. }}"
            )
        } else {
            format!("{name}.clear(); // in place of the reassignment: keeps the capacity")
        };
        d.impact = cx.loop_impact(outer, 1, None);
        d.pros = vec!["One buffer serves every pass; no regrowth after the first.".into()];
        d.cons =
            vec!["The capacity of the largest pass stays allocated until the loop ends.".into()];
        out.emit(d);
    }
}

/// Whether a value of `t` owns growable buffers of its own: a `Vec`, map or
/// set, or a struct of the file's (or workspace's) table with such a
/// field. Dropping it frees those buffers; the next one grows them again.
/// (Strings are values: a record of strings cleared is not a buffer kept.)
fn owns_buffers(t: &Ty, table: &memaudit_facts::TypeTable, depth: u32) -> bool {
    // Inline small vectors (`SmallVec`, `ArrayVec`, `TinyVec`) mostly hold
    // their items in place; a reference owns nothing.
    let collection = |t: &Ty| {
        matches!(t.view(), View::Vec(_) | View::Map(..) | View::Set(_))
            || t.name().is_some_and(|n| {
                (n.ends_with("Vec") || n.ends_with("Map") || n.ends_with("Set"))
                    && !is_in(n, &["SmallVec", "ArrayVec", "TinyVec"])
            })
    };
    if matches!(t.view(), View::Ref(_)) {
        return false;
    }
    if collection(t) {
        return true;
    }
    if depth > 1 {
        return false;
    }
    let Some(name) = t.name() else { return false };
    match table.get(name).map(|d| &d.kind) {
        Some(memaudit_facts::types::DefKind::Struct(fields)) => fields
            .iter()
            .any(|(_, f)| collection(f) || owns_buffers(f, table, depth + 1)),
        _ => false,
    }
}

/// The element a `pop()` drops or the values a `clear()` drops: a `Vec`'s
/// (or deque's) element, a map's value (also a `…Map<V>` alias of one
/// argument, such as `TypeIdMap<V>`).
fn held(t: &Ty) -> Option<&Ty> {
    match t.view() {
        View::Vec(e) => Some(e),
        View::Map(_, v) => v,
        View::Named(n, [v]) if n.ends_with("Map") => Some(v),
        _ => None,
    }
}

/// A long-lived owner that frees the buffers of its elements every cycle:
/// a `&mut self` method that `pop()`s a frame owning maps or `Vec`s from a
/// stack the type pushes onto (`self.scopes.pop()` on leaving a scope,
/// after `self.scopes.push(Scope::new())` on entering it), or `clear()`s a
/// collection whose values own buffers (a map of per-phase buffers cleared
/// per frame). Every cycle allocates those inner buffers again, through
/// every doubling; keeping the popped frames (a depth index, or a free list
/// of cleared frames) or clearing each value in place reuses them.
pub(crate) fn check_dropped_frames(
    cx: &FnCx<'_, '_>,
    growth: &[memaudit_facts::items::Growth],
    out: &mut Emitter<'_>,
) {
    use memaudit_facts::body::{GrowthUse, UseKind};
    if !out.wants(Category::ArenaCandidate)
        || cx.item.sig.self_mut != Some(true)
        || cx.role != super::FnRole::Normal
        || cx.item.test.is_some()
    {
        return;
    }
    let Some(owner) = cx.self_ty else { return };
    let Some(def) = cx.table.get(owner) else {
        return;
    };
    let mut seen = BTreeSet::new();
    for u in &cx.facts.uses {
        let UseKind::MutRecv(m) = &u.kind else {
            continue;
        };
        let popped = m == "pop";
        if !popped && m != "clear" {
            continue;
        }
        let Some(field) = u.place.strip_prefix("self.") else {
            continue;
        };
        if field.contains('.') || !seen.insert(field.to_owned()) {
            continue;
        }
        let Some(fty) = def.field(field) else {
            continue;
        };
        let Some(elem) = held(fty) else { continue };
        // A `String` is a value, not a buffer kept for reuse.
        if matches!(elem.view(), View::OwnedStr) || !owns_buffers(elem, cx.table, 0) {
            continue;
        }
        // A popped element put into another collection right after
        // (`if let Some(row) = self.rows.pop() { self.above.push(row) }`)
        // is moved on, not dropped.
        let moved_on = popped
            && cx.facts.uses.iter().any(|o| {
                o.pos > u.pos
                    && o.pos.line <= u.pos.line + 3
                    && o.place != u.place
                    && matches!(&o.kind, UseKind::MutRecv(m) if is_in(m, &["push", "push_back", "push_front", "insert", "extend", "append"]))
            });
        if moved_on {
            continue;
        }
        // A stack is only a cycle of allocations when the type pushes
        // fresh frames onto it; a cleared collection of buffers is one
        // whatever fills it.
        let pushed = growth
            .iter()
            .any(|g| g.owner == owner && g.name == field && g.kind == GrowthUse::Grow);
        if popped && !(pushed && matches!(fty.view(), View::Vec(_))) {
            continue;
        }
        let elem_name = elem.to_string();
        let mut d = Draft::new(Category::ArenaCandidate, (u.pos.line, u.pos.line), cx.path);
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        if popped {
            d.issue = format!(
                "`self.{field}.pop()` drops a `{elem_name}` frame together with the buffers it owns, while `{owner}` pushes a fresh frame onto `{field}` for the next level: every enter/leave cycle allocates those buffers again (and regrows them through every doubling) and frees them."
            );
            d.proposal = format!(
                "// Keep the frames and reuse their buffers:\n// track the live depth instead of popping, and on entering a level\n// reuse `self.{field}[depth]` after clearing its collections\n// (or move popped frames to a free list, cleared, and take from it on push)."
            );
        } else {
            d.issue = format!(
                "`self.{field}.clear()` drops every `{elem_name}` it holds together with the buffers each owns; refilling `{field}` allocates them all again (through every doubling) on the next cycle."
            );
            let walk = if matches!(fty.view(), View::Vec(_)) {
                "iter_mut"
            } else {
                "values_mut"
            };
            // A sketch: which buffers a value holds, and whether stale
            // entries may stay, depends on the value type and its readers.
            d.proposal = format!(
                "// Keep the entries and clear what each holds:\n// walk `self.{field}.{walk}()` and clear the buffers of every value\n// (drop only the entries that are gone, e.g. with `retain`)"
            );
        }
        d.impact = Impact {
            allocations_avoided: None,
            bytes_saved: None,
            unit: format!("call of `{}`", cx.path),
            applies_to: format!("every buffer held by a `{elem_name}` in `self.{field}`"),
            level: Level::Medium,
        };
        d.pros = vec!["The inner buffers are allocated once and reused by every cycle.".into()];
        d.cons = vec![
            "Kept buffers stay allocated between cycles (the peak of one cycle).".into(),
            "Kept frames or entries must be cleared before reuse, or stale data leaks into the next cycle.".into(),
        ];
        out.emit(d);
    }
}

/// `fn token_stream(&mut self, text) -> Stream { Stream { cuts: Vec::new(),
/// parts: Vec::new(), .. } }`: a value built on every call with empty
/// collections that its own methods use as scratch — they clear (or pop,
/// drain) and refill them — so each value grows its buffers from nothing
/// and frees them when it is dropped. The caller that builds the values (a
/// tokenizer making a stream per text, a visitor a state per node) can own
/// the buffers and lend them, cleared, to each value. Not in constructors
/// of the type itself (`new`, `default`: built once per owner), nor in
/// test code.
pub(crate) fn check_scratch_per_call(
    cx: &FnCx<'_, '_>,
    growth: &[memaudit_facts::items::Growth],
    out: &mut Emitter<'_>,
) {
    use memaudit_facts::body::{GrowthUse, Sink};
    if !out.wants(Category::ArenaCandidate)
        || cx.role != super::FnRole::Normal
        || cx.item.test.is_some()
    {
        return;
    }
    let mut seen = BTreeSet::new();
    for site in &cx.facts.sites {
        if !matches!(
            site.kind,
            SiteKind::VecNew | SiteKind::StringNew | SiteKind::MapNew | SiteKind::EmptyVecMacro
        ) || site.cold.is_some()
        {
            continue;
        }
        let Some(Sink::Struct(built)) = &site.sink else {
            continue;
        };
        let built = built.as_str();
        // The type's own constructors run once per value of the owner; a
        // builder is built once to make one value; test helpers run once.
        if cx.self_ty == Some(built)
            || built == "Self"
            || built.ends_with("Builder")
            || cx
                .path
                .split("::")
                .any(|seg| seg == "tests" || seg == "test")
            || !seen.insert(built.to_owned())
        {
            continue;
        }
        let Some(memaudit_facts::types::DefKind::Struct(fields)) =
            cx.table.get(built).map(|d| &d.kind)
        else {
            continue;
        };
        let has = |f: &str, k: GrowthUse| {
            growth
                .iter()
                .any(|g| g.owner == built && g.name == f && g.kind == k)
        };
        let scratch: Vec<&str> = fields
            .iter()
            .filter(|(f, t)| {
                matches!(
                    t.view(),
                    View::Vec(_) | View::OwnedStr | View::Map(..) | View::Set(_)
                ) && has(f, GrowthUse::Grow)
                    && has(f, GrowthUse::Drain)
            })
            .map(|(f, _)| f.as_str())
            .collect();
        if scratch.is_empty() {
            continue;
        }
        let list = scratch
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut d = Draft::new(
            Category::ArenaCandidate,
            (site.range.start.line, site.range.end.line),
            cx.path,
        );
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        d.issue = format!(
            "Every call of `{}` builds a new `{built}` with empty {list}, which `{built}`'s methods use as scratch (cleared and refilled): each value grows those buffers from nothing and frees them when it is dropped.",
            cx.path
        );
        d.proposal = format!(
            "// Let the caller own the scratch buffers and lend them, cleared,\n// to each `{built}` (`&mut Vec<_>` fields, or a buffer handed back\n// when the value is done), so that one allocation serves every value."
        );
        d.impact = Impact {
            allocations_avoided: None,
            bytes_saved: None,
            unit: format!("call of `{}`", cx.path),
            applies_to: format!("the scratch buffers of every `{built}`"),
            level: Level::Medium,
        };
        d.pros = vec!["The scratch buffers are allocated once for all values.".into()];
        d.cons = vec!["The value borrows the buffers (a lifetime) or must give them back.".into()];
        out.emit(d);
    }
}

#[cfg(test)]
mod tests {
    use memaudit_model::Category;

    use crate::{analyze_source, FileContext};

    fn arena_lines(src: &str) -> Vec<u32> {
        analyze_source("src/x.rs", src, &FileContext::new("demo"))
            .unwrap()
            .into_iter()
            .filter(|f| f.category == Category::ArenaCandidate)
            .map(|f| f.line_start)
            .collect()
    }

    const SCOPES: &str = "use std::collections::HashMap;
pub struct Scope { names: HashMap<String, u32> }
pub struct Tree { levels: Vec<Scope> }
impl Tree {
    pub fn enter(&mut self) { self.levels.push(Scope { names: HashMap::new() }); }
    pub fn leave(&mut self) { self.levels.pop(); }
}";

    #[test]
    fn a_frame_owning_a_map_popped_from_a_pushed_stack_is_reported() {
        assert_eq!(arena_lines(SCOPES), vec![6]);
    }

    #[test]
    fn frames_without_buffers_or_never_pushed_are_left_alone() {
        let small = SCOPES
            .replace("names: HashMap<String, u32>", "depth: u32")
            .replace("names: HashMap::new()", "depth: 0");
        assert!(arena_lines(&small).is_empty());
        let unpushed = SCOPES.replace(
            "self.levels.push(Scope { names: HashMap::new() });",
            "let _ = self.levels.len();",
        );
        assert!(arena_lines(&unpushed).is_empty());
    }

    const STREAM: &str = "pub struct Stream { cuts: Vec<usize>, n: usize }
impl Stream {
    fn split(&mut self) { self.cuts.clear(); self.cuts.push(self.n); }
}
pub struct Filter { n: usize }
impl Filter {
    pub fn stream(&mut self) -> Stream {
        Stream { cuts: Vec::new(), n: self.n }
    }
}";

    #[test]
    fn a_value_built_per_call_with_empty_scratch_its_methods_clear_is_reported() {
        assert_eq!(arena_lines(STREAM), vec![8]);
    }

    #[test]
    fn a_value_whose_list_is_never_cleared_or_built_by_its_own_constructor_is_left_alone() {
        // Filled, never cleared: the value's data, not scratch.
        let data = STREAM.replace("self.cuts.clear(); ", "");
        assert!(arena_lines(&data).is_empty());
        // Its own `new`: once per value, whatever makes the values.
        let own = STREAM.replace(
            "impl Filter {\n    pub fn stream(&mut self) -> Stream {",
            "impl Stream {\n    pub fn new(&mut self) -> Stream {",
        );
        assert!(arena_lines(&own).is_empty());
    }

    #[test]
    fn a_map_of_buffers_cleared_per_cycle_is_reported_and_strings_are_not() {
        let src = "use std::collections::HashMap;
pub struct Bufs { data: Vec<u8> }
pub struct Frame { phases: HashMap<u32, Bufs>, names: Vec<String> }
impl Frame {
    pub fn begin(&mut self) {
        self.phases.clear();
        self.names.clear();
    }
}";
        assert_eq!(arena_lines(src), vec![6]);
    }

    #[test]
    fn a_local_buffer_reset_on_a_pass_is_reported_unless_handed_on() {
        let src = "pub fn wrap(words: &[&str]) -> usize {
    let mut line = String::new();
    let mut n = 0;
    for w in words {
        if line.len() > 8 {
            n += line.len();
            line = String::new();
        }
        line.push_str(w);
    }
    n
}";
        assert_eq!(arena_lines(src), vec![7]);
        let handed_on = src
            .replace("n += line.len();", "keep(line);")
            .replace("pub fn wrap", "fn keep(_l: String) {}\npub fn wrap");
        assert!(arena_lines(&handed_on).is_empty());
    }
}
