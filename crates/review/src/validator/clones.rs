//! Clone findings: `Copy` values, cheap handles (`Arc`, `Rc`, channel
//! senders of any crate, `Bytes`, structs of such), clones a task or a
//! `move` closure needs, clones whose source is mutated or moved while a
//! borrow would be alive (a `&mut self` method counts), and "move instead"
//! proposals for a source that is only borrowed.
//!
//! It must NOT judge allocations that are not copies of a value.

use super::*;

pub(super) fn rule_copy_clone(case: &Case, site: &Site) -> Option<Fired> {
    let (key, via) = case.clone_of(site)?;
    if via != ".clone()" {
        return None;
    }
    let pt = place_type(case, site, key, 0)?;
    let why = copy_evidence(&pt, case.facts)?;
    Some(Fired {
        description: format!("`{key}` is `Copy`: {why}."),
        risk: "None — but also no gain.".into(),
        suggestion:
            "Drop `.clone()` for style (`clippy::clone_on_copy`); it is not a memory finding."
                .into(),
        counterexample: Some(format!(
            "`{key}.clone()` at line {} copies a `Copy` value ({why}): a bitwise copy on the \
             stack with no heap allocation, exactly what `{key}` alone does. Removing it saves \
             zero allocations and zero bytes.",
            site.start.line
        )),
        estimate: Some(assess(
            Answer::No,
            "cloning a `Copy` value allocates nothing",
        )),
        ..Fired::default()
    })
}

/// std types that are not `Copy` but hold no heap data when their type
/// arguments are `Copy`: their clone copies a few words.
const HEAPLESS_STD: &[&str] = &["Range", "RangeInclusive", "RangeFrom", "RangeTo"];

/// Why cloning a value of type `ty` allocates nothing although the type is
/// not `Copy`: a std range of `Copy` bounds (`Range<usize>`), unless the
/// workspace declares a type of that name.
pub(super) fn heapless_reason(
    ty: &memaudit_facts::Ty,
    table: &memaudit_facts::TypeTable,
) -> Option<String> {
    let ty = ty.peel_refs();
    let memaudit_facts::View::Named(n, args) = ty.view() else {
        return None;
    };
    let std_range = HEAPLESS_STD.contains(&n) && table.get(n).is_none();
    (std_range && !args.is_empty() && args.iter().all(|a| a.is_copy(table))).then(|| {
        format!(
            "`{ty}` holds its `Copy` bounds inline: its clone copies them and allocates nothing"
        )
    })
}

pub(super) fn rule_heapless_clone(case: &Case, site: &Site) -> Option<Fired> {
    let (key, via) = case.clone_of(site)?;
    if via != ".clone()" {
        return None;
    }
    let (ty, from) = place_ty(case, site, key)?;
    let why = heapless_reason(&ty, &case.facts.raw.table)?;
    Some(Fired {
        description: format!("`{key}` has no heap data ({from}): {why}."),
        risk: "None — but also no gain.".into(),
        suggestion: "Leave it: it is not a memory finding.".into(),
        counterexample: Some(format!(
            "`{key}.clone()` at line {} copies a `{ty}` ({why}): a few words on the stack, no \
             heap allocation. Removing it saves zero allocations and zero bytes.",
            site.start.line
        )),
        estimate: Some(assess(
            Answer::No,
            "cloning a value without heap data allocates nothing",
        )),
        ..Fired::default()
    })
}

pub(super) fn refcounted_clone<'a>(case: &Case<'a>, site: &'a Site) -> Option<(&'a str, String)> {
    let (key, via) = case.clone_of(site)?;
    if via == "Arc::clone" || via == "Rc::clone" {
        return Some((key, format!("it is cloned with `{via}`")));
    }
    if via != ".clone()" {
        return None;
    }
    if let Some((ty, from)) = place_ty(case, site, key) {
        if let Some(why) = cheap_clone_reason(&ty, &case.facts.raw.table, 0) {
            return Some((key, format!("{why} ({from})")));
        }
    }
    let pt = place_type(case, site, key, 0)?;
    is_refcounted(&pt).then(|| {
        let what = pt
            .ty
            .as_deref()
            .map(|t| format!("`{t}`"))
            .or_else(|| pt.init.as_deref().map(|i| format!("built by `{i}`")))
            .unwrap_or_default();
        (
            key,
            format!("it is reference counted ({what}, {})", pt.from),
        )
    })
}

pub(super) fn rule_refcount_into_task(case: &Case, site: &Site) -> Option<Fired> {
    let (key, why) = refcounted_clone(case, site)?;
    let (task, line) = task_capture(case, site)?;
    Some(Fired {
        description: format!(
            "`{key}` is a cheap handle ({why}) and its clone moves into {task} at line {line}."
        ),
        risk: "Borrowing instead does not compile; removing the clone breaks the task.".into(),
        suggestion: "Keep the clone: cloning an Arc is a refcount bump; the clone is needed to move ownership into the task.".into(),
        counterexample: Some(format!(
            "Replace the clone at line {} with a borrow of `{key}`: {task} at line {line} needs \
             to own what it captures (a spawned task may outlive the spawning function), so \
             rustc rejects the borrow (E0373/E0597). Cloning a handle is a refcount bump, not a \
             heap allocation; the clone is needed to move ownership into the task.",
            site.start.line
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("a borrow of `{key}` cannot be moved into {task} at line {line}"),
        )),
        thread_safety: Some(check(
            CheckStatus::Pass,
            format!("the clone gives {task} its own counted reference; sharing is already safe"),
        )),
        estimate: Some(assess(
            Answer::No,
            "a handle's clone increments a counter and allocates nothing",
        )),
        ..Fired::default()
    })
}

pub(super) fn rule_refcount_clone(case: &Case, site: &Site) -> Option<Fired> {
    let (key, why) = refcounted_clone(case, site)?;
    Some(Fired {
        description: format!("`{key}` is a cheap handle: {why}."),
        risk: "The finding claims savings that do not exist.".into(),
        suggestion: "Drop the finding; if the atomic increment matters, measure it first.".into(),
        counterexample: Some(format!(
            "`{key}` at line {} is a cheap handle ({why}): `.clone()` increments a reference \
             count and copies a pointer. No bytes are allocated, so the claimed allocations \
             avoided do not exist.",
            site.start.line
        )),
        estimate: Some(assess(
            Answer::No,
            "a handle's clone increments a counter and allocates nothing",
        )),
        ..Fired::default()
    })
}

pub(super) fn rule_clone_needed_by_task(case: &Case, site: &Site) -> Option<Fired> {
    let (key, _) = case.clone_of(site)?;
    let (task, line, end) = static_task_capture(case, site)?;
    let func = case.func(site)?;
    let root = key.split('.').next().unwrap_or(key);
    // `let data = data.clone();` shadows the source: later uses of `data`
    // are uses of the clone.
    let shadowed = case.binding_of(site).is_some_and(|b| b.name == root);
    let used_after = func
        .uses
        .iter()
        .filter(|_| !shadowed)
        .find(|u| overlaps(&u.key, key) && u.pos > end)
        .map(|u| format!("`{key}` is used again at line {}", u.pos.line));
    let looped = site.ctx.loops.last().map(|l| {
        format!(
            "the clone is inside the {} (one task per iteration)",
            l.describe()
        )
    });
    let why = used_after.or(looped)?;
    Some(Fired {
        description: format!("The clone of `{key}` moves into {task} at line {line} and {why}."),
        risk: "Borrowing does not compile; moving the original breaks its later uses.".into(),
        suggestion: format!(
            "Keep the clone; if `{key}` is large, share it as `Arc<_>` instead of copying it."
        ),
        counterexample: Some(format!(
            "{task} at line {line} requires `'static` data, so it cannot borrow `{key}`; and \
             {why}, so `{key}` itself cannot be moved in either. The clone is the only way to \
             give the task its own copy."
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("a borrow of `{key}` cannot cross {task}"),
        )),
        ..Fired::default()
    })
}

pub(super) fn rule_source_mutated(case: &Case, site: &Site) -> Option<Fired> {
    let (key, _) = case.clone_of(site)?;
    let (line, how) = later_use(case, site, key, false)?;
    Some(Fired {
        description: format!(
            "`{key}` is mutated by `{how}` at line {line}, after the clone at line {}.",
            site.start.line
        ),
        risk: "Borrowing instead does not compile, or observes the mutated value.".into(),
        suggestion: "Keep the clone: it is a snapshot of a value that changes afterwards.".into(),
        counterexample: Some(format!(
            "With a borrow `&{key}` in place of the clone at line {}, the mutation `{how}` at \
             line {line} needs `&mut {key}` while that borrow is still alive — the borrow would \
             conflict with the later mutation (E0502). The clone is a snapshot taken before \
             `{key}` changes.",
            site.start.line
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("`{key}` is mutated at line {line} while a borrow would still be alive"),
        )),
        ..Fired::default()
    })
}

pub(super) fn rule_owner_borrowed(case: &Case, site: &Site) -> Option<Fired> {
    if !matches!(case.shape, proposal::Shape::Borrow | proposal::Shape::Other) {
        return None;
    }
    let (key, _) = case.clone_of(site)?;
    let (place, line, how) = owner_needed(case, site, key)?;
    Some(Fired {
        description: format!(
            "`{key}` borrows `{place}`, and `{how}` at line {line} needs `{place}`'s owner \
             mutably while a borrow in place of the clone at line {} would still be alive.",
            site.start.line
        ),
        risk: "Borrowing instead does not compile (E0502).".into(),
        suggestion: format!(
            "Keep the clone: it ends the borrow of `{place}` before `{how}`."
        ),
        counterexample: Some(format!(
            "`{key}` is a reference into `{place}` (bound by a pattern matched against a \
             borrow of it). A borrow `&{key}` in place of the clone keeps `{place}` borrowed \
             until its last use, past `{how}` at line {line}, which borrows the owner mutably \
             (E0502). The clone is what releases `{place}` first."
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("`{place}`'s owner is borrowed mutably at line {line} while a borrow would still be alive"),
        )),
        ..Fired::default()
    })
}

pub(super) fn rule_source_moved(case: &Case, site: &Site) -> Option<Fired> {
    let (key, _) = case.clone_of(site)?;
    let (line, how) = later_use(case, site, key, true)?;
    Some(Fired {
        description: format!(
            "`{key}` is moved into `{how}` at line {line}, after the clone at line {}.",
            site.start.line
        ),
        risk: "Borrowing instead does not compile.".into(),
        suggestion: "Keep the clone, or restructure so the move happens last.".into(),
        counterexample: Some(format!(
            "`{how}` at line {line} takes `{key}` by value; a borrow taken at line {} in place of \
             the clone cannot outlive that move (E0505). Both the copy and the original are \
             needed.",
            site.start.line
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("`{key}` is moved at line {line}; a borrow cannot outlive it"),
        )),
        ..Fired::default()
    })
}

/// The clone's value is bound by a `let` and that binding is captured by a
/// `move` closure — spawned or not, inside a macro memaudit knows or not.
fn closure_capture(case: &Case, site: &Site) -> Option<(String, u32)> {
    let (item, s) = case.raw(site)?;
    let b = s.let_binding?;
    item.facts.uses_of(b).find_map(|u| match &u.kind {
        memaudit_facts::body::UseKind::Move(memaudit_facts::body::Sink::Capture { line, task }) => {
            Some((
                task.as_ref().map_or_else(
                    || "a `move` closure".to_owned(),
                    |t| format!("the `{t}` task"),
                ),
                *line,
            ))
        }
        _ => None,
    })
}

pub(super) fn rule_clone_into_closure(case: &Case, site: &Site) -> Option<Fired> {
    if case.shape == proposal::Shape::Move {
        return None;
    }
    let key = case.clone_of(site).map_or("the source", |(k, _)| k);
    let (what, line) = closure_capture(case, site)?;
    let name = case
        .binding_of(site)
        .map_or("the clone", |b| b.name.as_str());
    Some(Fired {
        description: format!(
            "`{name}`, the clone of `{key}`, is captured by {what} at line {line}, which owns \
             what it captures."
        ),
        risk: "A borrow in its place makes the closure borrow the source: a closure that must \
               be `'static` (a task, a callback kept for later, a macro's) does not compile."
            .into(),
        suggestion: format!(
            "Keep the clone (it is what the closure owns); if `{key}` is large, share it as \
             `Arc<_>`."
        ),
        counterexample: Some(format!(
            "{what} at line {line} takes `{name}` by value. With `&{key}` in place of the clone \
             the closure captures a reference to `{key}`, so it cannot outlive the current \
             function — which a spawned task or a stored callback must (E0373/E0521)."
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("{what} at line {line} needs to own `{name}`"),
        )),
        ..Fired::default()
    })
}

pub(super) fn rule_move_of_borrow(case: &Case, site: &Site) -> Option<Fired> {
    if case.shape != proposal::Shape::Move {
        return None;
    }
    let (key, via) = case.clone_of(site)?;
    let (ty, from) = place_ty(case, site, key)?;
    let root = key.split('.').next().unwrap_or(key);
    let through_ref = ty.is_ref() || (key.contains('.') && root == "self");
    if !through_ref {
        return other_owned_type(&ty, key, via, &from, site);
    }
    let what = if ty.is_ref() {
        format!("`{key}` is a `{ty}` ({from}): moving it moves the reference, not an owned value")
    } else {
        format!("`{key}` is a field of `self`, which is borrowed: it cannot be moved out (E0507)")
    };
    Some(Fired {
        description: format!("{what}; `{via}` is what makes the owned value."),
        risk: "The proposal does not compile, or hands over a reference where an owned value is needed.".into(),
        suggestion: "Keep the copy, or change the caller to pass an owned value.".into(),
        counterexample: Some(format!(
            "{what}. Replacing `{key}{via}` at line {} with `{key}` gives the code a borrowed \
             value where it needs an owned one (E0308/E0507).",
            site.start.line
        )),
        lifetime: Some(check(CheckStatus::Fail, what)),
        ..Fired::default()
    })
}

/// Text conversions that make a `String` from a value of another type
/// (`.to_owned()` keeps the type: a `Cow`'s is a `Cow`).
const TO_STRING: &[&str] = &[".to_string()"];

/// Owned text types that are not a `String`: moving one where
/// `.to_string()` made a `String` hands over another type.
const OTHER_TEXT: &[&str] = &["Cow", "Box", "Rc", "Arc", "SmolStr"];

/// `let s = cow.to_string();` with a move of `cow` proposed: the original
/// owns its text, but as a `Cow<str>` (or a `Box<str>`, …), not the
/// `String` the conversion made, so the code that takes the `String` gets
/// another type (E0308). `Cow::into_owned()` is the change that saves the
/// copy when the text is already owned.
fn other_owned_type(
    ty: &memaudit_facts::Ty,
    key: &str,
    via: &str,
    from: &str,
    site: &Site,
) -> Option<Fired> {
    if !TO_STRING.contains(&via) {
        return None;
    }
    let name = ty.name()?;
    if !OTHER_TEXT.contains(&name) {
        return None;
    }
    let hint = if name == "Cow" {
        " `.into_owned()` takes the text without a copy when it is owned."
    } else {
        ""
    };
    let what = format!(
        "`{key}` is a `{ty}` ({from}), and `{via}` makes a `String` of it: moving `{key}` hands \
         over a `{name}`, not a `String`"
    );
    Some(Fired {
        description: format!("{what}.{hint}"),
        risk: "The proposal does not compile where the `String` is needed (E0308).".into(),
        suggestion: if name == "Cow" {
            format!("Replace `{key}{via}` with `{key}.into_owned()`.")
        } else {
            "Keep the conversion.".into()
        },
        counterexample: Some(format!(
            "{what}. Replacing `{key}{via}` at line {} with `{key}` changes the value's type, \
             which the code that takes the `String` rejects (E0308).{hint}",
            site.start.line
        )),
        lifetime: Some(check(CheckStatus::Fail, what)),
        ..Fired::default()
    })
}

pub(super) fn rule_used_after_move(case: &Case, site: &Site) -> Option<Fired> {
    if case.shape != proposal::Shape::Move {
        return None;
    }
    let (key, _) = case.clone_of(site)?;
    let (item, raw) = case.raw(site)?;
    let src = source_binding(case, site, key)?;
    let b = item.facts.bindings.get(src as usize)?;
    // A use in another arm of the same `match` or `if`/`else if` chain
    // never runs after the move.
    let later = item
        .facts
        .uses_of(src)
        .find(|u| {
            u.pos > site.end
                && overlaps(&u.place, key)
                && !item.facts.exclusive(raw.branch, u.branch)
        })
        .map(|u| format!("`{key}` is used again at line {}", u.pos.line));
    let site_loop = case.raw(site).map_or(0, |(_, s)| s.loop_id);
    let looped = (site_loop != 0 && !item.facts.loop_within(b.loop_id, site_loop)).then(|| {
        format!(
            "`{key}` is declared outside the loop at line {} and would be moved in its first \
             iteration",
            site.ctx.loops.last().map_or(site.start.line, |l| l.line)
        )
    });
    let why = later.or(looped)?;
    Some(Fired {
        description: format!("The original cannot be moved: {why}."),
        risk: "The proposal does not compile (E0382: use of a moved value).".into(),
        suggestion: "Keep the copy, or make this the last use of the original.".into(),
        counterexample: Some(format!(
            "Moving `{key}` at line {} instead of copying it leaves it moved-from; {why}, which \
             rustc rejects (E0382).",
            site.start.line
        )),
        lifetime: Some(check(CheckStatus::Fail, why)),
        ..Fired::default()
    })
}

/// For a clone that is what a `match` matches (`match self.kind.clone()`):
/// the first arm whose guard reads a binding of its pattern as a whole
/// boolean, with the binding's name.
fn guarded_scrutinee<'a>(
    case: &Case<'a>,
    site: &'a Site,
) -> Option<&'a memaudit_facts::body::MatchArm> {
    let (item, s) = case.raw(site)?;
    let arms = &item.facts.arms;
    let group = arms.iter().find(|a| {
        a.scrutinee
            .is_some_and(|r| r.start <= s.range.start && s.range.end == r.end)
    })?;
    arms.iter()
        .filter(|a| a.group == group.group)
        .find(|a| !a.guard_bools.is_empty())
}

pub(super) fn rule_scrutinee_guard(case: &Case, site: &Site) -> Option<Fired> {
    if case.shape != proposal::Shape::Borrow {
        return None;
    }
    let arm = guarded_scrutinee(case, site)?;
    let name = arm.guard_bools.first()?;
    Some(Fired {
        description: format!(
            "{} at line {} is the value a `match` matches, and the guard of its arm `{}` reads \
             `{name}` as a `bool`.",
            site.label(),
            site.start.line,
            arm.pat_text
        ),
        risk: "Matching a borrow binds every name of the patterns by reference: the guard gets a \
               `&bool` and does not compile."
            .into(),
        suggestion: "Keep the clone, or match on the borrow and write `if *{name}` in every guard \
                     and `*` at every use of a bound `Copy` value."
            .replace("{name}", name),
        counterexample: Some(format!(
            "With a borrow in place of {} at line {}, `{}` binds `{name}` as `&bool` (default \
             binding modes), so its guard `if {name}` is a mismatched type (E0308).",
            site.label(),
            site.start.line,
            arm.pat_text
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("a borrowed scrutinee makes `{name}` a `&bool` in a guard"),
        )),
        ..Fired::default()
    })
}

/// The name of the type a clone copies when it is declared outside the
/// workspace (a dependency's struct): neither std's (those have views of
/// their own), nor the workspace's, nor a generic parameter.
fn foreign_clone<'a>(case: &Case<'a>, site: &'a Site) -> Option<(&'a str, String, String)> {
    let (key, via) = case.clone_of(site)?;
    if via != ".clone()" {
        return None;
    }
    let (ty, from) = place_ty(case, site, key)?;
    let memaudit_facts::View::Named(name, _) = ty.peel_refs().view() else {
        return None;
    };
    let (item, _) = case.raw(site)?;
    let generic = item.generics.iter().any(|(g, _)| g == name) || name.len() <= 1;
    if generic || name == "Self" || case.facts.raw.table.get(name).is_some() {
        return None;
    }
    Some((key, name.to_owned(), from))
}

pub(super) fn rule_foreign_clone(case: &Case, _: &Review) -> Option<Fired> {
    if case.finding.category != Category::UnnecessaryClone {
        return None;
    }
    let site = case.main?;
    let (key, name, from) = foreign_clone(case, site)?;
    Some(Fired {
        description: format!(
            "Does `{name}` own heap data (a `String`, a `Vec`, a `Box`, a map)? `{key}` is a \
             `{name}` ({from}), a type declared outside this workspace, so its fields are not \
             shown."
        ),
        risk: "A clone of a type with no heap data copies its bytes and allocates nothing: there \
               is nothing to save."
            .into(),
        suggestion: format!(
            "Say whether `{name}` holds heap data (its definition in the dependency), or attach a \
             heap profile that shows this clone allocating."
        ),
        ..Fired::default()
    })
}

/// `let keys = k.clone();` where `k` is a closure's parameter
/// (`all.retain(|(k, _)| ..)`) and nothing tells its type: whether
/// the clone allocates is the type's business (a struct of `Arc`s only
/// bumps counts). Answers the binding's name when the rule applies.
fn untyped_pattern_clone<'c>(case: &'c Case, site: &'c Site) -> Option<&'c str> {
    use memaudit_facts::body::BindKind;
    let (key, via) = case.clone_of(site)?;
    if via != ".clone()" || key.contains('.') {
        return None;
    }
    if place_ty(case, site, key).is_some_and(|(t, _)| !t.is_unknown()) {
        return None;
    }
    let (item, _) = case.raw(site)?;
    let b = item
        .facts
        .bindings
        .get(source_binding(case, site, key)? as usize)?;
    // A closure's own parameter: bound where the closure starts. (A
    // `let`/`match` pattern's value comes from code the facts may type.)
    let closure = item
        .facts
        .closures
        .get(b.closure_id as usize)
        .filter(|_| b.closure_id != 0)?;
    let param = b.pos >= closure.range.start && b.pos.line == closure.range.start.line;
    (b.kind == BindKind::Pattern && param && b.ty.as_ref().is_none_or(|t| t.is_unknown()))
        .then_some(key)
}

pub(super) fn rule_untyped_clone(case: &Case, _: &Review) -> Option<Fired> {
    if case.finding.category != Category::UnnecessaryClone || case.measured.is_some() {
        return None;
    }
    let site = case.main?;
    let key = untyped_pattern_clone(case, site)?;
    Some(Fired {
        description: format!(
            "Does the type of `{key}` own heap data (a `String`, a `Vec`, a `Box`, a map), or \
             only `Copy` fields and `Arc`/`Rc` handles? `{key}` is bound by a pattern whose \
             type the code does not write."
        ),
        risk: "A clone of a type without heap data, or of reference-counted handles, allocates \
               nothing: there is nothing to save."
            .into(),
        suggestion: format!(
            "Say what `{key}` is (a type annotation on the pattern answers it), or attach a heap \
             profile that shows this clone allocating."
        ),
        ..Fired::default()
    })
}

pub(super) fn rule_self_call_unknown(case: &Case, _: &Review) -> Option<Fired> {
    if !matches!(case.shape, proposal::Shape::Borrow | proposal::Shape::Other) {
        return None;
    }
    let site = case.main?;
    let (key, _) = case.clone_of(site)?;
    if !key.starts_with("self.") || case.func(site)?.self_mut != Some(true) {
        return None;
    }
    let own = case.func(site)?.self_ty.clone()?;
    let (item, _) = case.raw(site)?;
    let until = alive_until(case, site);
    let known = |m: &str| {
        case.facts
            .fns
            .iter()
            .any(|f| f.name == m && f.self_ty.as_deref() == Some(own.as_str()))
            || case
                .facts
                .raw
                .table
                .method_sig(m)
                .is_some_and(|s| s.self_mut.is_some())
    };
    let (m, line) = item.facts.uses.iter().find_map(|u| match &u.kind {
        memaudit_facts::body::UseKind::Recv(m)
            if u.place == "self" && u.pos > site.end && u.pos <= until && !known(m) =>
        {
            Some((m.to_string(), u.pos.line))
        }
        _ => None,
    })?;
    Some(Fired {
        description: format!(
            "Does `self.{m}(..)` (line {line}) take `&mut self`? A borrow of `{key}` in place of \
             the clone would still be alive there, and `{m}` is defined outside this file."
        ),
        risk: format!(
            "If it takes `&mut self`, the borrow does not compile (E0502): the clone is what \
             lets `{m}` borrow `self` mutably."
        ),
        suggestion: format!(
            "Answer from `{m}`'s signature: `&self` → apply the borrow; `&mut self` → keep the clone."
        ),
        ..Fired::default()
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use memaudit_model::{Category, Verdict};

    const BORROW: &str = "// Lend the original instead of a fresh copy:\n&x";

    #[test]
    fn a_std_range_of_copy_bounds_is_no_heap_copy() {
        // `row.range` is a field of a workspace struct: its type comes from
        // the table. A range of `String`s, or a workspace type named
        // `Range`, is not judged by the rule.
        let src = r#"
use std::ops::Range;
pub struct Row { pub range: Range<usize>, pub names: Range<String> }
pub fn view(rows: &[Row], text: &str) -> usize {
    let mut n = 0;
    for row in rows {
        let range = row.range.clone();
        n += text[range].len();
        let names = row.names.clone();
        n += names.start.len();
    }
    n
}
"#;
        check(
            &Given::new(
                src,
                Category::UnnecessaryClone,
                "let range = row.range.clone()",
            )
            .proposal(BORROW)
            .hot(),
            Verdict::Rejected,
            &[
                "[rule: heapless-clone]",
                "`Range<usize>` holds its `Copy` bounds inline",
            ],
        );
        let v = validate(
            &Given::new(
                src,
                Category::UnnecessaryClone,
                "let names = row.names.clone()",
            )
            .proposal(BORROW)
            .hot(),
        );
        assert!(!said(&v).contains("heapless-clone"), "{}", said(&v));
        let own = "pub struct Range<T> { pub start: T, pub end: T, pub log: Vec<T> }\n";
        let src2 = format!("{own}{}", src.replace("use std::ops::Range;\n", ""));
        let v = validate(
            &Given::new(
                &src2,
                Category::UnnecessaryClone,
                "let range = row.range.clone()",
            )
            .proposal(BORROW)
            .hot(),
        );
        assert!(!said(&v).contains("heapless-clone"), "{}", said(&v));
    }

    #[test]
    fn cheap_handles_of_any_crate_are_not_copies() {
        let src = r#"
use std::sync::Arc;
pub struct Handlers { pub sender: crossbeam_channel::Sender<u32>, pub shared: Arc<Vec<u8>> }
pub fn run(h: &Handlers, items: &[u32], tx: tokio::sync::mpsc::UnboundedSender<u32>, b: bytes::Bytes) {
    for i in items {
        let s = h.sender.clone();
        let t = tx.clone();
        let c = b.clone();
        let all = h.clone();
        s.send(*i).ok();
        t.send(*i).ok();
        drop((c, all));
    }
}
"#;
        for (needle, says) in [
            ("let s = h.sender.clone()", "Sender<u32>` is a handle"),
            ("let t = tx.clone()", "UnboundedSender<u32>` is a handle"),
            ("let c = b.clone()", "Bytes` is a handle"),
            ("let all = h.clone()", "`Handlers` holds only cheap handles"),
        ] {
            check(
                &Given::new(src, Category::UnnecessaryClone, needle)
                    .proposal(BORROW)
                    .hot(),
                Verdict::Rejected,
                &["[rule: refcount-clone]", says],
            );
        }
    }

    #[test]
    fn a_borrowed_scrutinee_turns_a_guard_s_bool_into_a_reference() {
        let src = r#"
pub enum Kind { Dir { collapsed: bool, name: String }, File(String) }
pub struct Node { kind: Kind }
pub fn step(nodes: &mut [Node]) -> usize {
    let mut n = 0;
    for node in nodes.iter_mut() {
        match node.kind.clone() {
            Kind::Dir { collapsed, .. } if collapsed => n += 1,
            Kind::Dir { name, .. } => n += name.len(),
            Kind::File(f) => n += f.len(),
        }
    }
    n
}
"#;
        check(
            &Given::new(src, Category::UnnecessaryClone, "match node.kind.clone()")
                .proposal(BORROW)
                .hot(),
            Verdict::Rejected,
            &["[rule: scrutinee-guard]", "`&bool`"],
        );
    }

    #[test]
    fn a_clone_of_a_dependency_type_asks_whether_it_owns_heap_data() {
        let src = r#"
use csv::Position;
pub struct Rec { pos: Option<Position>, name: String }
pub fn build(rows: &[u8], pos: Position) -> Vec<Rec> {
    let mut out = Vec::new();
    for _ in rows {
        out.push(Rec { pos: None, name: String::new() });
    }
    out[0].pos = Some(pos.clone());
    out
}
"#;
        check(
            &Given::new(src, Category::UnnecessaryClone, "pos.clone()")
                .proposal("// Move the value instead of copying it:\npos")
                .hot(),
            Verdict::NeedsWork,
            &["[rule: foreign-clone]", "Does `Position` own heap data"],
        );
    }

    #[test]
    fn a_handle_reached_through_an_unwrapped_field_is_cheap() {
        // `d` is bound by `if let Some(d) = &self.deletion`: its type comes
        // from the field's `Option<Deletion>`, then `Deletion::events`.
        let src = r#"
pub struct Deletion { pub events: crossbeam_channel::Receiver<u32>, pub tick: Receiver<u64> }
pub struct App { deletion: Option<Deletion>, items: Vec<u32> }
impl App {
    pub fn step(&mut self) {
        for i in 0..self.items.len() {
            if let Some(d) = &self.deletion {
                let removals = d.events.clone();
                let _ = (removals, i);
            }
        }
    }
}
"#;
        check(
            &Given::new(src, Category::UnnecessaryClone, "let removals")
                .proposal(BORROW)
                .hot(),
            Verdict::Rejected,
            &["[rule: refcount-clone]", "Receiver<u32>` is a handle"],
        );
    }

    #[test]
    fn a_clone_captured_by_a_move_closure_in_any_macro_is_needed() {
        let src = r#"
pub fn serve(handlers: &Handlers, items: &[u32]) {
    for i in items {
        let tx = handlers.sender_of(*i).clone();
        my_runtime::spawn_local!(move || { tx.send(1).unwrap(); });
    }
}
"#;
        check(
            &Given::new(src, Category::UnnecessaryClone, "let tx =")
                .proposal("let tx = &handlers.sender_of(*i);")
                .hot(),
            Verdict::Rejected,
            &["[rule: clone-into-closure]", "`move` closure at line 5"],
        );
    }

    #[test]
    fn a_lent_copy_ends_with_its_statement_and_a_kept_borrow_meets_mut_self() {
        let src = r#"
pub struct Machine { line: String, state: u8, out: Vec<u8> }
impl Machine {
    pub fn open(&mut self, input: Vec<u8>) {
        self.out.extend_from_slice(&input.clone());
        consume(input);
    }
    pub fn blame(&mut self) -> usize {
        let line = self.line.to_owned(); // blame
        let n = line.len();
        self.paint(n);
        n + line.len()
    }
    pub fn grep(&mut self) -> usize {
        let line = self.line.to_owned();
        self.emit_elsewhere(&line);
        line.len()
    }
    fn paint(&mut self, n: usize) { self.state = n as u8; }
}
fn consume(_: Vec<u8>) {}
"#;
        // `&input.clone()` dies with its statement: the later move is fine.
        check(
            &Given::new(src, Category::UnnecessaryClone, "&input.clone()")
                .proposal(BORROW)
                .hot(),
            Verdict::Approved,
            &["Gain: one copy of `input`"],
        );
        // `&self.line` would be alive across `self.paint(..)` (`&mut self`).
        check(
            &Given::new(src, Category::UnnecessaryClone, "// blame")
                .proposal("let line = &self.line;")
                .hot(),
            Verdict::Rejected,
            &["[rule: source-mutated-after-clone]", "self.paint(..)"],
        );
        // A method defined elsewhere: one question.
        let src2 = src.replace(
            "let line = self.line.to_owned();\n        self.emit",
            "let line = self.line.to_owned(); // grep\n        self.emit",
        );
        check(
            &Given::new(&src2, Category::UnnecessaryClone, "// grep")
                .proposal("let line = &self.line;")
                .hot(),
            Verdict::NeedsWork,
            &[
                "[rule: self-call-unknown]",
                "Does `self.emit_elsewhere(..)`",
            ],
        );
    }

    #[test]
    fn a_binding_into_a_field_cannot_be_lent_across_a_mut_self_call() {
        let src = r#"
pub struct Scan { pub selection: Option<String>, pub view: Vec<u8> }
pub struct App { scan: Option<Scan>, stats: u32 }
impl App {
    pub fn on_event(&mut self, events: &[u32]) {
        for e in events {
            if let Some(Scan { selection, .. }) = self.scan.as_mut() {
                let selection = selection.clone(); // update
                self.update(selection.as_deref(), *e);
            }
            if let Some(Scan { view, .. }) = self.scan.as_ref() {
                let view = view.clone(); // count
                self.count(&view);
            }
        }
    }
    fn update(&mut self, _: Option<&str>, e: u32) { self.stats += e; }
    fn count(&self, v: &[u8]) -> usize { v.len() }
}
"#;
        check(
            &Given::new(src, Category::UnnecessaryClone, "// update")
                .proposal("let selection = &selection;")
                .hot(),
            Verdict::Rejected,
            &[
                "[rule: owner-borrowed-after-clone]",
                "`selection` borrows `self.scan`",
                "self.update(..)",
            ],
        );
        // `count` takes `&self`: the borrow is fine.
        check(
            &Given::new(src, Category::UnnecessaryClone, "// count")
                .proposal("let view = &view;")
                .hot(),
            Verdict::Approved,
            &[],
        );
    }

    #[test]
    fn a_binding_from_a_method_returning_references_borrows_its_receiver() {
        let src = r#"
pub struct Sig { pub name: String }
pub struct Env { sigs: Vec<Sig>, saved: usize }
impl Env {
    pub fn lookup(&self, i: usize) -> Option<(&Sig, &str)> { self.sigs.get(i).map(|s| (s, "")) }
    pub fn owned(&self, i: usize) -> Option<(Sig, usize)> { self.sigs.get(i).map(|s| (Sig { name: s.name.clone() }, i)) }
    pub fn restore(&mut self) { self.saved = 0; }
    pub fn peek(&self) -> usize { self.saved }
}
pub struct Checker { env: Env }
impl Checker {
    pub fn check(&mut self, items: &[usize]) -> usize {
        let mut n = 0;
        for i in items {
            let (sig, _) = self.env.lookup(*i).unwrap();
            let sig = sig.clone(); // restored
            self.env.restore();
            n += sig.name.len();
        }
        n
    }
    pub fn peek_all(&mut self, items: &[usize]) -> usize {
        let mut n = 0;
        for i in items {
            let (sig2, _) = self.env.lookup(*i).unwrap();
            let sig2 = sig2.clone(); // peeked
            n += self.env.peek() + sig2.name.len();
        }
        n
    }
    pub fn own_all(&mut self, items: &[usize]) -> usize {
        let mut n = 0;
        for i in items {
            let (own, _) = self.env.owned(*i).unwrap();
            let own = own.clone(); // owned
            self.env.restore();
            n += own.name.len();
        }
        n
    }
}
impl Clone for Sig { fn clone(&self) -> Sig { Sig { name: self.name.clone() } } }
"#;
        check(
            &Given::new(src, Category::UnnecessaryClone, "// restored")
                .proposal("let sig = &sig;")
                .hot(),
            Verdict::Rejected,
            &[
                "[rule: owner-borrowed-after-clone]",
                "`sig` borrows `self.env`",
                "self.env.restore(..)",
            ],
        );
        // Only `&self` methods after it: the borrow is fine.
        check(
            &Given::new(src, Category::UnnecessaryClone, "// peeked")
                .proposal("let sig2 = &sig2;")
                .hot(),
            Verdict::Approved,
            &[],
        );
        // `owned` returns owned values: its result borrows nothing.
        check(
            &Given::new(src, Category::UnnecessaryClone, "// owned")
                .proposal("let own = &own;")
                .hot(),
            Verdict::Approved,
            &[],
        );
    }

    #[test]
    fn self_in_an_impl_for_a_reference_is_a_reference() {
        let src = r#"
#[derive(Clone)]
pub struct Quantity { value: f64, unit: Vec<String> }
impl Quantity { fn is_zero(&self) -> bool { self.value == 0.0 } }
impl std::ops::Add for &Quantity {
    type Output = Quantity;
    fn add(self, rhs: Self) -> Quantity {
        if self.is_zero() {
            rhs.clone() // rhs
        } else {
            self.clone()
        }
    }
}
impl std::ops::Add for Quantity {
    type Output = Quantity;
    fn add(self, rhs: Self) -> Quantity {
        if self.is_zero() { rhs.clone() } else { self }
    }
}
"#;
        check(
            &Given::new(src, Category::UnnecessaryClone, "// rhs")
                .proposal("// Move the value instead of copying it:\nrhs")
                .hot(),
            Verdict::Rejected,
            &["[rule: move-of-borrow]", "`rhs` is a `&Quantity`"],
        );
        // In `impl Add for Quantity`, `rhs: Self` is owned: the move is fine.
        check(
            &Given::new(src, Category::UnnecessaryClone, "{ rhs.clone() }")
                .proposal("// Move the value instead of copying it:\nrhs")
                .hot(),
            Verdict::Approved,
            &[],
        );
    }

    #[test]
    fn a_clone_of_an_untyped_closure_parameter_asks_what_it_owns() {
        let src = r#"
pub fn matching(all: &mut Vec<(Keys, u32)>, wanted: &Keys) {
    all.retain(|(k, _)| {
        let keys = k.clone(); // untyped
        keys.len() >= wanted.len()
    });
}
pub fn typed(all: &mut Vec<(String, u32)>) {
    all.retain(|(k, _): &(String, u32)| {
        let keys = k.clone(); // typed
        !keys.is_empty()
    });
}
"#;
        check(
            &Given::new(src, Category::UnnecessaryClone, "// untyped")
                .proposal("let keys = &k;")
                .issue("`keys` is a copy of `k` that is only read afterwards.")
                .hot(),
            Verdict::NeedsWork,
            &[
                "[rule: untyped-clone]",
                "Does the type of `k` own heap data",
            ],
        );
        let v = validate(
            &Given::new(src, Category::UnnecessaryClone, "// typed")
                .proposal("let keys = &k;")
                .issue("`keys` is a copy of `k` that is only read afterwards.")
                .hot(),
        );
        assert!(!said(&v).contains("untyped-clone"), "{}", said(&v));
    }

    #[test]
    fn moving_a_cow_where_to_string_made_a_string_changes_the_type() {
        let src = r#"
use std::borrow::Cow;
pub struct Block { content: String }
fn unescape(s: &str) -> Cow<'_, str> {
    if s.contains('\\') { Cow::Owned(s.replace('\\', "")) } else { Cow::Borrowed(s) }
}
pub fn block(s: &str) -> Block {
    let content = unescape(s);
    let content = content.to_string(); // cow
    Block { content }
}
pub fn owned(s: &str) -> Block {
    let content: String = s.replace('a', "b");
    let text = content.to_string(); // string
    Block { content: text }
}
"#;
        check(
            &Given::new(src, Category::UnnecessaryClone, "// cow")
                .proposal("// Move the value instead of copying it:\ncontent")
                .hot(),
            Verdict::Rejected,
            &["[rule: move-of-borrow]", "`Cow", "into_owned()"],
        );
        // A `String` moved where `.to_string()` copied it keeps its type.
        let v = validate(
            &Given::new(src, Category::UnnecessaryClone, "// string")
                .proposal("// Move the value instead of copying it:\ncontent")
                .hot(),
        );
        assert!(!said(&v).contains("[rule: move-of-borrow]"), "{}", said(&v));
    }

    #[test]
    fn moving_the_original_needs_its_last_use() {
        let src = r#"
pub fn f(rows: Vec<String>, names: Vec<String>) -> (Vec<String>, usize) {
    let kept = rows.clone();
    let n = rows.len();
    let last = names.clone();
    (kept, n + last.len())
}
"#;
        let mv = "// Move the value instead of copying it:\nrows";
        check(
            &Given::new(src, Category::UnnecessaryClone, "let kept")
                .proposal(mv)
                .hot(),
            Verdict::Rejected,
            &["[rule: used-after-move]", "used again at line 4"],
        );
        check(
            &Given::new(src, Category::UnnecessaryClone, "let last")
                .proposal("// Move the value instead of copying it:\nnames")
                .hot(),
            Verdict::Approved,
            &["Gain: one deep copy of `names`"],
        );
    }

    #[test]
    fn a_use_in_another_arm_does_not_follow_the_move() {
        let src = r#"
pub fn f(kind: u8, spec: Vec<String>, out: &mut Vec<Vec<String>>) {
    match kind {
        0 => out.push(spec.clone()),
        1 => out.push(spec.clone()),
        _ => {}
    }
}

pub fn g(flag: bool, spec: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    if flag {
        out.push(spec.clone());
    } else if spec.is_empty() {
        return 0;
    }
    spec.len()
}
"#;
        let mv = "// Move the value instead of copying it:\nspec";
        check(
            &Given::new(src, Category::UnnecessaryClone, "0 => out.push")
                .proposal(mv)
                .hot(),
            Verdict::Approved,
            &["Gain: one deep copy of `spec`"],
        );
        // After the chain, `spec` is read on the path from the move.
        check(
            &Given::new(src, Category::UnnecessaryClone, "out.push(spec.clone());")
                .proposal(mv)
                .hot(),
            Verdict::Rejected,
            &["[rule: used-after-move]", "used again at line 16"],
        );
    }

    #[test]
    fn a_borrow_last_used_in_the_value_assigned_to_its_source_ends_before_the_write() {
        const KEY: &str = r#"
pub fn rewrite(key: &str, subs: &[(String, String)]) -> String {
    let mut new_key = key.to_string();
    for (var, value) in subs {
        let nk = new_key.clone(); // assigned
        let divider = format!("[{var}]");
        let mut parts = nk.splitn(2, divider.as_str());
        new_key = parts.next().unwrap_or("").to_string() + value + parts.next().unwrap_or("");
    }
    new_key
}
pub fn pushed(key: &str, subs: &[String]) -> String {
    let mut new_key = key.to_string();
    for s in subs {
        let nk = new_key.clone(); // pushed
        let mut parts = nk.split('.');
        new_key.push_str(s);
        let _ = parts.next();
    }
    new_key
}
pub fn iterated(key: &str) -> String {
    let mut new_key = key.to_string();
    let nk = new_key.clone(); // iterated
    for p in nk.split('.') {
        new_key = p.to_string();
    }
    new_key
}
"#;
        // NLL: `parts` is last used inside the value that is then written to
        // `new_key`, so `let nk = &new_key;` compiles.
        let v = check(
            &Given::new(KEY, Category::UnnecessaryClone, "// assigned")
                .proposal("let nk = &new_key;")
                .hot(),
            Verdict::Approved,
            &[],
        );
        assert!(!format!("{v:?}").contains("source-mutated"), "{v:?}");
        // `parts` is still used after the mutation: the borrow is alive.
        check(
            &Given::new(KEY, Category::UnnecessaryClone, "// pushed")
                .proposal("let nk = &new_key;")
                .hot(),
            Verdict::Rejected,
            &["[rule: source-mutated-after-clone]", ".push_str(..)"],
        );
        // A loop iterates what borrows it: alive through the loop.
        check(
            &Given::new(KEY, Category::UnnecessaryClone, "// iterated")
                .proposal("let nk = &new_key;")
                .hot(),
            Verdict::Rejected,
            &["[rule: source-mutated-after-clone]"],
        );
    }
}
