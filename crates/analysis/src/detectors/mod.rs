//! The six detectors and what they share: the walk over a file's facts
//! (functions, types, `Box`/`LinkedList` type sites), the per-function
//! context with expression typing, and impact estimates derived from loop
//! nesting.
//!
//! Detectors read the facts of [`memaudit_facts`] (the one reading of
//! syntax memaudit has) and look at syn nodes through [`Syntax`] only to
//! quote code in proposals. Test code is analysed like the rest: its
//! findings are kept and marked cold later, from the call graph. Each
//! detector lives in its own module and must NOT emit findings of another
//! category.

mod allocation_loop;
mod arena_candidate;
mod cache_hostile;
mod heap_avoidable;
mod lifetime_extension;
mod unnecessary_clone;

use std::collections::HashMap;

use memaudit_facts::body::{FnFacts, Loop, LoopKind, Site, Syntax};
use memaudit_facts::infer::{self, Env, Locals};
use memaudit_facts::items::{FileFacts, FnItem, TypeItem, TypeSite};
use memaudit_facts::{Pos, Ty, TypeTable};
use memaudit_model::{Impact, Level, Priority};
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{Expr, Item};

use crate::emit::{join_path, Emitter};

/// The syn items of a file by (name, line of the name), for item checks
/// that quote a type's declaration.
pub(crate) struct ItemIndex<'a> {
    items: HashMap<(String, u32), &'a Item>,
}

impl<'a> ItemIndex<'a> {
    fn build(file: &'a syn::File) -> ItemIndex<'a> {
        fn add<'a>(items: &'a [Item], map: &mut HashMap<(String, u32), &'a Item>) {
            for item in items {
                let ident = match item {
                    Item::Struct(s) => Some(&s.ident),
                    Item::Enum(e) => Some(&e.ident),
                    Item::Static(s) => Some(&s.ident),
                    Item::Mod(m) => {
                        if let Some((_, inner)) = &m.content {
                            add(inner, map);
                        }
                        None
                    }
                    Item::Fn(f) => {
                        for s in &f.block.stmts {
                            if let syn::Stmt::Item(i) = s {
                                add(std::slice::from_ref(i), map);
                            }
                        }
                        None
                    }
                    _ => None,
                };
                if let Some(id) = ident {
                    map.insert((id.to_string(), Pos::of(id.span()).line), item);
                }
            }
        }
        let mut items = HashMap::new();
        add(&file.items, &mut items);
        ItemIndex { items }
    }

    pub(crate) fn get(&self, t: &TypeItem) -> Option<&'a Item> {
        self.items
            .get(&(t.name.to_string(), t.range.start.line))
            .copied()
    }
}

/// A type item with its syn declaration and item path.
pub(crate) struct TypeCx<'a> {
    pub item: &'a Item,
    pub path: String,
}

/// Runs every detector over one file's facts.
pub(crate) fn run_file<'a>(
    file: &'a syn::File,
    facts: &FileFacts,
    syntax: &Syntax<'a>,
    out: &mut Emitter<'_>,
) {
    let module = out.module.clone();
    let table = &facts.table;
    for item in &facts.fns {
        let path = join_path(&[&module, &item.path]);
        let cx = FnCx {
            item,
            fns: &facts.fns,
            facts: &item.facts,
            syn: syntax,
            table,
            path: &path,
            self_ty: item.self_ty.as_deref(),
            role: role_of(item),
            priority: out.priority(),
        };
        let mut claimed = Vec::new();
        unnecessary_clone::check(&cx, out, &mut claimed);
        heap_avoidable::check_fn(&cx, out, &mut claimed);
        allocation_loop::check(&cx, out, &claimed);
        lifetime_extension::check_fn(&cx, out);
        lifetime_extension::check_slack(&cx, out);
        lifetime_extension::check_field_slack(&cx, out);
        lifetime_extension::check_read_whole(&cx, out);
        lifetime_extension::check_local_growth(&cx, out);
        cache_hostile::check_fn(&cx, out);
        arena_candidate::check_fn(&cx, out);
        arena_candidate::check_resets(&cx, &facts.growth, out);
        arena_candidate::check_local_resets(&cx, out);
        arena_candidate::check_dropped_frames(&cx, &facts.growth, out);
        arena_candidate::check_scratch_per_call(&cx, &facts.growth, out);
    }
    for site in &facts.type_sites {
        let owner_path = type_site_path(facts, site, &module);
        let generics = type_site_generics(facts, site);
        heap_avoidable::check_type(site, syntax, &owner_path, table, out);
        heap_avoidable::check_borrowed_box_return(site, syntax, &facts.fns, &owner_path, out);
        cache_hostile::check_type(site, syntax, &owner_path, &generics, table, out);
    }
    let index = ItemIndex::build(file);
    let unshared = takes_shared_apart(facts);
    for t in &facts.types {
        let path = join_path(&[&module, &t.path]);
        cache_hostile::check_enum(t, &path, table, false, out);
        // Held in a row by a type of this file: found now; by another
        // file's, after the pass (`run_with_workspace`).
        cache_hostile::check_bulk_element(t, &path, table, table, out);
        let Some(item) = index.get(t) else { continue };
        let cx = TypeCx { item, path };
        cache_hostile::check_item(&cx, table, out);
        heap_avoidable::check_item(&cx, table, out);
        heap_avoidable::check_frozen_newtype(&cx, facts, out);
        heap_avoidable::check_shared_buffers(&cx, unshared, out);
        arena_candidate::check_item(&cx, out);
        lifetime_extension::check_item(&cx, &facts.growth, out);
    }
}

/// The rules that read types declared in other files, run after the
/// single pass with the workspace's table under the file's: the enum
/// layout rules, for enums whose fields the file alone could not size, and
/// the bulk-element rule, for `Copy` structs another file may hold in a
/// row. A type already reported (a finding of its category starting on its
/// line) is left alone.
pub(crate) fn run_with_workspace(
    facts: &FileFacts,
    table: &TypeTable,
    workspace: &TypeTable,
    reported: &[u32],
    out: &mut Emitter<'_>,
) {
    let module = out.module.clone();
    for t in &facts.types {
        if reported.contains(&t.range.start.line) {
            continue;
        }
        let path = join_path(&[&module, &t.path]);
        if cache_hostile::enum_needs_workspace(t, &facts.table) {
            cache_hostile::check_enum(t, &path, table, true, out);
        } else if cache_hostile::struct_needs_workspace(t, &facts.table) {
            cache_hostile::check_bulk_element(t, &path, table, workspace, out);
        }
    }
}

/// Whether some file enum's fields are not all sized by the file's own
/// table, so that [`run_with_workspace`] may find more after the pass.
pub(crate) fn needs_workspace(facts: &FileFacts) -> bool {
    facts.types.iter().any(|t| {
        cache_hostile::enum_needs_workspace(t, &facts.table)
            || cache_hostile::struct_needs_workspace(t, &facts.table)
    })
}

/// Whether some function of the file changes or takes back what an
/// `Arc`/`Rc` shares (`Arc::make_mut`, `Rc::get_mut`, `Arc::try_unwrap`,
/// …): a shared `Vec` there may be used as a `Vec`.
fn takes_shared_apart(facts: &FileFacts) -> bool {
    use memaudit_facts::body::Callee;
    facts
        .fns
        .iter()
        .flat_map(|f| &f.facts.calls)
        .any(|c| match &c.callee {
            Callee::Method { name, .. } => name == "make_mut",
            Callee::Path(p) => {
                let n = p.len();
                n >= 2
                    && matches!(p[n - 2].as_str(), "Arc" | "Rc")
                    && matches!(
                        p[n - 1].as_str(),
                        "make_mut" | "get_mut" | "try_unwrap" | "into_inner" | "unwrap_or_clone"
                    )
            }
        })
}

fn type_site_path(facts: &FileFacts, site: &TypeSite, module: &str) -> String {
    use memaudit_facts::items::TypeOwner;
    let inner = match &site.owner {
        TypeOwner::Field { item, .. } | TypeOwner::Static { item } | TypeOwner::Alias { item } => {
            facts.types.get(*item as usize).map(|t| t.path.clone())
        }
        TypeOwner::Param { fn_idx, .. }
        | TypeOwner::Return { fn_idx }
        | TypeOwner::Let { fn_idx, .. } => facts.fns.get(*fn_idx as usize).map(|f| f.path.clone()),
    }
    .unwrap_or_default();
    join_path(&[module, &inner])
}

fn type_site_generics(facts: &FileFacts, site: &TypeSite) -> Vec<String> {
    use memaudit_facts::items::TypeOwner;
    match &site.owner {
        TypeOwner::Field { item, .. } | TypeOwner::Static { item } | TypeOwner::Alias { item } => {
            facts
                .types
                .get(*item as usize)
                .map(|t| t.generics.iter().map(|g| g.to_string()).collect())
                .unwrap_or_default()
        }
        TypeOwner::Param { fn_idx, .. }
        | TypeOwner::Return { fn_idx }
        | TypeOwner::Let { fn_idx, .. } => facts
            .fns
            .get(*fn_idx as usize)
            .map(|f| f.sig.bounds.iter().map(|(n, _)| n.clone()).collect())
            .unwrap_or_default(),
    }
}

fn role_of(item: &FnItem) -> FnRole {
    if item.name == "main" && item.self_ty.is_none() {
        FnRole::Main
    } else if item.cold_attr {
        FnRole::Cold
    } else if item.self_ty.is_some()
        && (item.name == "new"
            || item.name == "default"
            || item.trait_name.as_deref() == Some("Default"))
    {
        FnRole::Constructor
    } else {
        FnRole::Normal
    }
}

/// What kind of function this is, for cold-path rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FnRole {
    Normal,
    /// `fn main`: allocations outside loops are one-time initialisation.
    Main,
    /// `new`, `default`, `impl Default`: run once per value built.
    Constructor,
    /// `#[cold]`.
    Cold,
}

/// One function under analysis.
pub(crate) struct FnCx<'a, 'f> {
    pub item: &'f FnItem,
    /// Every function of the file, for rules that look at a callee
    /// declared beside the caller.
    pub fns: &'f [FnItem],
    pub facts: &'f FnFacts,
    pub syn: &'f Syntax<'a>,
    pub table: &'f TypeTable,
    pub path: &'f str,
    pub self_ty: Option<&'f str>,
    pub role: FnRole,
    pub priority: Priority,
}

/// The locals visible at one position of a function.
struct At<'c, 'a, 'f> {
    cx: &'c FnCx<'a, 'f>,
    pos: Pos,
}

impl Locals for At<'_, '_, '_> {
    fn local_ty(&self, name: &str) -> Option<Ty> {
        let b = self.cx.facts.binding_at(name, self.pos)?;
        self.cx.facts.bindings[b as usize].ty.clone()
    }
}

impl<'a> FnCx<'a, '_> {
    /// The syn expression of a site.
    pub(crate) fn expr(&self, site: &Site) -> Option<&'a Expr> {
        self.syn.expr(site.expr)
    }

    /// The innermost call whose arguments contain the site.
    pub(crate) fn enclosing_call(&self, site: &Site) -> Option<&'a Expr> {
        self.syn.expr(site.enclosing_call?)
    }

    /// A binding's `let` initialiser.
    pub(crate) fn init(&self, b: u32) -> Option<&'a Expr> {
        let init = self.facts.bindings.get(b as usize)?.init.as_ref()?;
        self.syn.expr(init.expr)
    }

    /// The expression a loop iterates.
    pub(crate) fn loop_iter(&self, l: &Loop) -> Option<&'a Expr> {
        self.syn.expr(l.iter?)
    }

    /// The binding a plain path expression refers to.
    pub(crate) fn binding_of(&self, e: &Expr) -> Option<u32> {
        let id = memaudit_facts::body::path_ident(e)?;
        let pos = Pos::of(id.span());
        self.facts
            .uses
            .iter()
            .find(|u| u.pos == pos && *id == self.facts.bindings[u.binding as usize].name.as_str())
            .map(|u| u.binding)
            .or_else(|| self.facts.binding_at(&id.to_string(), pos))
    }

    /// The type of an expression, when it can be told without a compiler.
    pub(crate) fn type_of(&self, e: &Expr) -> Option<Ty> {
        let at = At {
            cx: self,
            pos: Pos::start(e),
        };
        let env = Env {
            table: self.table,
            self_ty: self.self_ty,
            locals: &at,
        };
        infer::expr_type(e, &env, 0)
    }

    /// Whether a binding is used after `pos` on a path that can follow it:
    /// a use in another arm of a `match`/`if` that also holds `pos` (the
    /// `else` after the `if` branch at `pos`) never runs after it.
    pub(crate) fn used_later(&self, b: u32, pos: Pos, branch: Option<Pos>) -> bool {
        self.facts
            .uses_of(b)
            .any(|u| u.pos > pos && !self.exclusive(branch, u.branch))
    }

    /// Whether code directly in branch `a` and code directly in branch `b`
    /// sit in different arms of one `match`/`if` (so one never runs after
    /// the other in the same pass).
    pub(crate) fn exclusive(&self, a: Option<Pos>, b: Option<Pos>) -> bool {
        self.facts.exclusive(a, b)
    }

    /// Whether any use of a binding moves it.
    pub(crate) fn moved(&self, b: u32) -> bool {
        self.facts.uses_of(b).any(|u| u.kind.moves())
    }

    /// Impact of removing `allocs` allocations from the loop `loop_id`.
    pub(crate) fn loop_impact(&self, loop_id: u32, allocs: u64, bytes: Option<u64>) -> Impact {
        let l = &self.facts.loops[loop_id as usize];
        let unit = l.unit();
        let data = is_data_source(&l.source);
        let mut level = if l.depth >= 2 || data {
            Level::High
        } else {
            Level::Medium
        };
        if self.priority == Priority::P3 {
            level = Level::Low;
        }
        let applies_to = if l.depth >= 2 {
            let outer = self.facts.loops[l.parent as usize].unit();
            format!(
                "{unit}, nested {} loops deep (inside {outer}) in `{}`",
                l.depth, self.path
            )
        } else {
            format!("every call of `{}`", self.path)
        };
        Impact {
            allocations_avoided: Some(allocs),
            bytes_saved: bytes,
            unit,
            applies_to,
            level,
        }
    }

    /// Impact of a fix outside loops: once per call.
    /// Per iteration of loop `loop_id`, or per call when it is 0 (no loop).
    pub(crate) fn impact_at(&self, loop_id: u32, allocs: u64, bytes: Option<u64>) -> Impact {
        if loop_id != 0 {
            self.loop_impact(loop_id, allocs, bytes)
        } else {
            self.call_impact(allocs, bytes)
        }
    }

    pub(crate) fn call_impact(&self, allocs: u64, bytes: Option<u64>) -> Impact {
        Impact {
            allocations_avoided: Some(allocs),
            bytes_saved: bytes,
            unit: format!("call of `{}`", self.path),
            applies_to: format!("every call of `{}`", self.path),
            level: if self.priority <= Priority::P1 {
                Level::Medium
            } else {
                Level::Low
            },
        }
    }

    /// Lines of a site.
    pub(crate) fn site_lines(&self, s: &Site) -> (u32, u32) {
        (s.range.start.line, s.range.end.line)
    }
}

/// Names that suggest user data: rows, files, records, lines, …
pub(crate) fn is_data_source(text: &str) -> bool {
    const DATA: &[&str] = &[
        "row", "file", "record", "line", "entr", "item", "chunk", "batch", "event", "request",
        "message", "packet", "path", "doc", "node", "byte", "column", "cell", "field", "token",
        "word", "key", "value", "element", "frame", "block", "page", "sample", "point",
    ];
    let text = text.to_ascii_lowercase();
    DATA.iter().any(|d| text.contains(d))
}

/// Whether a loop iterates an iterator adaptor closure or a `for` loop.
pub(crate) fn is_counted_loop(l: &Loop, adaptors: &[&str]) -> bool {
    match &l.kind {
        LoopKind::For => true,
        LoopKind::Iter(a) => adaptors.contains(&a.as_str()),
        _ => false,
    }
}

/// Token text with the spaces `to_string` puts around punctuation removed.
pub(crate) fn tidy(s: String) -> String {
    // Only the code between literals is tidied: a string literal's spaces
    // are its value (`"  [{}]"` must not become `" [{}]"`).
    let mut out = String::with_capacity(s.len());
    let mut code = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // `'"'` and `'\\"'` are char literals, not a string's start.
        let in_char =
            (code.ends_with('\'') && chars.peek() == Some(&'\'')) || code.ends_with("'\\");
        if c != '"' || in_char {
            code.push(c);
            continue;
        }
        // A raw string's `r#` prefix is already in `code`; its closing
        // `"#` ends it like any `"` (its `#`s follow as code).
        let raw = code.ends_with('r') || code.ends_with('#');
        out.push_str(&tidy_code(std::mem::take(&mut code)));
        out.push('"');
        while let Some(l) = chars.next() {
            out.push(l);
            if l == '\\' && !raw {
                if let Some(escaped) = chars.next() {
                    out.push(escaped);
                }
            } else if l == '"' {
                break;
            }
        }
    }
    out.push_str(&tidy_code(code));
    out
}

/// [`tidy`] for text with no literal in it.
fn tidy_code(s: String) -> String {
    let mut out = s;
    for (from, to) in [
        (" . ", "."),
        (" (", "("),
        ("( ", "("),
        (" )", ")"),
        ("& ", "&"),
        (" ,", ","),
        (" :: ", "::"),
        (" !", "!"),
        (" [", "["),
        ("[ ", "["),
        (" ]", "]"),
        (" ?", "?"),
        ("< ", "<"),
        (" <", "<"),
        (" >", ">"),
        (" ; ", "; "),
        (" :", ":"),
    ] {
        out = out.replace(from, to);
    }
    out
}

fn shorten(s: &str) -> String {
    memaudit_facts::body::shorten(s)
}

/// Source-like text of a syntax node for messages: cut short past 48
/// characters, so never for code a proposal quotes (see [`code`]).
pub(crate) fn text(e: &impl ToTokens) -> String {
    shorten(&tidy(e.to_token_stream().to_string()))
}

/// Source-like text of a node, whole (never cut short) and with its
/// literals as written: proposals quote it as code.
pub(crate) fn code(e: &impl ToTokens) -> String {
    tidy(e.to_token_stream().to_string())
}

/// The lines a syntax node spans.
pub(crate) fn lines(node: &impl Spanned) -> (u32, u32) {
    let s = node.span();
    (Pos::of(s).line, Pos::end_of(s).line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(src: &str) -> String {
        let e: Expr = syn::parse_str(src).expect("an expression");
        code(&e)
    }

    #[test]
    fn code_keeps_literals_as_written_and_tidies_the_rest() {
        assert_eq!(
            code_of(r#"format!("  [{}] {} responses", status.as_str(), count)"#),
            r#"format!("  [{}] {} responses", status.as_str(), count)"#
        );
        assert_eq!(
            code_of(r#"f(" ( x ) ", '"', "a \" [ b", c [0])"#),
            r#"f(" ( x ) ", '"', "a \" [ b", c[0])"#
        );
        // Never cut short, unlike `text` for messages.
        let long =
            r#"write_line("a long format string that runs past forty-eight characters {}", x)"#;
        assert_eq!(code_of(long), long);
        assert!(text(&syn::parse_str::<Expr>(long).expect("parses")).ends_with("..."));
    }
}
