//! CACHE_HOSTILE: layouts and access patterns that waste cache lines.
//!
//! Fires on: enums whose largest variant is at least 128 bytes bigger than
//! the next one (every value pays for the largest); recursive enums (a
//! tree's nodes) where most variants fit in 16 bytes but one or two carry
//! at least 48 bytes inline; `Vec<Box<T>>` of a
//! sized `T` (a pointer chase per element); any `LinkedList`; loops over a
//! collection of structs (3+ fields) that read a single field (a
//! struct-of-arrays candidate); `repr(C)` structs whose field order leaves
//! padding that a reordering would remove; a `Copy` struct over a 64-byte
//! cache line that a workspace type holds in a row (`Vec<T>`, `[T; N]`,
//! `VecDeque<T>`), with its fields' sizes and padding and the holding
//! field (after the pass, with the workspace's types).
//!
//! Deliberately ignores: enums with unknown field sizes (generic or foreign
//! types), `Vec<Box<dyn Trait>>`/`Vec<Box<str>>`/`Vec<Box<[T]>>`,
//! `Vec<Box<T>>` over a generic `T` (it may be unsized), loops that use the
//! element as a whole or read several fields, and `repr(C)` structs that
//! are already tightly packed.

use memaudit_facts::body::{ident_in, path_call, strip, BindKind, Syntax, UseKind};
use memaudit_facts::items::{TypeItem, TypeItemKind, TypeSite, TypeSiteKind};
use memaudit_facts::ty::{c_layout, rust_layout};
use memaudit_facts::types::DefKind;
use memaudit_facts::{Pos, Ty, TypeTable, View};
use memaudit_model::{Category, Confidence, Impact, Level, Safety};
use syn::{Expr, Item, Pat, Type};

use super::{lines, text, FnCx, TypeCx};
use crate::emit::{Draft, Emitter};

pub(crate) fn check_type(
    site: &TypeSite,
    syntax: &Syntax<'_>,
    path: &str,
    generics: &[String],
    table: &TypeTable,
    out: &mut Emitter<'_>,
) {
    if !out.wants(Category::CacheHostile) {
        return;
    }
    match site.kind {
        TypeSiteKind::Box if site.container.as_deref() == Some("Vec") => {
            // `Vec<Box<T>>`: report on the whole vector type.
            let Some(t) = syntax.ty(site.syntax) else {
                return;
            };
            let View::Named(name, _) = site.inner.view() else {
                return;
            };
            let name = name.to_owned();
            if generics.contains(&name)
                || (name.len() == 1 && name.chars().all(|c| c.is_ascii_uppercase()))
            {
                return;
            }
            // Only types known to be sized structs or enums: a name from
            // elsewhere may be an alias of `dyn Trait`.
            if table.get(&name).is_none() {
                return;
            }
            let known = true;
            let line = lines(t);
            let mut d = Draft::new(Category::CacheHostile, line, path);
            d.confidence = if known {
                Confidence::High
            } else {
                Confidence::Medium
            };
            d.safety = Safety::Safe;
            d.issue = format!("`Vec<{}>` stores every `{name}` in its own heap allocation: iterating chases a pointer per element and each push allocates.", text(t));
            d.proposal = format!("Vec<{name}>");
            d.impact = Impact {
                allocations_avoided: Some(1),
                bytes_saved: Some(8),
                unit: format!("`{name}` stored"),
                applies_to: format!(
                    "every element pushed and every pass over the vector in `{path}`"
                ),
                level: Level::Medium,
            };
            d.pros = vec!["Contiguous elements: one allocation for the whole vector, prefetch-friendly iteration.".into()];
            d.cons = vec![format!("Moving elements copies whole `{name}` values; stable addresses are lost (use indices).")];
            out.emit(d);
        }
        TypeSiteKind::LinkedList => {
            let Some(t) = syntax.ty(site.syntax) else {
                return;
            };
            let explicit = matches!(t, Type::Path(p) if p.path.segments.iter().any(|s| s.ident == "collections"));
            if !explicit && !table.std_linked_list {
                return;
            }
            let mut d = Draft::new(Category::CacheHostile, lines(t), path);
            d.confidence = Confidence::High;
            d.safety = Safety::NeedsReview;
            d.issue = "`LinkedList` allocates every node separately and chases a pointer per element; it is almost always slower and bigger than a `Vec` or `VecDeque`.".into();
            d.proposal =
                "std::collections::VecDeque<_> // push/pop at both ends, contiguous storage".into();
            d.impact = Impact {
                allocations_avoided: Some(1),
                bytes_saved: Some(16),
                unit: "element stored".into(),
                applies_to: format!("every element of the list in `{path}`"),
                level: Level::Medium,
            };
            d.pros = vec![
                "One buffer instead of one allocation per node; cache-friendly traversal.".into(),
            ];
            d.cons = vec!["O(1) splicing of whole lists is lost.".into()];
            out.emit(d);
        }
        _ => {}
    }
}

pub(crate) fn check_item(t: &TypeCx<'_>, table: &TypeTable, out: &mut Emitter<'_>) {
    if !out.wants(Category::CacheHostile) {
        return;
    }
    let Item::Struct(s) = t.item else {
        return;
    };
    let Some(def) = table.get(&s.ident.to_string()) else {
        return;
    };
    let DefKind::Struct(fields) = &def.kind else {
        return;
    };
    if !def.repr_c || fields.len() < 2 || table.ffi {
        return;
    }
    let mut parts = Vec::with_capacity(fields.len());
    for (_, f) in fields {
        let Some(l) = f.layout(table) else { return };
        parts.push(l);
    }
    let (declared, best) = c_layout(&parts);
    if declared <= best {
        return;
    }
    let mut order: Vec<(&String, u64)> = fields
        .iter()
        .zip(&parts)
        .map(|((n, _), (_, a))| (n, *a))
        .collect();
    order.sort_by_key(|o| std::cmp::Reverse(o.1));
    let order: Vec<&str> = order.iter().map(|(n, _)| n.as_str()).collect();
    let mut d = Draft::new(
        Category::CacheHostile,
        (super::lines(&s.struct_token).0, lines(s).1),
        &t.path,
    );
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "`#[repr(C)]` keeps declaration order, which pads `{}` to {declared} bytes; ordered by alignment it would take {best}.",
        s.ident
    );
    d.proposal = format!(
        "// Declare the fields largest-alignment first:\n// {}",
        order.join(", ")
    );
    d.impact = Impact {
        allocations_avoided: None,
        bytes_saved: Some(declared - best),
        unit: format!("`{}` value", s.ident),
        applies_to: format!("every `{}` in memory", s.ident),
        level: Level::Low,
    };
    d.pros = vec!["Less padding: more values per cache line.".into()];
    d.cons = vec![
        "Changes the C layout: only safe if no foreign code or file format depends on the order."
            .into(),
    ];
    out.emit(d);
}

/// The enum layout rules, over the facts of one enum (`t`, its name and
/// lines; `table` sizes its fields): a variant far larger than the next one,
/// a recursive type's fat variants, an error type's fat variants. Run by
/// the file's pass with the file's table and, for enums whose fields the
/// file alone cannot size, again after the pass with the workspace's
/// (`crate::detect_with_workspace`). `last_pass` is that second run: only
/// then may a few variants of unknown size be set aside
/// ([`fat_beside_unknown`]), since the first run knows less.
pub(crate) fn check_enum(
    t: &TypeItem,
    path: &str,
    table: &TypeTable,
    last_pass: bool,
    out: &mut Emitter<'_>,
) {
    // `#[allow(clippy::large_enum_variant)]`: the authors kept the large
    // variant inline on purpose (few values, or moved rarely).
    if !out.wants(Category::CacheHostile)
        || t.kind != TypeItemKind::Enum
        || t.test.is_some()
        || t.allows_large_variant
    {
        return;
    }
    // Lifetimes do not change a size; type parameters do.
    if !t.generics.is_empty() {
        return;
    }
    let Some(def) = table.get(&t.name) else {
        return;
    };
    let DefKind::Enum(variants) = &def.kind else {
        return;
    };
    if variants.len() < 2 {
        return;
    }
    let lines = (t.range.start.line, t.range.end.line);
    let mut sizes = Vec::with_capacity(variants.len());
    for (name, fields) in variants {
        let mut parts = Vec::with_capacity(fields.len());
        for f in fields {
            let Some(l) = f.layout(table) else {
                if !(last_pass && fat_beside_unknown(t, lines, path, variants, table, out)) {
                    fat_variants(t, lines, path, variants, table, out);
                }
                return;
            };
            parts.push(l);
        }
        sizes.push((rust_layout(&parts).0, name, fields));
    }
    sizes.sort_by_key(|s| std::cmp::Reverse(s.0));
    let (big, big_name, big_fields) = sizes[0];
    let second = sizes[1].0;
    if big < second + 128 {
        fat_variants(t, lines, path, variants, table, out);
        return;
    }
    let me = &t.name;
    let mut d = Draft::new(Category::CacheHostile, lines, path);
    d.confidence = if big >= second + 256 {
        Confidence::High
    } else {
        Confidence::Medium
    };
    d.safety = Safety::Safe;
    d.issue = format!(
        "Variant `{big_name}` is ~{big} bytes while the next largest is ~{second}: every `{me}` value (in vectors, maps, channels) occupies the largest size."
    );
    let payload = match big_fields.as_slice() {
        [one] => one.to_string(),
        _ => format!("{big_name}Data"),
    };
    d.proposal = format!(
        "// Box the large payload so the enum shrinks to ~{} bytes:\n{big_name}(Box<{payload}>),",
        second.max(8) + 8
    );
    d.impact = Impact {
        allocations_avoided: None,
        bytes_saved: Some(big - second.max(8)),
        unit: format!("`{me}` value stored"),
        applies_to: format!("every collection or message holding `{me}`"),
        level: if big >= 512 {
            Level::High
        } else {
            Level::Medium
        },
    };
    d.pros = vec!["Smaller values: more per cache line, cheaper moves.".into()];
    d.cons = vec![format!(
        "Building `{big_name}` now allocates; worth it when it is the rare variant."
    )];
    out.emit(d);
}

/// The large-variant rule when a few variants (at most one in four) hold
/// a field of unknown size: a variant whose fields are all known and that
/// is at least 128 bytes larger than every other variant's known lower
/// bound still sizes every value (terminal actions parsed by the million
/// carried a 184-byte image command inline beside 1- to 24-byte variants).
/// The unknown variants are named in the finding: if one of them is the
/// large one, boxing the reported variant alone does not shrink the enum.
fn fat_beside_unknown(
    t: &TypeItem,
    lines: (u32, u32),
    path: &str,
    variants: &[(String, Vec<Ty>)],
    table: &TypeTable,
    out: &mut Emitter<'_>,
) -> bool {
    if variants.len() < 4 {
        return false;
    }
    let mut known = Vec::with_capacity(variants.len());
    let mut unknown = Vec::new();
    for (name, fields) in variants {
        let parts: Vec<(u64, u64)> = fields.iter().filter_map(|f| f.layout(table)).collect();
        let size = rust_layout(&parts).0;
        if parts.len() == fields.len() {
            known.push((size, name.as_str()));
        } else {
            unknown.push((size, name.as_str()));
        }
    }
    if unknown.is_empty() || unknown.len() * 4 > variants.len() {
        return false;
    }
    known.sort_by_key(|k| std::cmp::Reverse(k.0));
    let Some(&(big, big_name)) = known.first() else {
        return false;
    };
    let second = known
        .iter()
        .skip(1)
        .chain(unknown.iter())
        .map(|k| k.0)
        .max()
        .unwrap_or(0);
    if big < second + 128 {
        return false;
    }
    let me = &t.name;
    let fields = variants
        .iter()
        .find(|(n, _)| n == big_name)
        .map(|(_, f)| f.as_slice())
        .unwrap_or_default();
    let names: Vec<String> = unknown.iter().map(|(_, n)| format!("`{n}`")).collect();
    let mut d = Draft::new(Category::CacheHostile, lines, path);
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "Variant `{big_name}` is {} while the other variants with known fields take at most ~{second} bytes: every `{me}` value (in vectors, maps, channels) occupies the largest size. The size of {} is not known here; if it is as large, boxing `{big_name}` alone does not shrink `{me}`.",
        variant_layout(fields, table),
        names.join(", "),
    );
    d.proposal = format!(
        "// Box the large payload so the enum shrinks to about the next variant:\n{}",
        boxed_variants(std::iter::once(big_name))
    );
    d.impact = Impact {
        allocations_avoided: None,
        bytes_saved: Some(big - second.max(8)),
        unit: format!("`{me}` value stored"),
        applies_to: format!("every collection or message holding `{me}`"),
        level: Level::Medium,
    };
    d.pros = vec!["Smaller values: more per cache line, cheaper moves.".into()];
    d.cons = vec![format!(
        "Building `{big_name}` now allocates; worth it when it is the rare variant."
    )];
    out.emit(d);
    true
}

/// Whether the file's own table leaves a field of one of its enums
/// unsized: the workspace's table (types declared in other files) may size
/// it after the pass.
pub(crate) fn enum_needs_workspace(t: &TypeItem, table: &TypeTable) -> bool {
    if t.kind != TypeItemKind::Enum || t.test.is_some() || !t.generics.is_empty() {
        return false;
    }
    match table.get(&t.name).map(|d| &d.kind) {
        Some(DefKind::Enum(variants)) => variants
            .iter()
            .flat_map(|(_, f)| f)
            .any(|f| f.layout(table).is_none()),
        _ => false,
    }
}

/// The enum rules for fields not all sized: a recursive type's fat
/// variants, then an error type's.
fn fat_variants(
    t: &TypeItem,
    lines: (u32, u32),
    path: &str,
    variants: &[(String, Vec<Ty>)],
    table: &TypeTable,
    out: &mut Emitter<'_>,
) {
    if !fat_tree_variants(&t.name, lines, path, variants, table, out) {
        fat_error_variants(&t.name, lines, path, variants, table, out);
    }
}

/// A variant's fields with their sizes, the padding and the total:
/// "`Span` 8 + `String` 24 = 32 bytes" (`?` for a size not known, the
/// total then a lower bound).
fn variant_layout(fields: &[Ty], table: &TypeTable) -> String {
    let mut known = Vec::with_capacity(fields.len());
    let parts: Vec<String> = fields
        .iter()
        .map(|f| match f.layout(table) {
            Some(l) => {
                known.push(l);
                format!("`{f}` {}", l.0)
            }
            None => format!("`{f}` ?"),
        })
        .collect();
    let (size, _) = rust_layout(&known);
    let padding = size - known.iter().map(|k| k.0).sum::<u64>();
    let total = if known.len() == fields.len() {
        format!("{size} bytes")
    } else {
        format!("at least {size} bytes")
    };
    if padding > 0 {
        format!("{} = {total} ({padding} of padding)", parts.join(" + "))
    } else {
        format!("{} = {total}", parts.join(" + "))
    }
}

/// An error type (`…Error`, the `E` of `Result`s) whose variants mostly
/// fit in two words — a span, a code — but where some carry strings or
/// lists inline (≥ 48 bytes): every value of the error, and every
/// `Result<_, E>` that holds one, is sized by the fat variants, so each
/// fallible call returns (and copies, on the success path too) that many
/// bytes. Unlike a recursive type's, any number of fat variants counts:
/// errors grow a variant per diagnostic. A field of unknown size makes a
/// variant not small, and counts nothing toward a fat one.
fn fat_error_variants(
    me: &str,
    lines: (u32, u32),
    path: &str,
    variants: &[(String, Vec<Ty>)],
    table: &TypeTable,
    out: &mut Emitter<'_>,
) -> bool {
    if !me.ends_with("Error") || variants.len() < 4 {
        return false;
    }
    let (small, mut fat) = small_and_fat(variants, table);
    if fat.is_empty() || small * 2 < variants.len() {
        return false;
    }
    fat.sort_by_key(|f| std::cmp::Reverse(f.2));
    let big = fat[0].2;
    // The tag (or a niche) takes at least a word beside the largest payload.
    let size = big + 8;
    let shown: Vec<String> = fat
        .iter()
        .take(3)
        .map(|(n, fs, _)| format!("`{n}`: {}", variant_layout(fs, table)))
        .collect();
    let more = if fat.len() > 3 {
        format!(" (and {} more)", fat.len() - 3)
    } else {
        String::new()
    };
    let mut d = Draft::new(Category::CacheHostile, lines, path);
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "`{me}` is an error type: {small} of its {} variants fit in {SMALL} bytes, but {} {} its data inline — {}{more}. Every `{me}`, and every `Result<_, {me}>` returned by a fallible call, success or not, takes about {size} bytes.",
        variants.len(),
        fat.len(),
        if fat.len() == 1 { "carries" } else { "carry" },
        shown.join("; "),
    );
    d.proposal = format!(
        "// Keep the error about two words: box the large payloads (or the whole error),
// and store text that never grows as `Box<str>`:
{}",
        boxed_variants(fat.iter().take(3).map(|(n, _, _)| *n))
    );
    d.impact = Impact {
        allocations_avoided: None,
        bytes_saved: Some(big.saturating_sub(SMALL)),
        unit: format!("`Result<_, {me}>` returned"),
        applies_to: format!("every fallible call returning `{me}`"),
        level: Level::Low,
    };
    d.pros = vec!["Smaller `Result`s: less copying on every return, success included.".into()];
    d.cons = vec![
        "Building the boxed variants allocates; errors are the rare path, so it is usually worth it."
            .into(),
    ];
    out.emit(d);
    true
}

/// The proposal's lines for variants whose payload moves behind a box:
/// `Name(Box<NameData>),` each.
fn boxed_variants<'n>(names: impl Iterator<Item = &'n str>) -> String {
    names
        .map(|n| format!("{n}(Box<{n}Data>),"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A variant payload that fits in two words.
const SMALL: u64 = 16;
/// A variant payload large enough to size every value of its enum.
const FAT: u64 = 48;

/// An enum variant judged fat: its name, its fields and its payload's
/// lower bound in bytes.
type FatVariant<'v> = (&'v str, &'v [Ty], u64);

/// How many of `variants` are small (every field's size known, payload ≤
/// [`SMALL`]) and which are fat (known fields alone ≥ [`FAT`]), each with its
/// fields and the payload's lower bound. A field of unknown size makes a
/// variant not small and counts nothing toward a fat one.
fn small_and_fat<'v>(
    variants: &'v [(String, Vec<Ty>)],
    table: &TypeTable,
) -> (usize, Vec<FatVariant<'v>>) {
    let mut small = 0;
    let mut fat = Vec::new();
    for (name, fields) in variants {
        let known: Vec<(u64, u64)> = fields.iter().filter_map(|f| f.layout(table)).collect();
        let lower = rust_layout(&known).0;
        if known.len() == fields.len() && lower <= SMALL {
            small += 1;
        } else if lower >= FAT {
            fat.push((name.as_str(), fields.as_slice(), lower));
        }
    }
    (small, fat)
}

/// A recursive enum (a tree's node type: one value per node, counted by
/// the size of the input) where most variants fit in two words but one or
/// two carry at least 48 bytes inline: every node pays for the fat
/// variants. Field types of other crates count as unknown — a variant is
/// small only when its size is known, fat when its known fields alone
/// reach 48 bytes.
fn fat_tree_variants(
    me: &str,
    lines: (u32, u32),
    path: &str,
    variants: &[(String, Vec<Ty>)],
    table: &TypeTable,
    out: &mut Emitter<'_>,
) -> bool {
    if variants.len() < 4
        || !variants
            .iter()
            .any(|(_, fs)| fs.iter().any(|f| refers_to(f, me)))
    {
        return false;
    }
    let (small, fat) = small_and_fat(variants, table);
    let fat: Vec<(&str, u64)> = fat.into_iter().map(|(n, _, size)| (n, size)).collect();
    if fat.is_empty() || fat.len() > 2 || small * 2 < variants.len() {
        return false;
    }
    let names: Vec<String> = fat
        .iter()
        .map(|(n, s)| format!("`{n}` (≥ {s} bytes)"))
        .collect();
    let big = fat.iter().map(|f| f.1).max().unwrap_or(FAT);
    let mut d = Draft::new(Category::CacheHostile, lines, path);
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "`{me}` is a recursive type (one value per node of the structures built from it) and {small} of its {} variants fit in {SMALL} bytes, but {} carries its fields inline: every `{me}` value — each node, each element of a `Vec<{me}>` — occupies the largest size.",
        variants.len(),
        names.join(" and ")
    );
    d.proposal = format!(
        "// Box the payload of the large variant(s), so each `{me}` is about two words:
{}",
        boxed_variants(fat.iter().map(|(n, _)| *n))
    );
    d.impact = Impact {
        allocations_avoided: None,
        bytes_saved: Some(big.saturating_sub(SMALL)),
        unit: format!("`{me}` value stored"),
        applies_to: format!("every node and collection holding `{me}`"),
        level: Level::Medium,
    };
    d.pros = vec![
        "Smaller nodes: more per cache line, cheaper moves and clones of the small variants."
            .into(),
    ];
    d.cons =
        vec!["Building the boxed variants allocates; worth it when they are the rare ones.".into()];
    out.emit(d);
    true
}

/// Whether a field type mentions the type `me` (or `Self`) anywhere.
fn refers_to(t: &Ty, me: &str) -> bool {
    match t.view() {
        View::Named(n, args) => n == me || n == "Self" || args.iter().any(|a| refers_to(a, me)),
        View::Boxed(i)
        | View::Vec(i)
        | View::Shared(i)
        | View::Cell(i)
        | View::Option(i)
        | View::Ref(i)
        | View::Slice(i)
        | View::Cow(i)
        | View::Array(i, _) => refers_to(i, me),
        View::Set(i) => i.is_some_and(|i| refers_to(i, me)),
        View::Map(k, v) => {
            k.is_some_and(|k| refers_to(k, me)) || v.is_some_and(|v| refers_to(v, me))
        }
        View::Tuple(ts) => ts.iter().any(|x| refers_to(x, me)),
        _ => false,
    }
}

/// Struct-of-arrays candidates and `LinkedList::new()` locals.
pub(crate) fn check_fn(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>) {
    if !out.wants(Category::CacheHostile) {
        return;
    }
    for l in cx.facts.loops.iter().skip(1) {
        if !super::is_counted_loop(
            l,
            &[
                "map",
                "for_each",
                "filter",
                "fold",
                "any",
                "all",
                "filter_map",
            ],
        ) {
            continue;
        }
        let Some(pat) = l.pat.and_then(|p| cx.syn.pat(p)) else {
            continue;
        };
        let id = match pat {
            Pat::Ident(p) => &p.ident,
            Pat::Reference(r) => match &*r.pat {
                Pat::Ident(p) => &p.ident,
                _ => continue,
            },
            _ => continue,
        };
        let pos = Pos::of(id.span());
        let Some(b) = cx
            .facts
            .bindings
            .iter()
            .position(|bd| bd.pos == pos && bd.kind == BindKind::Pattern)
        else {
            continue;
        };
        let Some(iter) = cx.loop_iter(l) else {
            continue;
        };
        let Some(elem) = element_struct(cx, iter) else {
            continue;
        };
        let Some(def) = cx.table.get(&elem) else {
            continue;
        };
        if def.field_count() < 3 {
            continue;
        }
        let mut field = None;
        let mut only_one = true;
        let mut n = 0;
        let prefix = format!("{}.", cx.facts.bindings[b].name);
        for u in cx.facts.uses_of(b as u32) {
            n += 1;
            // A read of `x.field`, directly or as a method receiver.
            let read_field = match &u.kind {
                UseKind::Field(_) | UseKind::Recv(_) | UseKind::Ref => u
                    .place
                    .strip_prefix(prefix.as_str())
                    .map(|rest| rest.split('.').next().unwrap_or(rest).to_owned()),
                _ => None,
            };
            match read_field {
                Some(name) => match &field {
                    None => field = Some(name),
                    Some(f) if *f == name => {}
                    Some(_) => only_one = false,
                },
                _ => only_one = false,
            }
        }
        let Some(field) = field else { continue };
        // The classic struct-of-arrays case streams plain numbers; a loop
        // that copies out one owned field is a different problem.
        let numeric = def
            .field(&field)
            .is_some_and(|t| matches!(t.view(), View::Prim(_)));
        if !only_one || n == 0 || !numeric {
            continue;
        }
        let size = Ty::named(&elem).layout(cx.table).map(|(s, _)| s);
        let fsize = def
            .field(&field)
            .and_then(|t| t.layout(cx.table))
            .map(|(s, _)| s);
        let mut d = Draft::new(
            Category::CacheHostile,
            (l.start.line, l.body.end.line),
            cx.path,
        );
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        d.issue = format!(
            "This loop reads only `{field}` of each `{elem}` ({} fields{}): every cache line fetched is mostly other fields.",
            def.field_count(),
            size.map(|s| format!(", ~{s} bytes")).unwrap_or_default()
        );
        d.proposal = format!(
            "// Struct of arrays: keep the hot field contiguous\nstruct {elem}s {{\n    {field}: Vec<_>,\n    // ... one Vec per other field\n}}\n// or split `{elem}` into hot and cold parts"
        );
        d.impact = Impact {
            allocations_avoided: None,
            bytes_saved: match (size, fsize) {
                (Some(s), Some(f)) if s > f => Some(s - f),
                _ => None,
            },
            unit: format!("element visited ({})", l.unit()),
            applies_to: format!("memory traffic of the loop in `{}`", cx.path),
            level: Level::Medium,
        };
        d.pros = vec![
            "The loop streams only the bytes it needs; vectorisation becomes possible.".into(),
        ];
        d.cons = vec!["A larger refactor: every user of the struct changes.".into()];
        out.emit(d);
    }
    for (b, bd) in cx.facts.bindings.iter().enumerate() {
        let Some(init) = cx.init(b as u32) else {
            continue;
        };
        if bd.written.is_some() {
            continue; // the annotation is checked as a type
        }
        if let Expr::Call(c) = strip(init) {
            if cx.table.std_linked_list
                && path_call(&c.func).is_some_and(|(t, _)| t == "LinkedList")
            {
                let mut d = Draft::new(Category::CacheHostile, bd.stmt_lines, cx.path);
                d.confidence = Confidence::High;
                d.safety = Safety::NeedsReview;
                d.issue = format!(
                    "`{}` is a `LinkedList`: one allocation and one pointer chase per element.",
                    bd.name
                );
                d.proposal = format!("let mut {} = std::collections::VecDeque::new();", bd.name);
                d.impact = cx.call_impact(1, Some(16));
                d.pros = vec!["Contiguous storage, far fewer allocations.".into()];
                d.cons = vec!["O(1) splicing is lost.".into()];
                out.emit(d);
            }
        }
    }
}

/// The struct type of the elements a loop visits.
fn element_struct(cx: &FnCx<'_, '_>, iter: &Expr) -> Option<String> {
    let e = strip(iter);
    match e {
        Expr::Reference(r) => element_struct(cx, &r.expr),
        Expr::MethodCall(m) if ident_in(&m.method, &["iter", "iter_mut", "into_iter"]) => {
            element_struct(cx, &m.receiver)
        }
        _ => {
            let t = cx.type_of(e)?;
            let elem = match t.peel_refs().view() {
                View::Vec(inner) | View::Slice(inner) | View::Array(inner, _) => inner.clone(),
                _ => return None,
            };
            match elem.view() {
                View::Named(n, _) => Some(n.to_owned()),
                _ => None,
            }
        }
    }
}

/// A cache line, the size past which one element spans two.
const CACHE_LINE: u64 = 64;

/// A struct the bulk-element rule looks at: a `Copy` value (copied whole
/// on every read and move), not generic (its size is its own), not
/// `repr(C)` (a layout fixed for a GPU, a file or foreign code), not test
/// code.
fn bulk_candidate(t: &TypeItem) -> bool {
    t.kind == TypeItemKind::Struct
        && t.copy
        && t.test.is_none()
        && t.generics.is_empty()
        && !t.repr_c
}

/// Whether the bulk-element rule may fire on `t` once the workspace's types
/// are known: its size is over a cache line or not known from the file.
pub(crate) fn struct_needs_workspace(t: &TypeItem, table: &TypeTable) -> bool {
    bulk_candidate(t) && table.size_of(&t.name).is_none_or(|(s, _)| s > CACHE_LINE)
}

/// The element type a collection type holds in a row (`Vec<T>`,
/// `VecDeque<T>`, `[T; N]`, `Box<[T]>`), through `Option`/`Box`/cells.
fn bulk_element(t: &Ty) -> Option<&Ty> {
    match t.view() {
        View::Vec(e) | View::Array(e, _) | View::Slice(e) => Some(e),
        View::Boxed(i) | View::Option(i) | View::Cell(i) | View::Shared(i) => bulk_element(i),
        _ => None,
    }
}

/// A workspace type's field that holds `name` in a row: (type, field,
/// the field's type as written).
fn bulk_holder(name: &str, workspace: &TypeTable) -> Option<(String, String, String)> {
    let mut found: Vec<(String, String, String)> = Vec::new();
    for (owner, def) in workspace.own_types() {
        let DefKind::Struct(fields) = &def.kind else {
            continue;
        };
        for (f, t) in fields {
            if bulk_element(t).and_then(Ty::name) == Some(name) {
                found.push((owner.to_owned(), f.clone(), t.to_string()));
            }
        }
    }
    // The same answer whatever order the table keeps.
    found.sort();
    found.into_iter().next()
}

/// A `Copy` struct over a cache line (`TerminalCharacter`: `char` 4 +
/// `CharacterStyles` 56 + `usize` 8 = 72 bytes) that a workspace type holds
/// in a row (`Row { columns: VecDeque<TerminalCharacter> }`): every element
/// spans two cache lines and is copied whole on every read and move, so a
/// grid or list of them is walked at more than a line per item. The finding
/// states the fields' sizes, the padding and the holder (the element count
/// that makes it matter). Run after the pass with the workspace's types
/// (the holder is most often declared in another file).
pub(crate) fn check_bulk_element(
    t: &TypeItem,
    path: &str,
    table: &TypeTable,
    workspace: &TypeTable,
    out: &mut Emitter<'_>,
) {
    if !out.wants(Category::CacheHostile) || !bulk_candidate(t) {
        return;
    }
    let Some(DefKind::Struct(fields)) = table.get(&t.name).map(|d| &d.kind) else {
        return;
    };
    let Some((size, _)) = table.size_of(&t.name) else {
        return;
    };
    if size <= CACHE_LINE || fields.is_empty() {
        return;
    }
    let Some((holder, field, written)) = bulk_holder(&t.name, workspace) else {
        return;
    };
    let tys: Vec<Ty> = fields.iter().map(|(_, f)| f.clone()).collect();
    let layout = variant_layout(&tys, table);
    let Some((big_name, big_ty, big)) = fields
        .iter()
        .filter_map(|(n, f)| f.layout(table).map(|l| (n, f, l.0)))
        .max_by_key(|x| x.2)
    else {
        return;
    };
    let me = &t.name;
    let mut d = Draft::new(
        Category::CacheHostile,
        (t.range.start.line, t.range.end.line),
        path,
    );
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "`{me}` is {size} bytes ({layout}), more than a {CACHE_LINE}-byte cache line, and `{holder}.{field}` (`{written}`) holds `{me}` values in a row: every element spans two cache lines and, being `Copy`, is copied whole on every read and move."
    );
    d.proposal = format!(
        "// Shrink the element below a cache line: keep `{big_name}` (`{big_ty}`, {big} bytes)\n// out of line — an index into a table of the distinct values, or an `Rc`\n// shared by equal ones — and narrow fields wider than their values need."
    );
    d.impact = Impact {
        allocations_avoided: None,
        bytes_saved: None,
        unit: format!("`{me}` element"),
        applies_to: format!("every element of `{holder}.{field}`"),
        level: Level::Medium,
    };
    d.pros = vec!["More elements per cache line; cheaper copies of each element.".into()];
    d.cons = vec![
        "Reading the out-of-line part costs an indirection; equal values must be shared to save memory.".into(),
    ];
    out.emit(d);
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use memaudit_facts::{FileFacts, Syntax, TypeTable};

    use crate::{detect_with_workspace, needs_workspace_types, FileContext};

    fn facts_of(src: &str) -> FileFacts {
        let parsed = memaudit_facts::parse::parse_source("src/x.rs", src).unwrap();
        let mut syntax = Syntax::default();
        let facts = memaudit_facts::items::gather(
            &parsed.tree,
            &memaudit_facts::items::FileContext::default(),
            &mut syntax,
        );
        drop(syntax);
        proc_macro2::extra::invalidate_current_thread_spans();
        facts
    }

    /// The file `error.rs` (an error enum whose variants hold a `Span`
    /// declared in `span.rs`) with `span.rs`'s types known, or not.
    fn error_findings(error: &str, span: &str, other: bool) -> Vec<memaudit_model::Finding> {
        let ef = facts_of(error);
        let sf = facts_of(span);
        let ws = Arc::new(if other {
            TypeTable::merged([&ef.table, &sf.table])
        } else {
            TypeTable::merged([&ef.table])
        });
        detect_with_workspace(
            "src/error.rs",
            error,
            &ef,
            &FileContext::new("demo"),
            &ws,
            &[],
        )
    }

    const SPAN: &str = "pub struct Span { start: u32, end: u32 }";

    const ERROR: &str = "pub enum Error<'a> {
    Unexpected(Span, &'a str),
    BadNumber(Span),
    BadTexture(Span),
    Missing(Span),
    BadTypeCast { span: Span, from: String, to: String },
    AutoConversion { dest_span: Span, dest_type: String, source_span: Span, source_type: String },
}";

    #[test]
    fn an_error_enum_sized_by_a_type_of_another_file_is_reported_after_the_pass() {
        let f = error_findings(ERROR, SPAN, true);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!((f[0].line_start, f[0].line_end), (1, 8));
        assert!(
            f[0].issue.contains("`Span` 8 + `String` 24"),
            "{}",
            f[0].issue
        );
        assert!(f[0].issue.contains("about 72 bytes"), "{}", f[0].issue);
        assert!(needs_workspace_types(&facts_of(ERROR)));
    }

    #[test]
    fn without_the_other_file_the_span_variants_are_not_known_to_be_small() {
        assert!(error_findings(ERROR, SPAN, false).is_empty());
    }

    #[test]
    fn an_error_whose_variants_are_all_small_is_left_alone() {
        let small = "pub enum Error { A(Span), B(Span), C(Span, u32), D }";
        assert!(error_findings(small, SPAN, true).is_empty());
        // Not an error type: values of a plain enum are not returned in
        // every `Result`.
        let plain = ERROR.replace("Error<'a>", "Token<'a>");
        assert!(error_findings(&plain, SPAN, true).is_empty());
    }

    const ACTION: &str = "pub enum Action {
    Print(char),
    Control(u8),
    Sequence(vt::Sequence),
    Titles(Vec<String>),
    Image(ImageCommand),
}";

    const IMAGE: &str = "pub struct ImageCommand { data: Vec<u8>, name: String, place: [u32; 24], w: Option<u32>, h: Option<u32> }";

    #[test]
    fn a_large_variant_beside_one_of_unknown_size_is_reported_after_the_pass() {
        let f = error_findings(ACTION, IMAGE, true);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].line_start, 1);
        assert!(f[0].issue.contains("Variant `Image`"), "{}", f[0].issue);
        assert!(f[0].issue.contains("`Sequence`"), "{}", f[0].issue);
        // The large variant's own size unknown: nothing to say.
        assert!(error_findings(ACTION, IMAGE, false).is_empty());
        // Two unknown variants of five: too little is known.
        let two = ACTION.replace("Control(u8)", "Control(vt::Control)");
        assert!(error_findings(&two, IMAGE, true).is_empty());
        // Kept inline on purpose.
        let allowed = format!("#[allow(clippy::large_enum_variant)]\n{ACTION}");
        assert!(error_findings(&allowed, IMAGE, true).is_empty());
    }

    #[test]
    fn an_enum_the_file_sizes_alone_is_not_asked_for_again() {
        let whole = format!("{SPAN}\n{ERROR}");
        assert!(!needs_workspace_types(&facts_of(&whole)));
        // …and the file's own pass reports it.
        let f = crate::analyze_source("src/error.rs", &whole, &FileContext::new("demo")).unwrap();
        assert!(
            f.iter()
                .any(|f| f.category == memaudit_model::Category::CacheHostile && f.line_start == 2),
            "{f:#?}"
        );
    }

    const CELL: &str = "#[derive(Clone, Copy)]
pub struct Styles { a: Option<u32>, b: Option<u32>, c: Option<u32>, d: Option<u32>, e: Option<u32>, f: Option<u32>, g: Option<u32> }
#[derive(Clone, Copy)]
pub struct Cell { ch: char, styles: Styles, width: usize }";

    const GRID: &str = "pub struct Row { columns: std::collections::VecDeque<Cell> }";

    fn cell_findings(grid: &str) -> Vec<memaudit_model::Finding> {
        let cf = facts_of(CELL);
        let gf = facts_of(grid);
        assert!(needs_workspace_types(&cf));
        let ws = Arc::new(TypeTable::merged([&cf.table, &gf.table]));
        detect_with_workspace(
            "src/cell.rs",
            CELL,
            &cf,
            &FileContext::new("demo"),
            &ws,
            &[],
        )
    }

    #[test]
    fn a_copy_element_over_a_cache_line_held_in_a_row_by_another_file_is_reported() {
        let found = cell_findings(GRID);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].line_start, 4);
        assert!(found[0].issue.contains("72 bytes"), "{}", found[0].issue);
        assert!(
            found[0].issue.contains("`Row.columns`"),
            "{}",
            found[0].issue
        );
    }

    #[test]
    fn a_large_copy_struct_nothing_holds_in_a_row_is_left_alone() {
        assert!(cell_findings("pub struct Screen { cursor: Cell }").is_empty());
        let small = CELL.replace("width: usize", "width: u8").replace(
            "e: Option<u32>, f: Option<u32>, g: Option<u32>",
            "e: Option<u32>",
        );
        let sf = facts_of(&small);
        let gf = facts_of(GRID);
        let ws = Arc::new(TypeTable::merged([&sf.table, &gf.table]));
        assert!(detect_with_workspace(
            "src/cell.rs",
            &small,
            &sf,
            &FileContext::new("demo"),
            &ws,
            &[]
        )
        .is_empty());
    }
}
