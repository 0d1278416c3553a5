//! Where a value goes after the expression that made it — its *fate*: only
//! lent (borrowed, read, formatted, dropped with its statement or binding),
//! kept (stored in a collection, a struct or a field, sent, returned,
//! yielded to an iterator's consumer, captured by a `move` closure), or
//! passed by value to a callee this file does not describe. Also the later
//! mutations and moves of a clone's source, and the tasks that capture a
//! value.
//!
//! The rules built on it: `value-escapes` (a reused buffer or a borrow
//! cannot stand in for a value that is kept), `sink-copies` (the callee
//! copies a borrowed argument into its own `String` anyway),
//! `moved-into-callee` (the workspace's callee takes the value owned) and
//! `callee-unknown` (the one question left when the callee is not known).
//!
//! It must NOT judge anything but where values go; it reads the shared
//! facts' bindings and uses, so two bindings of one name in two branches
//! stay two variables.

use memaudit_facts::body::{Parent, Sink, UseKind as RawUse};
use memaudit_facts::names::{is_in, INTO_OWNED_SINKS, KEEPING_CONSTRUCTORS};
use memaudit_facts::FnItem;

use super::*;

/// Where a value goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Fate {
    /// Only lent: it dies with its statement or its binding's scope.
    Lent(String),
    /// Kept beyond its expression, with where.
    Kept(String),
    /// Moved by value into a call whose parameter this file does not show.
    Passed { callee: String, line: u32 },
}

/// Macros (as the facts name them) that only borrow their arguments.
const FORMATTING: &[&str] = &[
    "write!",
    "writeln!",
    "print!",
    "println!",
    "eprint!",
    "eprintln!",
    "format!",
    "format_args!",
    "panic!",
    "assert!",
    "assert_eq!",
    "assert_ne!",
    "debug_assert!",
    "debug_assert_eq!",
    "debug_assert_ne!",
    "trace!",
    "debug!",
    "info!",
    "warn!",
    "error!",
];

/// Calls that wrap the value into something that owns it.
const WRAPPING: &[&str] = &[
    "Some",
    "Ok",
    "Err",
    "Box::new",
    "Arc::new",
    "Rc::new",
    "Cow::Owned",
    "Cell::new",
    "RefCell::new",
    "Mutex::new",
    "RwLock::new",
];

/// `a::b::c` → `b::c`: how the sink tables name a path.
fn last_two(path: &str) -> &str {
    let mut idx = path.rmatch_indices("::").map(|(i, _)| i);
    match (idx.next(), idx.next()) {
        (Some(_), Some(j)) => &path[j + 2..],
        _ => path,
    }
}

/// The fate of the value the site makes.
pub(super) fn fate(case: &Case, site: &Site) -> Option<Fate> {
    let (item, s) = case.raw(site)?;
    let line = s.range.start.line;
    if s.parent == Parent::Ref {
        return Some(Fate::Lent(format!(
            "it is lent as `&..` at line {line} and dropped at the end of the statement"
        )));
    }
    match &s.sink {
        Some(Sink::Let(name)) => {
            let b = s
                .let_binding
                .or_else(|| item.facts.binding_at(name, s.range.start))?;
            Some(binding_fate(case, item, b, s.range.end, 0))
        }
        Some(sink) => Some(sink_fate(case, item, sink, line, None)),
        None if s.parent == Parent::Return => Some(Fate::Kept(format!(
            "it is returned at line {line}, so the caller keeps it"
        ))),
        None => Some(Fate::Lent(format!(
            "it is used in place at line {line} (a method called on it, a comparison) and \
             dropped with the statement"
        ))),
    }
}

/// The fate of a value handed to `sink` at `line` (`whose`: the binding
/// that held it, for the evidence).
fn sink_fate(case: &Case, item: &FnItem, sink: &Sink, line: u32, whose: Option<&str>) -> Fate {
    let it = whose.map_or_else(|| "it".to_owned(), |n| format!("`{n}`"));
    match sink {
        Sink::Return => Fate::Kept(format!(
            "{it} is returned at line {line}, so the caller keeps it"
        )),
        Sink::Yield(a) => Fate::Kept(format!(
            "{it} is the result of the `.{a}(..)` closure at line {line}, handed to the \
             iterator's consumer, which keeps it"
        )),
        Sink::Struct(s) => Fate::Kept(format!(
            "{it} is moved into a field of `{s}` at line {line}, which keeps it"
        )),
        Sink::Element => Fate::Kept(format!(
            "{it} is an element of an array, tuple or `vec![..]` at line {line}, which holds it"
        )),
        Sink::Break => Fate::Kept(format!(
            "{it} leaves the loop as its `break` value at line {line}"
        )),
        Sink::Assign => {
            let target = item
                .facts
                .uses
                .iter()
                .find(|u| u.pos.line == line && matches!(&u.kind, RawUse::Mutate(op) if op == "="))
                .map(|u| format!("`{}`", u.place))
                .unwrap_or_else(|| "a place declared before it".to_owned());
            Fate::Kept(format!(
                "{it} is assigned to {target} at line {line}, which outlives the expression"
            ))
        }
        Sink::Capture { line: at, task } => Fate::Kept(match task {
            Some(t) => format!("{it} is moved into the `{t}` task started at line {at}"),
            None => format!("{it} is captured by the `move` closure at line {at}, which owns it"),
        }),
        Sink::Method(m) if sink.escapes() => Fate::Kept(format!(
            "{it} is passed to `.{m}(..)` at line {line}, which keeps it"
        )),
        Sink::Method(m) if is_in(m, KEEPING_CONSTRUCTORS) => Fate::Kept(format!(
            "{it} is passed to `.{m}(..)` at line {line}, which keeps it until it is drawn"
        )),
        // A consuming conversion: the value lives on as what it became.
        Sink::Method(m) if m == "into" || m.starts_with("into_") => Fate::Kept(format!(
            "{it} is converted by `.{m}()` at line {line} into a value the code keeps"
        )),
        // Builders and setters keep what they are given.
        Sink::Method(m) if m.starts_with("with_") || m.starts_with("set_") => Fate::Kept(format!(
            "{it} is given to the setter `.{m}(..)` at line {line}, which keeps it"
        )),
        Sink::Method(m) => Fate::Passed {
            callee: format!(".{m}(..)"),
            line,
        },
        Sink::Call(f) if is_in(f, FORMATTING) => Fate::Lent(format!(
            "{it} is formatted by `{f}` at line {line}, which only borrows its arguments"
        )),
        Sink::Call(f) if is_in(f, WRAPPING) || is_in(last_two(f), WRAPPING) => Fate::Kept(format!(
            "{it} is wrapped in `{f}(..)` at line {line}, which owns it"
        )),
        // `Event::Html(..)`, `Wrapper(..)`: a tuple struct or an enum
        // variant holds what it is built from.
        Sink::Call(f)
            if f.rsplit("::")
                .next()
                .is_some_and(|last| last.starts_with(|c: char| c.is_ascii_uppercase())) =>
        {
            Fate::Kept(format!(
                "{it} is stored in `{f}(..)` at line {line}, a tuple struct or enum variant"
            ))
        }
        Sink::Call(f) if is_in(last_two(f), KEEPING_CONSTRUCTORS) => Fate::Kept(format!(
            "{it} is passed to `{f}(..)` at line {line}, which keeps it until it is drawn"
        )),
        Sink::Call(f) if f == "drop" || f.ends_with("::drop") => {
            Fate::Lent(format!("{it} is dropped at line {line}"))
        }
        Sink::Call(f) => match closure_callee(item, f, line) {
            Some(owned) => Fate::Kept(format!(
                "{it} is passed to `{f}` at line {line}, a closure of type `{owned}` that takes \
                 its argument owned"
            )),
            None => callee_fate(case, f, line, &it),
        },
        Sink::Let(n) => Fate::Lent(format!("{it} is bound to `{n}` at line {line}")),
    }
}

/// The written type of `f` when `f(..)` at `line` calls a closure held by a
/// binding with a written closure type (a parameter `write: &mut dyn
/// FnMut(String)`, a `let f: Box<dyn Fn(Vec<u8>)>`) whose inputs are owned
/// (a heap-owning type among them, no reference, nothing generic): such a
/// callee takes what it is given, as a workspace function with an owned
/// parameter does.
fn closure_callee(item: &FnItem, f: &str, line: u32) -> Option<String> {
    if f.contains("::") {
        return None;
    }
    let b = item
        .facts
        .bindings
        .iter()
        .filter(|b| b.name == f && b.pos.line <= line && line <= b.scope_end.line)
        .max_by_key(|b| b.pos)?;
    let ty = b.written.as_ref()?;
    let inputs = ty.closure_inputs()?;
    // A generic or `impl` input may be a reference; a `u8` beside a
    // `String` cannot take the `String`, so one owned buffer suffices.
    let generic = |t: &memaudit_facts::Ty| match t {
        memaudit_facts::Ty::Path(p) => {
            p.segments.len() == 1 && item.generics.iter().any(|(g, _)| *g == p.segments[0])
        }
        memaudit_facts::Ty::Impl(_) | memaudit_facts::Ty::Dyn(_) => true,
        other => other.is_unknown(),
    };
    let heap = |t: &memaudit_facts::Ty| {
        matches!(
            t.view(),
            memaudit_facts::View::OwnedStr
                | memaudit_facts::View::Vec(_)
                | memaudit_facts::View::Map(..)
                | memaudit_facts::View::Set(_)
                | memaudit_facts::View::Boxed(_)
        )
    };
    let owned = inputs.iter().any(heap) && inputs.iter().all(|t| !t.may_borrow() && !generic(t));
    owned.then(|| ty.to_string())
}

/// A by-value argument of `f(..)`: what the callee's signature (in this
/// crate's table) says it does with a `String`.
fn callee_fate(case: &Case, f: &str, line: u32, it: &str) -> Fate {
    if is_in(last_two(f), INTO_OWNED_SINKS) || is_in(f, INTO_OWNED_SINKS) {
        return Fate::Passed {
            callee: format!("{f}(..)"),
            line,
        };
    }
    let name = f.rsplit("::").next().unwrap_or(f);
    let Some(sig) = case.facts.raw.table.fn_sig(name) else {
        return Fate::Passed {
            callee: format!("{f}(..)"),
            line,
        };
    };
    let owned = sig.params.iter().any(|(_, t)| {
        matches!(
            t.view(),
            memaudit_facts::View::OwnedStr | memaudit_facts::View::Vec(_)
        )
    });
    if owned {
        return Fate::Kept(format!(
            "{it} is passed to `{f}` at line {line}, whose parameter takes ownership of it"
        ));
    }
    Fate::Passed {
        callee: format!("{f}(..)"),
        line,
    }
}

/// The fate of the value held by binding `b` after `after`.
fn binding_fate(case: &Case, item: &FnItem, b: u32, after: Pos, depth: u8) -> Fate {
    let f = &item.facts;
    let name = f
        .bindings
        .get(b as usize)
        .map(|b| b.name.to_string())
        .unwrap_or_default();
    for u in f.uses_of(b).filter(|u| u.pos > after) {
        let RawUse::Move(sink) = &u.kind else {
            continue;
        };
        let fate = match sink {
            // `let a = b;` (or a block ending in `b`) renames the value:
            // follow the binding that `let` makes.
            Sink::Let(n) if depth < 3 => match let_holding(item, n, u.pos, b) {
                Some(next) => binding_fate(case, item, next, u.pos, depth + 1),
                None => continue,
            },
            other => sink_fate(case, item, other, u.pos.line, Some(&name)),
        };
        if !matches!(fate, Fate::Lent(_)) {
            return fate;
        }
    }
    Fate::Lent(format!(
        "`{name}` is only read or borrowed after it is made, and dropped at the end of its scope"
    ))
}

/// The `let` binding named `name` whose statement holds `at` (the binding
/// a value moved at `at` goes into), other than `except`.
fn let_holding(item: &FnItem, name: &str, at: Pos, except: u32) -> Option<u32> {
    item.facts
        .bindings
        .iter()
        .enumerate()
        .filter(|(i, b)| {
            *i as u32 != except
                && b.name == name
                && b.kind == memaudit_facts::body::BindKind::Let
                && b.pos <= at
                && b.stmt_lines.0 <= at.line
                && at.line <= b.stmt_lines.1
        })
        .max_by_key(|(_, b)| b.pos)
        .map(|(i, _)| i as u32)
}

/// What a callee that takes a value by value does with a borrowed `&str`
/// instead: copies it into its own `String` (nothing saved), or unknown.
pub(super) fn copies_anyway(case: &Case, callee: &str) -> Option<String> {
    let f = callee.trim_end_matches("(..)");
    if is_in(last_two(f), INTO_OWNED_SINKS) || is_in(f, INTO_OWNED_SINKS) {
        return Some(format!(
            "`{f}` takes `impl Into<String>`-like arguments: an owned `String` is moved in, a \
             borrowed `&str` is copied into a new one"
        ));
    }
    let name = f.rsplit("::").next().unwrap_or(f).trim_start_matches('.');
    let sig = case.facts.raw.table.fn_sig(name)?;
    (0..sig.params.len()).find_map(|i| {
        let bounds = sig.accepts(i);
        let into = bounds.iter().find(|b| {
            b.starts_with("Into<String")
                || b.starts_with("ToString")
                || b.starts_with("Into<PathBuf")
                || b.starts_with("Into<Cow")
        })?;
        Some(format!(
            "`{f}` takes `impl {into}` (parameter `{}`): a borrowed `&str` is copied into its own \
             `String` anyway",
            sig.params[i].0
        ))
    })
}

/// Whether two place keys overlap (`a` and `a.b`, or equal).
pub(super) fn overlaps(a: &str, b: &str) -> bool {
    // `x.f` is inside `x`; so is `x[..]` (an element of `x`).
    let inside = |x: &str, y: &str| {
        x.starts_with(y) && matches!(x.as_bytes().get(y.len()), Some(b'.' | b'['))
    };
    a == b || inside(a, b) || inside(b, a)
}

/// The binding the clone's source names at the site: the innermost binding
/// of the root visible there, not the one the site itself initialises
/// (`let data = data.to_vec()` reads the outer `data`).
pub(super) fn source_binding(case: &Case, site: &Site, key: &str) -> Option<u32> {
    let (item, s) = case.raw(site)?;
    let root = key.split('.').next().unwrap_or(key);
    item.facts
        .bindings
        .iter()
        .enumerate()
        .filter(|(i, b)| {
            b.name == root
                && Some(*i as u32) != s.let_binding
                && b.pos <= s.range.start
                && s.range.start <= b.scope_end
        })
        .max_by_key(|(_, b)| b.pos)
        .map(|(i, _)| i as u32)
}

/// How long a borrow standing in for the site's value would live: to the
/// end of the scope of the binding it initialises (values derived from the
/// borrow — a parsed line that points into it — live as long); for a
/// temporary, to the end of its statement, or of the `if let`/`match` whose
/// pattern bindings borrow from it.
pub(super) fn alive_until(case: &Case, site: &Site) -> Pos {
    let Some((item, s)) = case.raw(site) else {
        return site.end;
    };
    if case.shape == proposal::Shape::Move {
        // A moved-from source may not be used at all afterwards.
        return Pos::new(u32::MAX, 0);
    }
    if let Some(b) = s
        .let_binding
        .and_then(|b| item.facts.bindings.get(b as usize))
    {
        return b.scope_end;
    }
    item.facts
        .bindings
        .iter()
        .filter(|b| {
            b.kind == memaudit_facts::body::BindKind::Pattern
                && b.pos.line == s.range.start.line
                && b.pos < s.range.start
        })
        .map(|b| b.scope_end)
        .max()
        .map_or(s.range.end, |p| p.max(s.range.end))
}

/// Where a borrow held by the binding `b` is last needed, as the borrow
/// checker sees it (non-lexical lifetimes): the last use of `b` or of any
/// binding initialised from it (`let parts = nk.splitn(..)` keeps `nk`'s
/// borrow alive while `parts` is used), transitively. `None` when one of
/// them is moved on, used in another loop or closure than its own, or
/// iterated by a loop (the iterator lives through the loop): the borrow may
/// then live on where the facts do not follow it.
fn last_use_of_borrow(f: &memaudit_facts::FnFacts, b: u32) -> Option<Pos> {
    use memaudit_facts::body::BindKind;
    let mut seen = vec![b];
    let mut queue = vec![b];
    let mut last = f.bindings.get(b as usize)?.pos;
    while let Some(x) = queue.pop() {
        let bx = f.bindings.get(x as usize)?;
        for u in f.uses_of(x) {
            let in_header = f
                .loops
                .iter()
                .skip(1)
                .any(|l| l.start <= u.pos && u.pos < l.body.start);
            if u.kind.moves()
                || u.loop_id != bx.loop_id
                || u.closure_id != bx.closure_id
                || in_header
            {
                return None;
            }
            last = last.max(u.pos);
            // Bindings whose initialiser (or matched value) reads `x`.
            for (i, d) in f.bindings.iter().enumerate() {
                let i = i as u32;
                let derived = match d.kind {
                    BindKind::Let => {
                        d.stmt_lines.0 <= u.pos.line
                            && u.pos.line <= d.stmt_lines.1
                            && d.pos < u.pos
                    }
                    BindKind::Pattern => d.pos.line == u.pos.line && d.pos < u.pos,
                    _ => false,
                };
                if derived && !seen.contains(&i) {
                    seen.push(i);
                    queue.push(i);
                }
            }
        }
    }
    Some(last)
}

/// Where a use takes effect: a plain assignment writes its place only once
/// the value on its right is evaluated.
fn takes_effect(f: &memaudit_facts::FnFacts, u: &memaudit_facts::body::Use) -> Pos {
    match &u.kind {
        RawUse::Mutate(op) if op == "=" => f
            .assigns
            .iter()
            .find(|(place, _)| *place == u.pos)
            .map_or(u.pos, |(_, end)| *end),
        _ => u.pos,
    }
}

/// Whether `m` is a method of the site's own `impl` type that takes
/// `&mut self` (as this file defines it).
fn mut_self_method(case: &Case, site: &Site, m: &str) -> bool {
    let Some(own) = case.func(site).and_then(|f| f.self_ty.as_deref()) else {
        return false;
    };
    case.facts
        .fns
        .iter()
        .any(|f| f.name == m && f.self_ty.as_deref() == Some(own) && f.self_mut == Some(true))
}

/// Whether the method `m` called on `self` takes `&mut self`: a method of
/// the site's own type in this file, or one the workspace's signatures
/// know.
fn takes_mut_self(case: &Case, site: &Site, m: &str) -> bool {
    mut_self_method(case, site, m) || case.facts.raw.table.method_takes_mut_self(m)
}

/// The first mutation (or move, with `moves`) of the clone's source `key`
/// after the site that a borrow in place of the clone would overlap: before
/// the borrow's last use, or (for a source declared outside the loop) in a
/// later part of the loop body. Uses are those of the very binding the
/// source names, so a later `let` of the same name is another variable.
pub(super) fn later_use(case: &Case, site: &Site, key: &str, moves: bool) -> Option<(u32, String)> {
    let (item, _) = case.raw(site)?;
    let src = source_binding(case, site, key)?;
    let f = &item.facts;
    let b = f.bindings.get(src as usize)?;
    // A source of shared-reference type is copied, not moved, by value uses.
    if moves && b.ty.as_ref().is_some_and(|t| t.is_ref()) {
        return None;
    }
    // A borrow bound by a `let` ends at its last use (and that of what is
    // built from it); other borrows live as `alive_until` says.
    let (_, raw) = case.raw(site)?;
    let until = raw
        .let_binding
        .filter(|_| case.shape != proposal::Shape::Move)
        .and_then(|nk| last_use_of_borrow(f, nk))
        .unwrap_or_else(|| alive_until(case, site));
    f.uses_of(src)
        .find_map(|u| {
            let how = match &u.kind {
                RawUse::Mutate(op) => op.to_string(),
                RawUse::MutRecv(m) => format!(".{m}(..)"),
                RawUse::Recv(m) if u.place == "self" && takes_mut_self(case, site, m) => {
                    format!("self.{m}(..)")
                }
                RawUse::Move(s) if moves => s.describe(),
                _ => return None,
            };
            if !overlaps(&u.place, key) || u.pos <= site.end || takes_effect(f, u) > until {
                return None;
            }
            Some((u.pos.line, how))
        })
        .or_else(|| {
            moves
                .then(|| matched_by_value(case, f, b, src, key, site, until))
                .flatten()
        })
}

/// `match expression { Expr::Bin { lhs, rhs } => .. }` after the site: an
/// owned source (its type known, not a reference) that a `match` takes as
/// its scrutinee, written as the bare name, with arms that bind names by
/// value while a borrow in place of the clone would live: the arms move
/// out of it (E0505). The facts read a scrutinee as a read; the line as
/// written says it is the bare name.
fn matched_by_value(
    case: &Case,
    f: &memaudit_facts::body::FnFacts,
    b: &memaudit_facts::body::Binding,
    src: u32,
    key: &str,
    site: &Site,
    until: Pos,
) -> Option<(u32, String)> {
    use memaudit_facts::body::BindKind;
    if key.contains('.')
        || !b
            .ty
            .as_ref()
            .is_some_and(|t| !t.is_ref() && !t.is_unknown())
    {
        return None;
    }
    let written = format!("match {key} {{");
    let u = f.uses_of(src).find(|u| {
        u.place == key
            && u.pos > site.end
            && u.pos <= until
            && u.pos
                .line
                .checked_sub(1)
                .and_then(|i| case.lines.get(i as usize))
                .is_some_and(|l| l.contains(&written))
    })?;
    // The arms bind by value: a pattern binding after the scrutinee while
    // the borrow lives (`ref` bindings are the facts' `borrows`).
    f.bindings
        .iter()
        .any(|p| {
            p.kind == BindKind::Pattern && p.pos > u.pos && p.pos <= until && p.borrows.is_none()
        })
        .then(|| (u.pos.line, format!("match {key} {{ .. }}")))
}

/// For a clone's source `key` that is a pattern binding into a borrowed
/// place (`if let Some(Scan { sel, .. }) = self.scan.as_mut()`): the
/// first call or mutation after the site, while a borrow in place of the
/// clone would live, that needs the place's owner mutably — a `&mut self`
/// method when the place is a field of `self`, or a mutation of the place.
/// Returns the borrowed place, the line and the call as written.
pub(super) fn owner_needed(case: &Case, site: &Site, key: &str) -> Option<(String, u32, String)> {
    let (item, _) = case.raw(site)?;
    let src = source_binding(case, site, key)?;
    let f = &item.facts;
    let binding = f.bindings.get(src as usize)?;
    let place = binding.borrows.as_deref()?;
    // Bound from a method's result: it borrows the place only when the
    // method, taking `&self`, returns references.
    if let Some(m) = binding.borrows_via.as_deref() {
        let sig = case.facts.raw.table.method_sig(m)?;
        if sig.self_mut != Some(false) || sig.self_owned || !sig.ret.as_ref().is_some_and(holds_ref)
        {
            return None;
        }
    }
    let root = place.split(['.', '[']).next().unwrap_or(place);
    let until = alive_until(case, site);
    f.uses.iter().find_map(|u| {
        if u.pos <= site.end || u.pos > until {
            return None;
        }
        let how = match &u.kind {
            RawUse::Recv(m)
                if u.place == "self" && root == "self" && takes_mut_self(case, site, m) =>
            {
                format!("self.{m}(..)")
            }
            RawUse::Mutate(op) if overlaps(&u.place, place) => format!("`{}` {op}", u.place),
            RawUse::MutRecv(m) if overlaps(&u.place, place) => format!("{}.{m}(..)", u.place),
            // A workspace method taking `&mut self` called on the place
            // (`self.env.restore()`), known from the workspace's table.
            RawUse::Recv(m)
                if overlaps(&u.place, place) && case.facts.raw.table.method_takes_mut_self(m) =>
            {
                format!("{}.{m}(..)", u.place)
            }
            _ => return None,
        };
        Some((place.to_string(), u.pos.line, how))
    })
}

/// Whether a return type holds a reference (`&T`, `Option<(&A, &B)>`), so
/// that with a `&self` receiver it borrows from the receiver.
fn holds_ref(t: &memaudit_facts::Ty) -> bool {
    use memaudit_facts::Ty;
    match t {
        Ty::Ref { .. } => true,
        Ty::Path(p) => p.args.iter().any(holds_ref),
        Ty::Tuple(ts) => ts.iter().any(holds_ref),
        Ty::Slice(t) | Ty::Array(t, _) => holds_ref(t),
        _ => false,
    }
}

/// The `'static` task or `move` scope that captures the site's value.
pub(super) fn task_capture(case: &Case, site: &Site) -> Option<(String, u32)> {
    if let Some(spawner) = &site.ctx.spawn_arg {
        return Some((spawner.clone(), site.start.line));
    }
    let binding = case.binding_of(site)?;
    let func = case.func(site)?;
    func.move_scopes
        .iter()
        .filter(|m| m.start > site.end && m.idents.contains(&binding.name))
        // A spawn's closure is recorded twice (as spawn argument and as a
        // `move` closure): prefer the spawn.
        .min_by_key(|m| (m.start, !m.static_task))
        .map(|m| (m.kind.clone(), m.start.line))
}

pub(super) fn static_task_capture(case: &Case, site: &Site) -> Option<(String, u32, facts::Pos)> {
    if let Some(spawner) = &site.ctx.spawn_arg {
        return Some((spawner.clone(), site.start.line, site.end));
    }
    let binding = case.binding_of(site)?;
    let func = case.func(site)?;
    func.move_scopes
        .iter()
        .filter(|m| m.static_task && m.start > site.end && m.idents.contains(&binding.name))
        .min_by_key(|m| m.start)
        .map(|m| (m.kind.clone(), m.start.line, m.end))
}

/// Shapes whose proposal needs the value to stay local: one buffer reused
/// across iterations, or a borrow in place of a copy.
fn needs_local(shape: proposal::Shape) -> bool {
    matches!(shape, proposal::Shape::Reuse | proposal::Shape::Borrow)
}

/// `map.entry(key.to_vec())` answered by looking the borrowed key up first
/// (`get_mut(key)`, then `insert(key.to_owned(), ..)` for a new key): the
/// map keeps a copy only of the keys it did not hold, which is what the
/// proposal says. That the entry keeps the key is its premise, not a
/// counterexample.
fn looks_up_before_copying(case: &Case, kept: &str) -> bool {
    let p = &case.finding.proposal;
    case.shape == proposal::Shape::Other
        && kept.contains("`.entry(..)`")
        && (p.contains(".get_mut(") || p.contains(".get(") || p.contains(".contains_key("))
        && p.contains(".insert(")
}

pub(super) fn rule_value_escapes(case: &Case, review: &Review) -> Option<Fired> {
    let Some(Fate::Kept(where_)) = &review.fate else {
        return None;
    };
    // A proposal of another shape (not read from its text) is held to the
    // same standard: a kept value cannot be replaced by a reused or
    // borrowed one.
    if !(needs_local(case.shape) || case.shape == proposal::Shape::Other) || case.growth.is_some() {
        return None;
    }
    if looks_up_before_copying(case, where_) {
        return None;
    }
    let site = case.main?;
    let (consequence, risk) = match case.shape {
        proposal::Shape::Borrow => (
            "a borrow kept there would have to outlive its source, so the copy is what the \
             code needs",
            "The borrow does not compile (E0597/E0505), or ties the keeper to the source's lifetime.",
        ),
        _ => (
            "every value kept there must own its heap memory, so one buffer cleared and \
             rewritten per iteration cannot replace it",
            "A reused buffer would be overwritten while the kept value still needs it.",
        ),
    };
    Some(Fired {
        description: format!(
            "{} does not stay local: {where_}; {consequence}.",
            site.label()
        ),
        risk: risk.to_owned(),
        suggestion: "Keep one allocation per kept value; pre-size the collection that keeps them \
                     if its length is known."
            .to_owned(),
        counterexample: Some(format!(
            "{} at line {}: {where_}. With {} in its place, the next iteration (or the source's \
             next change) would overwrite or outlive what is kept, so the proposal either does \
             not compile or changes what is stored.",
            site.label(),
            site.start.line,
            case.shape.words()
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("{} outlives its expression: {where_}", site.label()),
        )),
        ..Fired::default()
    })
}

/// A finished list whose spare capacity the proposal gives back: worth it
/// only when the list is kept long, which its function cannot show.
pub(super) fn rule_slack_lifetime(case: &Case, review: &Review) -> Option<Fired> {
    if case.shape != proposal::Shape::Shrink {
        return None;
    }
    let site = case.main?;
    let where_ = match &review.fate {
        Some(Fate::Kept(w)) => w.clone(),
        _ => format!("it is handed on after line {}", site.start.line),
    };
    needs(
        format!(
            "{} is built element by element and {where_}. How long is it kept after that, and \
             how many such lists live at once?",
            site.label()
        ),
        "`shrink_to_fit` reallocates and copies the list once; it pays only when the list is \
         kept long (in a syntax tree held for a session), not when the caller uses and drops it.",
        "Show that the lists are kept (a tree held after parsing, many of them), or a heap \
         profile with the slack at the peak."
            .to_owned(),
    )
}

pub(super) fn rule_sink_copies(case: &Case, review: &Review) -> Option<Fired> {
    let Some(Fate::Passed { callee, line }) = &review.fate else {
        return None;
    };
    if case.shape != proposal::Shape::Reuse {
        return None;
    }
    let why = copies_anyway(case, callee)?;
    let site = case.main?;
    Some(Fired {
        description: format!(
            "{} is passed by value to `{callee}` at line {line}, and {why}.",
            site.label()
        ),
        risk: "The change adds a buffer and saves no allocation.".to_owned(),
        suggestion: "Keep the owned value: it is moved into the callee without a copy.".to_owned(),
        counterexample: Some(format!(
            "Today the `String` made at line {} is moved into `{callee}`: one allocation. With \
             one reused buffer, `{callee}` receives `&buf` and copies it into a new `String`: \
             still one allocation per call, plus the buffer.",
            site.start.line
        )),
        estimate: Some(assess(
            Answer::No,
            format!("{why}: the allocation moves, it does not disappear"),
        )),
        ..Fired::default()
    })
}

/// The workspace's signature of `callee` (`Type::f(..)`, `.m(..)`), by its
/// name, with that name.
fn known_sig<'c>(
    case: &'c Case,
    callee: &'c str,
) -> Option<(&'c str, &'c memaudit_facts::types::FnSig)> {
    let f = callee.trim_end_matches("(..)");
    let name = f.rsplit("::").next().unwrap_or(f).trim_start_matches('.');
    Some((name, case.facts.raw.table.fn_sig(name)?))
}

/// Bounds under which a generic parameter accepts a borrow as well as an
/// owned value.
const BORROW_BOUNDS: &[&str] = &["AsRef", "Borrow", "Display", "Debug", "Into<Cow", "Deref"];

/// The workspace's signature of the function a value is passed to by value,
/// when it has one and none of its parameters could take a borrow instead:
/// references aside (an owned value passed by value is not at one), every
/// parameter is owned, and no generic one is bounded by `AsRef`, `Borrow`,
/// `Display`, ….
fn owning_callee(case: &Case, callee: &str) -> Option<String> {
    let (name, sig) = known_sig(case, callee)?;
    let borrows = (0..sig.params.len()).any(|i| {
        sig.accepts(i)
            .iter()
            .any(|b| BORROW_BOUNDS.iter().any(|p| b.starts_with(p)))
    });
    if borrows || sig.params.is_empty() {
        return None;
    }
    let params: Vec<String> = sig
        .params
        .iter()
        .map(|(n, t)| format!("{n}: {t}"))
        .collect();
    Some(format!("`{name}({})`", params.join(", ")))
}

pub(super) fn rule_moved_into_callee(case: &Case, review: &Review) -> Option<Fired> {
    let Some(Fate::Passed { callee, line }) = &review.fate else {
        return None;
    };
    if !needs_local(case.shape) {
        return None;
    }
    let site = case.main?;
    let sig = owning_callee(case, callee)?;
    Some(Fired {
        description: format!(
            "{} is passed by value to {sig} at line {line}, which takes its arguments owned.",
            site.label()
        ),
        risk: "A reused buffer cannot be given away on every pass, and a borrow does not fit an \
               owned parameter."
            .into(),
        suggestion: "Keep the owned value: the callee takes it over without a copy.".into(),
        counterexample: Some(format!(
            "Handing a buffer hoisted above the loop to {sig} moves it on the first pass \
             (E0382 on the next), and `&buf` or `buf.drain(..)` is either another type or \
             rebuilt by the callee: the allocation moves, it does not disappear."
        )),
        estimate: Some(assess(Answer::No, format!("{sig} owns what it is given"))),
        ..Fired::default()
    })
}

pub(super) fn rule_callee_unknown(case: &Case, review: &Review) -> Option<Fired> {
    let Some(Fate::Passed { callee, line }) = &review.fate else {
        return None;
    };
    // A signature the workspace has decides (`sink-copies`,
    // `moved-into-callee`, or a parameter that takes a borrow).
    if !needs_local(case.shape) || known_sig(case, callee).is_some() {
        return None;
    }
    let site = case.main?;
    Some(Fired {
        description: format!(
            "Does `{callee}` (line {line}) accept a borrowed `&str` (or `impl AsRef<str>`, \
             `impl Display`) without keeping it or copying it into its own `String`? {} is \
             passed to it by value, and its signature is not in this crate.",
            site.label()
        ),
        risk: "If it takes `String` or `impl Into<String>`, the change saves nothing or does not compile.".to_owned(),
        suggestion: format!(
            "Answer from `{callee}`'s signature: borrowed and not kept → apply the change; owned \
             or `Into<String>` → drop the finding."
        ),
        ..Fired::default()
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use memaudit_model::{Category, Verdict};

    #[test]
    fn a_key_looked_up_before_it_is_copied_is_not_a_kept_value() {
        let src = r#"
use std::collections::HashMap;
pub fn split(rows: &[Vec<u8>], out: &mut HashMap<Vec<u8>, usize>) {
    for row in rows {
        let key = &row[..2];
        let entry = out.entry(key.to_vec()).or_insert(0);
        *entry += 1;
    }
}
"#;
        let lookup = "// Look the borrowed key up first and copy it only for a new entry:\nmatch out.get_mut(key) {\n    Some(v) => { /* the occupied case */ }\n    None => { out.insert(key.to_owned(), /* the vacant case */); }\n}";
        let v = validate(
            &Given::new(src, Category::HeapAvoidable, "out.entry(key.to_vec())")
                .proposal(lookup)
                .issue("`out.entry(..)` is given a heap copy of `key` on every iteration of `for row in rows`.")
                .hot(),
        );
        assert!(!said(&v).contains("value-escapes"), "{}", said(&v));
        // A reused buffer for the same key is still refused: the map keeps it.
        check(
            &Given::new(src, Category::HeapAvoidable, "out.entry(key.to_vec())")
                .proposal("let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend_from_slice(key);")
                .issue("`out.entry(..)` is given a heap copy of `key` on every iteration of `for row in rows`.")
                .hot(),
            Verdict::Rejected,
            &["[rule: value-escapes]"],
        );
    }

    #[test]
    fn text_given_to_a_span_is_kept_until_the_frame_is_drawn() {
        let src = r#"
use ratatui::text::{Line, Span};
pub fn rows(ports: &[(String, u16)]) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (ip, port) in ports {
        let ip = Span::from(format!("{ip:>16}"));
        let port = Span::raw(format!("{port:>6}"));
        out.push(Line::from(vec![ip, port]));
    }
    out
}
"#;
        let reuse = |f: &str| {
            format!("use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{f}\").unwrap();")
        };
        for (at, f) in [
            ("Span::from(format!", "{ip:>16}"),
            ("Span::raw(format!", "{port:>6}"),
        ] {
            check(
                &Given::new(src, Category::AllocationLoop, at)
                    .proposal(&reuse(f))
                    .hot(),
                Verdict::Rejected,
                &["[rule: value-escapes]", "until it is drawn"],
            );
        }
    }

    #[test]
    fn a_source_destructured_by_a_match_cannot_be_borrowed_across_it() {
        let src = r#"
#[derive(Clone)]
pub enum Expr { Bin { lhs: Box<Expr>, rhs: Box<Expr> }, Num(String) }
pub fn hang(expression: Expr) -> usize {
    let full = expression.clone(); // across
    match expression {
        Expr::Bin { lhs, rhs } => width(&full) + width(&lhs) + width(&rhs),
        Expr::Num(n) => n.len(),
    }
}
pub fn peek(expression: Expr) -> usize {
    let full = expression.clone(); // by ref
    match &expression {
        Expr::Bin { lhs, .. } => width(&full) + width(lhs),
        Expr::Num(n) => n.len(),
    }
}
fn width(_e: &Expr) -> usize { 0 }
"#;
        check(
            &Given::new(src, Category::UnnecessaryClone, "// across")
                .proposal("let full = &expression;")
                .issue("`full` is a copy of `expression` that is only read afterwards.")
                .hot(),
            Verdict::Rejected,
            &[
                "[rule: source-moved-after-clone]",
                "match expression { .. }",
            ],
        );
        let v = validate(
            &Given::new(src, Category::UnnecessaryClone, "// by ref")
                .proposal("let full = &expression;")
                .issue("`full` is a copy of `expression` that is only read afterwards.")
                .hot(),
        );
        assert!(
            !said(&v).contains("source-moved-after-clone"),
            "{}",
            said(&v)
        );
    }

    const REUSE: &str = "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{}\", x).unwrap();";

    #[test]
    fn kept_values_are_rejected_and_lent_ones_approved() {
        let src = r#"
pub struct S { bold: String, items: Vec<String> }
impl S {
    pub fn upd(&mut self, ps: &[u32], out: &mut Vec<String>) {
        for p in ps {
            self.bold = format!("x{}", p);
            let t = (format!("a{}", p), 1);
            use_str(&format!("b{}", p));
            let s = format!("c{}", p);
            out.push(s);
            let w = if *p > 3 { format!("e{p}") } else { format!("f") };
            self.items.push(w);
            let labels: Vec<String> = ps.iter().map(|q| format!("{q}")).collect();
            let k = format!("d{}", p);
            println!("{k} {} {}", t.1, labels.len());
            let mut heads: Vec<std::borrow::Cow<[u8]>> = Vec::new();
            heads.push(std::borrow::Cow::Owned(format!("h{p}").into_bytes()));
            let n = format!("n{p}").into_bytes().len();
            println!("{} {n}", heads.len());
        }
    }
}
fn use_str(_: &str) {}
"#;
        let cases = [
            (
                "self.bold = format!",
                Verdict::Rejected,
                "assigned to `self.bold`",
            ),
            (
                "let t = (format!",
                Verdict::Rejected,
                "an element of an array, tuple",
            ),
            ("use_str(&format!", Verdict::Approved, ""),
            ("let s = format!", Verdict::Rejected, "`.push(..)`"),
            ("let w = if", Verdict::Rejected, "`.push(..)`"),
            ("map(|q| format!", Verdict::Rejected, "`.map(..)` closure"),
            ("let k = format!", Verdict::Approved, ""),
            // A conversion that keeps the buffer hands the value on.
            (
                "format!(\"h{p}\").into_bytes()",
                Verdict::Rejected,
                "wrapped in `std::borrow::Cow::Owned(..)`",
            ),
            (
                "format!(\"n{p}\").into_bytes().len()",
                Verdict::Approved,
                "",
            ),
        ];
        for (needle, want, says) in cases {
            check(
                &Given::new(src, Category::AllocationLoop, needle)
                    .proposal(REUSE)
                    .hot(),
                want,
                &[says],
            );
        }
    }

    #[test]
    fn into_string_sinks_copy_anyway_and_unknown_callees_are_one_question() {
        let src = r#"
pub fn label(name: impl Into<String>) -> usize { name.into().len() }
pub fn run(ps: &[u32]) {
    for p in ps {
        label(format!("a{p}"));
        let path = std::path::PathBuf::from(format!("b{p}"));
        drop(path);
        external::show(format!("c{p}"));
        let e = Event::Text(format!("d{p}"));
        drop(e);
    }
}
pub enum Event { Text(String) }
"#;
        check(
            &Given::new(src, Category::AllocationLoop, "label(format!")
                .proposal(REUSE)
                .hot(),
            Verdict::Rejected,
            &["[rule: sink-copies]", "impl Into<String>"],
        );
        check(
            &Given::new(src, Category::AllocationLoop, "format!(\"b{p}\")")
                .proposal(REUSE)
                .hot(),
            Verdict::Rejected,
            &["[rule: sink-copies]"],
        );
        let v = check(
            &Given::new(src, Category::AllocationLoop, "external::show")
                .proposal(REUSE)
                .hot(),
            Verdict::NeedsWork,
            &["[rule: callee-unknown]", "Does `external::show(..)`"],
        );
        assert_eq!(v.issues.len(), 1, "NEEDS_WORK asks exactly one question");
    }

    #[test]
    fn a_value_moved_into_an_owning_callee_is_rejected_and_a_borrowing_one_is_not() {
        let src = r#"
pub struct Command { params: Vec<(String, u32)> }
impl Command {
    pub fn with_params(name: &str, params: impl IntoIterator<Item = (String, u32)>) -> Command {
        Command { params: params.into_iter().collect() }
    }
}
pub fn show(text: impl AsRef<str>) -> usize { text.as_ref().len() }
pub fn build(rows: &[Vec<u32>], out: &mut Vec<Command>) {
    for r in rows {
        let params: Vec<(String, u32)> = r.iter().map(|v| (v.to_string(), *v)).collect();
        out.push(Command::with_params("x", params));
        show(format!("{}", r.len()));
    }
}
"#;
        check(
            &Given::new(src, Category::AllocationLoop, "let params")
                .proposal("let mut params = Vec::new(); // once, before the loop\n// in the loop body:\nparams.clear();\nparams.extend(r.iter().map(|v| (v.to_string(), *v)));")
                .hot(),
            Verdict::Rejected,
            &["[rule: moved-into-callee]", "`with_params(name: &str, params: impl IntoIterator"],
        );
        let v = check(
            &Given::new(src, Category::AllocationLoop, "show(format!")
                .proposal(REUSE)
                .hot(),
            Verdict::Approved,
            &[],
        );
        assert!(
            !v.issues.iter().any(|i| i.id.contains("callee")),
            "a callee bounded by AsRef takes `&buf`: {:?}",
            v.issues
        );
    }

    #[test]
    fn a_value_passed_to_a_closure_that_takes_it_owned_is_kept() {
        // The closure's written type says it takes a `String`: a reused
        // buffer would have to be cloned per call. One that takes `&str`
        // (or a generic) leaves the question to the other rules.
        let src = r#"
pub fn out(rows: &[u32], write: &mut (dyn FnMut(String) + Send), show: &dyn Fn(&str), log: Box<dyn FnMut(Vec<u8>, usize)>) {
    let mut log = log;
    for r in rows {
        write(format!("row {r}"));
        show(&format!("shown {r}"));
        log(format!("log {r}").into_bytes(), 1);
    }
    let each = |w: &mut dyn FnMut(String)| {
        for r in rows {
            w(format!("each {r}"));
        }
    };
    each(write);
}
"#;
        for needle in ["write(format!", "w(format!"] {
            check(
                &Given::new(src, Category::AllocationLoop, needle)
                    .proposal(REUSE)
                    .hot(),
                Verdict::Rejected,
                &[
                    "[rule: value-escapes]",
                    "FnMut(String)",
                    "takes its argument owned",
                ],
            );
        }
        check(
            &Given::new(src, Category::AllocationLoop, "show(&format!")
                .proposal(REUSE)
                .hot(),
            Verdict::Approved,
            &[],
        );
    }

    #[test]
    fn shadowed_bindings_are_two_variables() {
        // The `alts` of the branch is another variable than the outer one:
        // the outer one is only read, so a borrow can stand in for its clone.
        let src = r#"
pub fn f(rows: &[String]) -> usize {
    let mut n = 0;
    for r in rows {
        let alts = r.clone();
        if r.is_empty() { let mut alts = String::new(); alts.push('x'); n += alts.len(); }
        n += alts.len();
    }
    n
}
"#;
        check(
            &Given::new(src, Category::UnnecessaryClone, "let alts = r.clone()")
                .proposal("let alts = &r;")
                .hot(),
            Verdict::Approved,
            &[],
        );
        // `let data = data.to_vec()` reads the parameter, not itself.
        let src = r#"
pub struct T { rows: Vec<u32> }
impl T {
    pub fn set(&mut self, data: &[u32]) {
        let mut data = data.to_vec();
        data.sort();
        self.rows = data;
    }
}
"#;
        check(
            &Given::new(
                src,
                Category::UnnecessaryClone,
                "let mut data = data.to_vec()",
            )
            .proposal("// Move the value instead of copying it:\ndata")
            .hot(),
            Verdict::Rejected,
            &["[rule: move-of-borrow]", "&[u32]"],
        );
    }

    #[test]
    fn giving_back_slack_asks_how_long_the_list_is_kept() {
        let src = r#"
pub struct Parser { toks: Vec<u32> }
impl Parser {
    pub fn parse_list(&mut self) -> Vec<u32> {
        let mut items = Vec::new();
        while let Some(t) = self.toks.pop() {
            items.push(t);
        }
        items
    }
}
"#;
        check(
            &Given::new(src, Category::LifetimeExtension, "let mut items")
                .proposal("// Once `items` is complete, before line 9:\nitems.shrink_to_fit();")
                .issue("`items` is grown one element at a time and then returned on line 9.")
                .hot(),
            Verdict::NeedsWork,
            &["[rule: slack-lifetime]", "How long is it kept"],
        );
    }
}
