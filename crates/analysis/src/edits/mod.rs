//! Proposals as edits: for a finding whose proposal is mechanical, the exact
//! change to the file — byte ranges and replacement text, computed from the
//! code at the finding's lines — so it can be shown as a diff, checked by the
//! compiler in a scratch copy and applied on request.
//!
//! Mechanical proposals: drop a `.clone()`/`.to_owned()`/`.to_string()`/
//! `.to_vec()` (lend or move the original), borrow instead of copying, hoist
//! a per-iteration buffer and `clear()` it, `collect` into a reused buffer,
//! `write!` into a reused `String` instead of `format!`, `with_capacity`, a
//! `&'static str` or an array instead of a heap copy of literals, unbox a
//! small value or field, reorder a `repr(C)` struct's fields, `VecDeque`
//! instead of `LinkedList`, `drop` a value before an `.await`. Everything
//! else (an arena, a new type, sharing with `Arc`, a bounded cache) is a
//! design change: it gets no edit and its proposal stays prose, "not
//! checked".
//!
//! The site is found from the finding's category, lines and proposal, in
//! the file's one syntax tree (the Analyst's, standard macros rewritten
//! into calls, read back as written through the expander's
//! [`Rewrites`]) — so an edit can be computed for any finding (the built-in
//! Analyst's, an LLM Analyst's) from the file as it is. An edit is a claim
//! the compiler then checks; this module must NOT judge whether the change
//! is right, read other files, parse the file a second time, or keep syntax
//! trees or spans past the call.

mod walk;

use std::ops::Range;

use memaudit_facts::macros::Rewrites;
use memaudit_model::{Category, Edit, Finding, Hunk};

use walk::{DerefTarget, Init, Sites, Walker};

/// The edit carrying out `finding`'s proposal in `source` (the text of
/// `rel_path`), or `None` when the proposal is a design change, the file
/// does not parse, or its site is not found at the finding's lines.
///
/// Like [`crate::analyze_source`], this parses `source` and clears the
/// calling thread's `proc-macro2` span table: do not call it while holding
/// syn trees parsed on the same thread.
pub fn edit_for(rel_path: &str, source: &str, finding: &Finding) -> Option<Edit> {
    let plan = plan(finding)?;
    let sites = memaudit_facts::parse::parse_source(rel_path, source)
        .ok()
        .map(|parsed| walk_file(source, &parsed.tree, &parsed.rewrites));
    proc_macro2::extra::invalidate_current_thread_spans();
    Ctx {
        rel_path,
        source,
        sites: &sites?,
    }
    .edit(finding, &plan)
}

/// Computes the edits of one file's findings (the Analyst's emit step),
/// from the tree the detectors read: the file is walked only when a
/// finding's proposal is mechanical, and never parsed again. Spans are left
/// for the caller to clear.
pub(crate) fn attach(
    rel_path: &str,
    source: &str,
    tree: &syn::File,
    rewrites: &Rewrites,
    findings: &mut [Finding],
) {
    let plans: Vec<Option<Plan>> = findings.iter().map(plan).collect();
    if plans.iter().all(Option::is_none) {
        return;
    }
    // The sites an edit looks for lie on its finding's lines, in the
    // function that holds them: only the bodies of functions that hold such
    // a line are walked. A field stored inline is the exception: its
    // constructions and dereferences anywhere in the file change with it.
    let mut w = Walker::new(source, rewrites);
    if !plans.iter().any(|p| matches!(p, Some(Plan::BoxInline))) {
        w.only_lines(
            findings
                .iter()
                .zip(&plans)
                .filter(|(_, p)| p.is_some())
                .map(|(f, _)| (f.line_start, f.line_end.max(f.line_start)))
                .collect(),
        );
    }
    syn::visit::Visit::visit_file(&mut w, tree);
    let sites = w.sites;
    let ctx = Ctx {
        rel_path,
        source,
        sites: &sites,
    };
    for (f, p) in findings.iter_mut().zip(plans) {
        if let Some(p) = p {
            f.edit = ctx.edit(f, &p);
        }
    }
}

fn walk_file(source: &str, tree: &syn::File, rewrites: &Rewrites) -> Sites {
    let mut w = Walker::new(source, rewrites);
    syn::visit::Visit::visit_file(&mut w, tree);
    w.sites
}

/// What kind of change a proposal asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Plan {
    /// Drop the copying call, or borrow its receiver.
    Copy,
    /// Hoist a per-iteration buffer and `clear()` it.
    Hoist,
    /// `write!` into a reused `String` instead of `format!`.
    FormatInto,
    /// `clear()` + `extend()` a reused buffer instead of `collect()`.
    CollectInto,
    /// `target.push_str(&format!(..))` → `write!(target, ..)`.
    WriteInto,
    /// `Vec::with_capacity(<expr>)`.
    WithCapacity(String),
    /// A literal `String`/`Vec`/`Box` local kept off the heap.
    HeapLocal,
    /// `Box<T>` → `T` where the type is written.
    BoxInline,
    /// Field order of a `repr(C)` struct.
    Reorder(Vec<String>),
    /// `LinkedList` → `VecDeque`.
    VecDeque,
    /// `drop(name)` after the statement on `line`.
    DropEarly { name: String, line: u32 },
}

fn plan(f: &Finding) -> Option<Plan> {
    let p = f.proposal.as_str();
    match f.category {
        Category::UnnecessaryClone => {
            // Sharing one copy changes a type: a design change.
            (!p.contains("Arc") && !p.contains("Rc<") && !p.contains("Cow")).then_some(Plan::Copy)
        }
        Category::AllocationLoop => {
            if let Some(cap) = call_arg(p, "with_capacity(") {
                Some(Plan::WithCapacity(cap))
            } else if p.contains("writes straight into the target String") {
                // Formatting straight into the `String` it was copied into.
                Some(Plan::WriteInto)
            } else if p.contains("write!(") {
                Some(Plan::FormatInto)
            } else if p.contains(".extend(") && p.contains(".clear()") {
                Some(Plan::CollectInto)
            } else if p.contains(".clear()") {
                Some(Plan::Hoist)
            } else if code_lines(p).any(|l| l.contains("= &") || l.starts_with('&')) {
                Some(Plan::Copy)
            } else {
                None
            }
        }
        Category::HeapAvoidable => {
            if p.contains("no Box") || p.trim_end().ends_with(',') {
                Some(Plan::BoxInline)
            } else {
                Some(Plan::HeapLocal)
            }
        }
        Category::CacheHostile => {
            if p.contains("alignment first") {
                let order = p.lines().last()?.trim().strip_prefix("//")?;
                Some(Plan::Reorder(
                    order.split(',').map(|s| s.trim().to_owned()).collect(),
                ))
            } else if p.contains("VecDeque") && !p.contains("struct") {
                Some(Plan::VecDeque)
            } else {
                None
            }
        }
        Category::LifetimeExtension => {
            let rest = p.split("After the last use of `").nth(1)?;
            let (name, rest) = rest.split_once('`')?;
            let line = rest
                .split("(line ")
                .nth(1)?
                .split(')')
                .next()?
                .trim()
                .parse()
                .ok()?;
            p.contains(&format!("drop({name})"))
                .then(|| Plan::DropEarly {
                    name: name.to_owned(),
                    line,
                })
        }
        Category::ArenaCandidate => None,
    }
}

/// Lines of a proposal that are code, not comments.
fn code_lines(p: &str) -> impl Iterator<Item = &str> {
    p.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("```"))
}

/// The balanced argument text after `open` (which ends with `(`).
fn call_arg(p: &str, open: &str) -> Option<String> {
    let start = p.find(open)? + open.len();
    let mut depth = 1;
    for (i, c) in p[start..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    let arg = p[start..start + i].trim();
                    return (!arg.is_empty()).then(|| arg.to_owned());
                }
            }
            _ => {}
        }
    }
    None
}

/// Text with all whitespace removed, to compare code written differently.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

struct Ctx<'a> {
    rel_path: &'a str,
    source: &'a str,
    sites: &'a Sites,
}

/// A replacement before it becomes a [`Hunk`].
struct Change {
    range: Range<usize>,
    text: String,
}

fn replace(range: Range<usize>, text: impl Into<String>) -> Change {
    Change {
        range,
        text: text.into(),
    }
}

fn insert(at: usize, text: impl Into<String>) -> Change {
    Change {
        range: at..at,
        text: text.into(),
    }
}

impl Ctx<'_> {
    fn text(&self, r: &Range<usize>) -> &str {
        self.source.get(r.clone()).unwrap_or("")
    }

    fn in_lines(f: &Finding, line: u32) -> bool {
        line >= f.line_start && line <= f.line_end.max(f.line_start)
    }

    fn edit(&self, f: &Finding, plan: &Plan) -> Option<Edit> {
        let (summary, changes) = match plan {
            Plan::Copy => self.copy(f)?,
            Plan::Hoist => self.hoist(f)?,
            Plan::FormatInto => self.format_into(f)?,
            Plan::WriteInto => self.write_into(f)?,
            Plan::CollectInto => self.collect_into(f)?,
            Plan::WithCapacity(cap) => self.with_capacity(f, cap)?,
            Plan::HeapLocal => self.heap_local(f)?,
            Plan::BoxInline => self.box_inline(f)?,
            Plan::Reorder(order) => self.reorder(f, order)?,
            Plan::VecDeque => self.vec_deque(f)?,
            Plan::DropEarly { name, line } => self.drop_early(f, name, *line)?,
        };
        self.finish(summary, changes)
    }

    /// Sorts the changes, refuses overlapping or empty ones, and turns them
    /// into hunks with their original text and line.
    fn finish(&self, summary: String, mut changes: Vec<Change>) -> Option<Edit> {
        changes.retain(|c| !(c.range.is_empty() && c.text.is_empty()));
        if changes.is_empty() {
            return None;
        }
        changes.sort_by_key(|c| (c.range.start, c.range.end));
        for w in changes.windows(2) {
            if w[1].range.start < w[0].range.end {
                return None;
            }
        }
        let mut hunks = Vec::with_capacity(changes.len());
        for c in changes {
            let original = self.source.get(c.range.clone())?.to_owned();
            if original == c.text {
                continue;
            }
            let line = self.source[..c.range.start].matches('\n').count() as u32 + 1;
            hunks.push(Hunk {
                file: self.rel_path.to_owned(),
                start: u32::try_from(c.range.start).ok()?,
                end: u32::try_from(c.range.end).ok()?,
                line,
                original,
                replacement: c.text,
            });
        }
        (!hunks.is_empty()).then_some(Edit { summary, hunks })
    }

    /// The `let` statement starting on the finding's first line.
    fn let_at(&self, f: &Finding) -> Option<&walk::Let> {
        self.sites.lets.iter().find(|l| l.line == f.line_start)
    }

    /// A name for a new local that no identifier of the function uses.
    fn fresh_name(&self, fn_id: Option<usize>, want: &str) -> String {
        let body = fn_id
            .and_then(|i| self.sites.fns.get(i))
            .map(|b| self.text(&b.range))
            .unwrap_or(self.source);
        let taken = |n: &str| {
            body.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|w| w == n)
        };
        if !taken(want) {
            return want.to_owned();
        }
        (2..)
            .map(|i| format!("{want}{i}"))
            .find(|n| !taken(n))
            .unwrap_or_else(|| want.to_owned())
    }

    fn copy(&self, f: &Finding) -> Option<(String, Vec<Change>)> {
        let in_range: Vec<&walk::CopyCall> = self
            .sites
            .copies
            .iter()
            .filter(|c| Self::in_lines(f, c.line))
            .collect();
        let code: String = code_lines(&f.proposal).collect::<Vec<_>>().join("\n");
        let proposal = squash(&code);
        // The copy whose receiver the proposal names, else the first.
        let call = in_range
            .iter()
            .find(|c| proposal.contains(&squash(self.text(&c.recv))))
            .or_else(|| in_range.first())?;
        let recv = self.text(&call.recv);
        let borrow = !call.lent && proposal.contains(&format!("&{}", squash(recv)));
        if borrow {
            Some((
                format!("borrow `{recv}` instead of `.{}()`", call.method),
                vec![replace(call.call.clone(), format!("&{recv}"))],
            ))
        } else {
            Some((
                format!("drop the `.{}()`", call.method),
                vec![replace(call.recv.end..call.call.end, "")],
            ))
        }
    }

    fn hoist(&self, f: &Finding) -> Option<(String, Vec<Change>)> {
        let l = self.let_at(f)?;
        let name = l.name.as_deref()?;
        let anchor = l.anchor.as_ref()?;
        if anchor.loop_names.iter().any(|n| n == name) {
            // The name is bound again in the loop before this `let`: the
            // hoisted binding would be shadowed where it is cleared.
            return None;
        }
        let init = match &l.init_kind {
            Init::Ctor { ty, func, args } if func == "new" || func == "with_capacity" => {
                let mentions_loop = args.iter().any(|a| {
                    self.text(a)
                        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .any(|w| anchor.loop_names.iter().any(|n| n == w))
                });
                if mentions_loop {
                    format!("{ty}::new()")
                } else {
                    self.text(l.init.as_ref()?).to_owned()
                }
            }
            Init::VecMacro { empty: true, .. } => "Vec::new()".to_owned(),
            _ => return None,
        };
        let ty =
            l.ty.as_ref()
                .map(|t| format!(": {}", self.text(t)))
                .unwrap_or_default();
        Some((
            format!("hoist `{name}` out of the loop and `clear()` it each iteration"),
            vec![
                insert(
                    anchor.at,
                    format!("let mut {name}{ty} = {init};\n{}", anchor.indent),
                ),
                replace(l.stmt.clone(), format!("{name}.clear();")),
            ],
        ))
    }

    /// `target.push_str(&format!(..))` → `write!(target, ..).unwrap()`: the
    /// text goes straight into the target, with no `String` in between.
    fn write_into(&self, f: &Finding) -> Option<(String, Vec<Change>)> {
        let m = self
            .sites
            .macros
            .iter()
            .find(|m| m.name == "format" && Self::in_lines(f, m.line))?;
        let pushed = self
            .sites
            .pushed_formats
            .iter()
            .find(|p| p.format_at == m.range.start)?;
        let args = self.text(&m.inner).trim();
        let target = self.text(&pushed.recv).trim();
        // `use` inside a block expression keeps the import next to its use
        // (an underscore import never clashes with another).
        Some((
            format!("`write!` straight into `{target}` instead of pushing a `format!`"),
            vec![replace(
                pushed.call.clone(),
                format!("{{ use std::fmt::Write as _; write!({target}, {args}).unwrap() }}"),
            )],
        ))
    }

    fn format_into(&self, f: &Finding) -> Option<(String, Vec<Change>)> {
        let m = self
            .sites
            .macros
            .iter()
            .find(|m| m.name == "format" && Self::in_lines(f, m.line))?;
        let anchor = m.anchor.as_ref()?;
        let args = self.text(&m.inner).trim();
        let bound = self
            .sites
            .lets
            .iter()
            .find(|l| l.init.as_ref() == Some(&m.range) && l.ty.is_none())
            .and_then(|l| l.name.as_deref().map(|n| (l, n)));
        // The edit leaves a `&str` where a `String` was: it is only made
        // when every use of the value is one a `&str` satisfies.
        let str_only = match bound {
            Some((l, name)) => self.uses_only_as_str(l, name),
            None => self.str_use(m.range.start),
        };
        if !str_only {
            return None;
        }
        let want = bound.map_or_else(|| "buf".to_owned(), |(_, n)| format!("{n}_buf"));
        let buf = self.fresh_name(m.fn_id, &want);
        let hoisted = insert(
            anchor.at,
            format!(
                "use std::fmt::Write as _;\n{0}let mut {buf} = String::new();\n{0}",
                anchor.indent
            ),
        );
        let write = format!("write!({buf}, {args}).unwrap();");
        let at_site = match bound {
            Some((l, name)) => {
                let ind = walk::indent_at(self.source, l.stmt.start);
                replace(
                    l.stmt.clone(),
                    format!("{buf}.clear();\n{ind}{write}\n{ind}let {name} = {buf}.as_str();"),
                )
            }
            None => replace(
                m.range.clone(),
                format!("{{ {buf}.clear(); {write} {buf}.as_str() }}"),
            ),
        };
        Some((
            format!("`write!` into one reused `String` (`{buf}`) instead of `format!`"),
            vec![hoisted, at_site],
        ))
    }

    /// Whether the value at `at` (a local's use or a `format!` call) stands
    /// where a `&str` serves as well as a `String`: read by a `str` method,
    /// pushed into another `String`, formatted, compared, or passed to a
    /// function of this file that takes `&str` there.
    fn str_use(&self, at: usize) -> bool {
        self.sites.str_uses.contains(&at)
            || self.sites.call_args.iter().any(|a| {
                a.at == at
                    && self
                        .sites
                        .fn_params
                        .get(&(a.callee.clone(), a.method))
                        .is_some_and(|defs| {
                            defs.iter()
                                .all(|d| d.get(a.index).copied().unwrap_or(false))
                        })
            })
    }

    /// Whether every mention of `name` after `l` (to the end of its
    /// function, or to a later `let` of the same name in the same block)
    /// is a `&str` use or an inline argument of a formatting macro
    /// (`"{name}"`). Mentions are found in the text, so one the walk could
    /// not classify (inside an unknown macro, a struct literal's shorthand,
    /// a `return`) refuses the edit.
    fn uses_only_as_str(&self, l: &walk::Let, name: &str) -> bool {
        let Some(body) = l.fn_id.and_then(|i| self.sites.fns.get(i)) else {
            return false;
        };
        // The scope to search, and a shadowing `let`'s initialiser (which
        // still sees this binding).
        let mut scope = l.stmt.end..body.range.end;
        let mut shadow_init = None;
        if let Some(next) = self
            .sites
            .lets
            .iter()
            .filter(|n| {
                n.block == l.block && n.stmt.start >= l.stmt.end && n.name.as_deref() == Some(name)
            })
            .min_by_key(|n| n.stmt.start)
        {
            scope = l.stmt.end..next.stmt.start;
            shadow_init = next.init.clone();
        }
        let bytes = self.source.as_bytes();
        let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        for r in std::iter::once(scope).chain(shadow_init) {
            let Some(text) = self.source.get(r.clone()) else {
                return false;
            };
            for (i, _) in text.match_indices(name) {
                let at = r.start + i;
                let end = at + name.len();
                if (at > 0 && ident(bytes[at - 1])) || bytes.get(end).is_some_and(|&b| ident(b)) {
                    continue;
                }
                let before = self.source[..at].trim_end();
                let after = &self.source[end..];
                // `x.name` and `path::name` are other things of that name.
                if before.ends_with('.') || before.ends_with("::") || after.starts_with("::") {
                    continue;
                }
                let inline = before.ends_with('{')
                    && (after.starts_with('}') || after.starts_with(':'))
                    && self.sites.macros.iter().any(|m| {
                        walk::FORMAT_MACROS.contains(&m.name.as_str()) && m.inner.contains(&at)
                    });
                if !inline && !self.str_use(at) {
                    return false;
                }
            }
        }
        true
    }

    fn collect_into(&self, f: &Finding) -> Option<(String, Vec<Change>)> {
        let l = self.let_at(f)?;
        let name = l.name.as_deref()?;
        let anchor = l.anchor.as_ref()?;
        let Init::Collect { iter, turbofish } = &l.init_kind else {
            return None;
        };
        if anchor.loop_names.iter().any(|n| n == name) {
            return None;
        }
        let ty = l.ty.as_ref().or(turbofish.as_ref())?;
        let ty_text = self.text(ty);
        let head = ty_text.split('<').next()?.trim();
        let head = head.rsplit("::").next()?;
        let known = [
            "Vec", "String", "HashMap", "HashSet", "BTreeMap", "BTreeSet", "VecDeque",
        ];
        if !known.contains(&head) {
            return None;
        }
        let ind = walk::indent_at(self.source, l.stmt.start);
        Some((
            format!("reuse one `{head}` for `{name}`: `clear()` and `extend()` it each iteration"),
            vec![
                insert(
                    anchor.at,
                    format!(
                        "let mut {name}: {ty_text} = {head}::new();\n{}",
                        anchor.indent
                    ),
                ),
                replace(
                    l.stmt.clone(),
                    format!("{name}.clear();\n{ind}{name}.extend({});", self.text(iter)),
                ),
            ],
        ))
    }

    fn with_capacity(&self, f: &Finding, cap: &str) -> Option<(String, Vec<Change>)> {
        let l = self.let_at(f)?;
        let empty_vec = match &l.init_kind {
            Init::Ctor { ty, func, args } => ty == "Vec" && func == "new" && args.is_empty(),
            Init::VecMacro { empty, .. } => *empty,
            _ => false,
        };
        if !empty_vec {
            return None;
        }
        Some((
            format!("reserve `{cap}` up front with `Vec::with_capacity`"),
            vec![replace(
                l.init.clone()?,
                format!("Vec::with_capacity({cap})"),
            )],
        ))
    }

    fn heap_local(&self, f: &Finding) -> Option<(String, Vec<Change>)> {
        let l = self.let_at(f)?;
        let init = l.init.clone()?;
        match &l.init_kind {
            Init::StrLit { lit } => {
                let mut changes = vec![replace(init, self.text(lit))];
                if let Some(ty) = &l.ty {
                    changes.push(replace(ty.clone(), "&str"));
                }
                Some(("keep the literal a `&'static str`".to_owned(), changes))
            }
            Init::VecMacro {
                inner,
                empty: false,
            } if l.ty.is_none() => Some((
                "an array instead of a `Vec` of literals".to_owned(),
                vec![replace(init, format!("[{}]", self.text(inner)))],
            )),
            Init::BoxNew { arg } => {
                let name = l.name.as_deref()?;
                let mut changes = vec![replace(init, self.text(arg))];
                if let Some(ty) = &l.ty {
                    let inner = self
                        .sites
                        .types
                        .iter()
                        .find(|t| t.name == "Box" && t.range == *ty)?
                        .inner
                        .clone()?;
                    changes.push(replace(ty.clone(), self.text(&inner)));
                }
                // `*name` after the `let` reads the value itself now.
                for d in &self.sites.derefs {
                    if d.fn_id == l.fn_id
                        && d.at > l.stmt.end
                        && d.target == DerefTarget::Local(name.to_owned())
                    {
                        changes.push(replace(d.star.clone(), ""));
                    }
                }
                Some((format!("keep `{name}` on the stack, no `Box`"), changes))
            }
            _ => None,
        }
    }

    fn box_inline(&self, f: &Finding) -> Option<(String, Vec<Change>)> {
        let t = self
            .sites
            .types
            .iter()
            .find(|t| t.name == "Box" && Self::in_lines(f, t.line) && t.inner.is_some())?;
        let inner = t.inner.clone()?;
        let inner_text = self.text(&inner);
        let mut changes = vec![replace(t.range.clone(), inner_text)];
        match &t.field_of {
            Some((sname, field)) => {
                for b in &self.sites.boxed_inits {
                    if &b.struct_name == sname && &b.field == field {
                        changes.push(replace(b.range.clone(), self.text(&b.arg)));
                    }
                }
                // `*x.field` reads the value itself now, unless another
                // struct of the file has a field of that name.
                let shared_name = self
                    .sites
                    .structs
                    .iter()
                    .filter(|s| s.fields.iter().any(|x| &x.name == field))
                    .count()
                    > 1;
                if !shared_name {
                    for d in &self.sites.derefs {
                        if d.target == DerefTarget::Field(field.clone()) {
                            changes.push(replace(d.star.clone(), ""));
                        }
                    }
                }
                Some((format!("store `{field}` inline as `{inner_text}`"), changes))
            }
            None => {
                if let Some(l) = self
                    .sites
                    .lets
                    .iter()
                    .find(|l| l.ty.as_ref() == Some(&t.range))
                {
                    if let (Init::BoxNew { arg }, Some(init)) = (&l.init_kind, &l.init) {
                        changes.push(replace(init.clone(), self.text(arg)));
                    }
                }
                Some((format!("`{inner_text}` inline, no `Box`"), changes))
            }
        }
    }

    fn reorder(&self, f: &Finding, order: &[String]) -> Option<(String, Vec<Change>)> {
        let s = self
            .sites
            .structs
            .iter()
            .find(|s| s.line == f.line_start && s.repr_c)?;
        let mut names: Vec<&str> = s.fields.iter().map(|x| x.name.as_str()).collect();
        let mut wanted: Vec<&str> = order.iter().map(String::as_str).collect();
        names.sort_unstable();
        wanted.sort_unstable();
        if names != wanted || names.iter().any(|n| n.is_empty()) {
            return None;
        }
        let mut changes = Vec::new();
        for (slot, want) in s.fields.iter().zip(order) {
            if &slot.name != want {
                let field = s.fields.iter().find(|x| &x.name == want)?;
                changes.push(replace(slot.range.clone(), self.text(&field.range)));
            }
        }
        Some((
            format!("declare `{}`'s fields largest alignment first", s.name),
            changes,
        ))
    }

    fn vec_deque(&self, f: &Finding) -> Option<(String, Vec<Change>)> {
        let mut changes = Vec::new();
        if let Some(l) = self.let_at(f) {
            if let (Init::Ctor { ty, func, args }, Some(init)) = (&l.init_kind, &l.init) {
                if ty == "LinkedList" && func == "new" && args.is_empty() {
                    changes.push(replace(init.clone(), "std::collections::VecDeque::new()"));
                }
            }
        }
        for t in &self.sites.types {
            if t.name == "LinkedList" && Self::in_lines(f, t.line) {
                let inner = t.inner.as_ref().map_or("_", |i| self.text(i));
                changes.push(replace(
                    t.range.clone(),
                    format!("std::collections::VecDeque<{inner}>"),
                ));
            }
        }
        (!changes.is_empty())
            .then(|| ("a `VecDeque` instead of a `LinkedList`".to_owned(), changes))
    }

    fn drop_early(&self, f: &Finding, name: &str, line: u32) -> Option<(String, Vec<Change>)> {
        let l = self
            .sites
            .lets
            .iter()
            .find(|l| Self::in_lines(f, l.line) && l.name.as_deref() == Some(name))?;
        let block = self.sites.blocks.get(l.block?)?;
        let stmt = block
            .stmts
            .iter()
            .find(|s| s.line <= line && line <= s.end_line && s.range.start >= l.stmt.start)?;
        if stmt.tail {
            return None;
        }
        let ind = walk::indent_at(self.source, stmt.range.start);
        Some((
            format!("`drop({name})` right after its last use"),
            vec![insert(stmt.range.end, format!("\n{ind}drop({name});"))],
        ))
    }
}

#[cfg(test)]
mod tests;
