//! `Box` findings: boxes that break a recursive type, trait objects, where a
//! `Box<T>` type is written and what one value of it costs.
//!
//! It must NOT judge boxes built in loops as allocations: that is the
//! allocation rules' business.

use super::*;

/// Whether `names` reach `target` through types held by value in this file.
pub(super) fn contains_by_value(
    facts: &FileFacts,
    names: &[String],
    target: &str,
) -> Option<Vec<String>> {
    let mut seen = BTreeSet::new();
    let mut queue: Vec<(String, Vec<String>)> =
        names.iter().map(|n| (n.clone(), vec![n.clone()])).collect();
    while let Some((name, path)) = queue.pop() {
        if name == target || name == "Self" {
            return Some(path);
        }
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(item) = facts.type_item(&name) {
            for next in &item.by_value {
                let mut p = path.clone();
                p.push(next.clone());
                queue.push((next.clone(), p));
            }
        }
    }
    None
}

pub(super) fn rule_recursive_box(case: &Case, site: &Site) -> Option<Fired> {
    let SiteKind::BoxType {
        inner,
        by_value,
        indirect,
        ..
    } = &site.kind
    else {
        return None;
    };
    // In `Vec<Box<T>>` the `Vec` already holds `T` behind a pointer: the box
    // is not what gives the type a size.
    if *indirect {
        return None;
    }
    let item = site.ctx.item.as_deref()?;
    let path = contains_by_value(case.facts, by_value, item)?;
    let chain = if path.len() > 1 {
        format!(" (through {})", path.join(" → "))
    } else {
        String::new()
    };
    Some(Fired {
        description: format!("`Box<{inner}>` at line {} is the indirection that makes `{item}` recursive{chain}.", site.start.line),
        risk: "Removing the box does not compile.".into(),
        suggestion: "Keep the box; to cut allocations, consider an arena of nodes with indices instead.".into(),
        counterexample: Some(format!(
            "Without the box, `{item}` contains `{inner}` by value, which contains `{item}` again{chain}: \
             `{item}` would have infinite size (E0072 \"recursive type has infinite size\"). \
             The box is what gives it a size."
        )),
        lifetime: Some(check(CheckStatus::Fail, format!("`{item}` cannot hold itself inline"))),
        ..Fired::default()
    })
}

/// The size from which a `Result`'s error is worth boxing: clippy's
/// `result_large_err` draws the line here, and below it a `Result` is
/// returned through memory at the cost of a few stores.
const LARGE_ERROR: u64 = 128;

/// An error enum whose fat variants the finding would box, when the whole
/// enum is under [`LARGE_ERROR`] bytes: every error built would allocate to
/// shrink `Result`s that are already cheap to return.
pub(super) fn rule_small_error(case: &Case, site: &Site) -> Option<Fired> {
    if case.finding.category != Category::CacheHostile || !case.finding.proposal.contains("Box<") {
        return None;
    }
    let SiteKind::Item { name } = &site.kind else {
        return None;
    };
    if !name.ends_with("Error") {
        return None;
    }
    let table = &case.facts.raw.table;
    if !matches!(
        table.get(name)?.kind,
        memaudit_facts::types::DefKind::Enum(_)
    ) {
        return None;
    }
    let (size, _) = table.size_of(name)?;
    if size >= LARGE_ERROR {
        return None;
    }
    Some(Fired {
        description: format!(
            "`{name}` takes {size} bytes, every field's size known: under the {LARGE_ERROR} bytes from which a `Result` carrying it is worth shrinking."
        ),
        risk: "Boxing the variants adds an allocation to every error built, and a pointer chase to every error read.".into(),
        suggestion: "Leave it; box the payloads if the enum grows past 128 bytes (clippy's `result_large_err`).".into(),
        counterexample: Some(format!(
            "A `Result<_, {name}>` is at most {size} bytes beside the success value: returned through memory, it costs a few stores per call. Clippy's `result_large_err` flags errors from {LARGE_ERROR} bytes; below that the allocation per error outweighs the bytes saved."
        )),
        ..Fired::default()
    })
}

pub(super) fn rule_box_dyn(case: &Case, site: &Site) -> Option<Fired> {
    let inner = match &site.kind {
        SiteKind::BoxType {
            inner, dyn_trait, ..
        } if *dyn_trait => inner.clone(),
        SiteKind::Alloc { what } if what.starts_with("Box::new") => {
            let binding_ty = case.binding_of(site).and_then(|b| b.ty.clone());
            let ret_ty = (site.sink.as_deref() == Some("return"))
                .then(|| case.func(site).and_then(|f| f.ret.clone()))
                .flatten();
            let ty = binding_ty.or(ret_ty)?;
            let start = ty.find("Box<dyn")?;
            ty[start + 4..].trim_end_matches('>').to_owned()
        }
        _ => return None,
    };
    Some(Fired {
        description: format!(
            "`Box<{inner}>` at line {} holds a trait object.",
            site.start.line
        ),
        risk: "Removing the box does not compile; replacing it is a redesign.".into(),
        suggestion: "Keep the box; if dispatch is hot, consider an enum of the concrete types."
            .into(),
        counterexample: Some(format!(
            "`{inner}` is unsized: its size is only known at run time, so it cannot be stored \
             inline in a field, a `Vec` slot or a local: trait objects need indirection. The \
             alternatives (an enum of the concrete types, a generic parameter) change the design, \
             not an allocation."
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("`{inner}` has no static size"),
        )),
        ..Fired::default()
    })
}

/// Containers whose `Box` elements are one allocation each.
pub(super) fn is_vec_like(container: &str) -> bool {
    matches!(container, "Vec" | "VecDeque")
}

/// Where a `Box<T>` type is written, for evidence: "the return type of
/// `fn f`", "a field of `Header`", or None for a `let` annotation.
pub(super) fn box_place(site: &Site) -> Option<String> {
    site.ctx
        .sig
        .clone()
        .or_else(|| site.ctx.item.as_ref().map(|i| format!("a field of `{i}`")))
}

/// A `Box<T>` type site: each value of it is one heap allocation, so a
/// claim of one allocation per value (or per element of `Vec<Box<T>>`) is
/// what the type says.
pub(super) fn box_type_estimate(case: &Case, site: &Site) -> Option<Assessment> {
    let SiteKind::BoxType {
        inner, container, ..
    } = &site.kind
    else {
        return None;
    };
    let f = case.finding;
    let in_vec = container.as_deref().is_some_and(is_vec_like);
    if f.category == Category::CacheHostile && in_vec {
        let name = type_name(inner);
        if case.facts.type_item(name).is_none() {
            return Some(assess(
                Answer::NeedsMeasurement,
                format!(
                    "`{inner}` is not defined in this workspace: it may be unsized (an alias of a \
                     trait object), and its size decides whether storing it inline pays"
                ),
            ));
        }
    }
    let what = if in_vec {
        format!(
            "every element of `{}<Box<{inner}>>` is its own heap allocation",
            container.as_deref().unwrap_or("Vec")
        )
    } else {
        format!("every `Box<{inner}>` value is one heap allocation")
    };
    Some(one_allocation_per_value(f, &what))
}

/// The estimate for a type whose every value is one heap allocation that
/// the proposal removes (`what` says why): a claim of more than one per
/// value is refused, a stated byte saving is taken as stated.
fn one_allocation_per_value(f: &memaudit_model::Finding, what: &str) -> Assessment {
    let unit = if f.impact.unit.is_empty() {
        "value"
    } else {
        f.impact.unit.as_str()
    };
    match f.impact.allocations_avoided {
        Some(n) if n > 1 => assess(
            Answer::No,
            format!("claims {n} allocation(s) per {unit}, but {what}: at most 1"),
        ),
        Some(n) => assess(Answer::Yes, format!("{n} allocation(s) per {unit}: {what}")),
        None => match f.impact.bytes_saved {
            Some(b) => assess(
                Answer::Yes,
                format!("{b} bytes per {unit} as stated; {what}"),
            ),
            None => assess(Answer::Yes, format!("{what}; the finding gives no count")),
        },
    }
}

/// The file's first call that changes or takes back what an `Arc`/`Rc`
/// shares (`Arc::make_mut`, `Rc::get_mut`, `Arc::try_unwrap`, …), as
/// (function, call, line).
fn takes_shared_apart(case: &Case) -> Option<(String, String, u32)> {
    use memaudit_facts::body::Callee;
    case.facts.raw.fns.iter().find_map(|item| {
        item.facts.calls.iter().find_map(|c| {
            let call = match &c.callee {
                Callee::Method { name, .. } if name == "make_mut" => format!(".{name}(..)"),
                Callee::Path(p) if p.len() >= 2 => {
                    let (h, m) = (p[p.len() - 2].as_str(), p[p.len() - 1].as_str());
                    let takes = matches!(h, "Arc" | "Rc")
                        && matches!(
                            m,
                            "make_mut"
                                | "get_mut"
                                | "try_unwrap"
                                | "into_inner"
                                | "unwrap_or_clone"
                        );
                    if !takes {
                        return None;
                    }
                    format!("{h}::{m}")
                }
                _ => return None,
            };
            Some((item.name.to_string(), call, c.pos.line))
        })
    })
}

/// `Arc<Vec<T>>`/`Rc<String>` for `Arc<[T]>`/`Rc<str>`, while the file
/// grows a shared buffer in place or takes it back out of its handle: the
/// `Vec` (or `String`) inside is still used as one.
pub(super) fn rule_shared_buffer_changed(case: &Case, site: &Site) -> Option<Fired> {
    let SiteKind::SharedBuffer { handle, buffer } = &site.kind else {
        return None;
    };
    let (func, call, line) = takes_shared_apart(case)?;
    Some(Fired {
        description: format!(
            "`{func}` calls `{call}` at line {line}: this file changes a shared buffer in place or takes it back out of its `{handle}`."
        ),
        risk: "A slice behind the handle cannot grow or be taken back as a buffer: that code no longer compiles.".into(),
        suggestion: format!("Keep `{handle}<{buffer}>` while the code reaches into it."),
        counterexample: Some(format!(
            "`{call}` at line {line} (in `{func}`) hands out the `{buffer}` inside an `{handle}` to grow it in place or to own it again; with `{handle}<[T]>`/`{handle}<str>` there is no `{buffer}` to hand out, only a fixed slice (and `make_mut` on it copies the whole slice to change one element)."
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("the `{buffer}` inside is grown or taken back (`{call}`, line {line})"),
        )),
        ..Fired::default()
    })
}

/// How the file builds its shared buffers: the first `Arc::new(x)` of a
/// value moved in (with its line), unless some `Arc::new` in code that is
/// not a test shares a fresh allocation — an allocating site inside its
/// argument (`Arc::new(name.to_string())`) or a binding such a site made
/// (`let p = ..to_string(); Arc::new(p)`): then a shared slice saves that
/// copy and nothing is said.
fn built_by_moving_in(case: &Case, handle: &str) -> Option<(String, u32)> {
    use memaudit_facts::body::SiteKind as RawKind;
    let prefix = format!("{handle}::new(");
    let mut moved = None;
    for f in case.facts.raw.fns.iter().filter(|f| f.test.is_none()) {
        let facts = &f.facts;
        for s in facts.sites.iter().filter(|s| s.kind == RawKind::SharedNew) {
            let Some(arg) = s
                .text
                .strip_prefix(&prefix)
                .and_then(|a| a.strip_suffix(')'))
            else {
                continue;
            };
            let inside = |o: &memaudit_facts::body::Site| {
                !std::ptr::eq(o, s) && s.range.contains(o.range.start)
            };
            if facts.sites.iter().any(inside) {
                return None;
            }
            let is_place = !arg.is_empty()
                && arg
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
            if !is_place {
                // `Arc::new(AtomicBool::new(false))`: another type.
                continue;
            }
            let root = arg.split('.').next().unwrap_or(arg);
            let made_by_a_site = facts
                .bindings
                .iter()
                .enumerate()
                .rfind(|(_, b)| b.name == root && b.pos < s.range.start)
                .is_some_and(|(i, _)| {
                    facts
                        .sites
                        .iter()
                        .any(|o| o.let_binding.is_some_and(|b| b as usize == i))
                });
            if made_by_a_site {
                return None;
            }
            moved.get_or_insert((s.text.clone(), s.range.start.line));
        }
    }
    moved
}

/// `Arc<PathBuf>` → `Arc<Path>` when every `Arc` of the file is built by
/// moving an owned buffer in (`Arc::new(root_path)`): `Arc::<Path>::from`
/// copies that buffer into a new block and frees the old one, so each
/// value still costs one allocation. What is saved is a pointer hop per
/// read and the buffer's slack, not an allocation.
pub(super) fn rule_shared_buffer_moved_in(case: &Case, site: &Site) -> Option<Fired> {
    let SiteKind::SharedBuffer { handle, buffer } = &site.kind else {
        return None;
    };
    let (built, line) = built_by_moving_in(case, handle)?;
    let slice = memaudit_facts::names::borrowed_form(buffer).unwrap_or("[T]");
    Some(Fired {
        description: format!(
            "The file builds its `{handle}`s by moving an owned buffer in (`{built}` at line {line}), never from a fresh copy: `{handle}<{slice}>` would copy each buffer into a new block instead."
        ),
        risk: format!(
            "`{handle}::<{slice}>::from(buffer)` allocates one block and frees the buffer's: the same one allocation per value as `{handle}::new(buffer)`."
        ),
        suggestion: "Leave it, unless reads through the handle are hot enough for one pointer hop to show in a profile.".into(),
        counterexample: Some(format!(
            "`{built}` at line {line} moves an existing `{buffer}` into the `{handle}` (one allocation for the counts); with `{handle}<{slice}>` the same line becomes `{handle}::from({arg})`, which allocates one block for counts and data, copies the bytes and frees the `{buffer}`'s: one allocation either way",
            arg = built
                .split_once('(')
                .map_or("..", |(_, a)| a.trim_end_matches(')'))
        )),
        estimate: Some(assess(
            Answer::No,
            "no allocation is saved: the buffer is moved in, not copied",
        )),
        ..Fired::default()
    })
}

/// A shared buffer type: each value shared is two heap blocks (the counts
/// with the buffer's pointer, length and capacity, then the data) where a
/// shared slice is one, so one allocation per value is what the type says.
pub(super) fn shared_buffer_estimate(case: &Case, site: &Site) -> Option<Assessment> {
    let SiteKind::SharedBuffer { handle, buffer } = &site.kind else {
        return None;
    };
    let what = format!(
        "every `{handle}<{buffer}>` is two heap blocks (counts and the `{buffer}` header, then the data); a shared slice is one"
    );
    Some(one_allocation_per_value(case.finding, &what))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use memaudit_model::{Category, Verdict};

    const BOX_IT: &str = "// Keep the error about two words: box the large payloads (or the whole error),\n// and store text that never grows as `Box<str>`:\nDuplicateKey(Box<DuplicateKeyData>),";

    #[test]
    fn an_error_under_128_bytes_is_not_worth_boxing() {
        let small = r#"
pub enum ParseError {
    DuplicateKey { key: String, table: Option<Vec<String>> },
    OutOfRange,
    Eof,
    Limit(u32),
}
"#;
        check(
            &Given::new(small, Category::CacheHostile, "pub enum ParseError {").proposal(BOX_IT),
            Verdict::Rejected,
            &["[rule: small-error]", "56 bytes", "result_large_err"],
        );
    }

    #[test]
    fn a_large_or_unsized_error_is_still_a_question() {
        let large = r#"
pub struct Context { a: String, b: String, c: String, d: String, e: String }
pub enum ParseError {
    Unresolved(Context),
    OutOfRange,
    Eof,
    Limit(u32),
}
"#;
        let v = check(
            &Given::new(large, Category::CacheHostile, "pub enum ParseError {").proposal(BOX_IT),
            Verdict::NeedsWork,
            &[],
        );
        assert!(!format!("{v:?}").contains("small-error"));
        let foreign = r#"
pub enum ParseError {
    Io(std::io::Error, String, String),
    OutOfRange,
    Eof,
    Limit(u32),
}
"#;
        let v = check(
            &Given::new(foreign, Category::CacheHostile, "pub enum ParseError {").proposal(BOX_IT),
            Verdict::NeedsWork,
            &[],
        );
        assert!(
            !format!("{v:?}").contains("small-error"),
            "a field of unknown size"
        );
    }

    const SHARED: &str = r#"
use std::path::PathBuf;
use std::sync::Arc;
pub struct Entry {
    pub root: Arc<PathBuf>,
}
pub fn entries(roots: Vec<PathBuf>) -> Vec<Entry> {
    let mut out = Vec::new();
    for root_path in roots {
        out.push(Entry { root: Arc::new(root_path) });
    }
    out
}
"#;
    const TO_PATH: &str =
        "Arc<Path> // one block: counts and data together; build it with `Arc::from(buffer)`";

    #[test]
    fn a_shared_buffer_moved_in_saves_no_allocation() {
        check(
            &Given::new(SHARED, Category::HeapAvoidable, "pub root: Arc<PathBuf>")
                .proposal(TO_PATH)
                .hot(),
            Verdict::Rejected,
            &[
                "[rule: shared-buffer-moved-in]",
                "`Arc::new(root_path)` at line 10",
                "one allocation either way",
            ],
        );
    }

    #[test]
    fn a_shared_fresh_copy_is_still_judged() {
        // `Arc::new(name.to_path_buf())` copies: `Arc::<Path>::from(name)`
        // saves that copy.
        let copied = SHARED.replace(
            "Arc::new(root_path)",
            "Arc::new(root_path.as_path().to_path_buf())",
        );
        let v = validate(
            &Given::new(&copied, Category::HeapAvoidable, "pub root: Arc<PathBuf>")
                .proposal(TO_PATH)
                .hot(),
        );
        assert!(!said(&v).contains("shared-buffer-moved-in"), "{}", said(&v));
        // A binding made by a copy counts as a copy.
        let bound = SHARED.replace(
            "out.push(Entry { root: Arc::new(root_path) });",
            "let p = root_path.to_string_lossy().to_string();\n        out.push(Entry { root: Arc::new(p) });",
        );
        let v = validate(
            &Given::new(&bound, Category::HeapAvoidable, "pub root: Arc<PathBuf>")
                .proposal(TO_PATH)
                .hot(),
        );
        assert!(!said(&v).contains("shared-buffer-moved-in"), "{}", said(&v));
    }
}
