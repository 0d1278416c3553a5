//! Code signals: a syn visitor that finds the workflow spec's hot-path
//! patterns (section 1.2 "Dynamic Priority Detection", 1.4 phase 2) in one
//! parsed file — file I/O, iteration over user data, TUI rendering, large
//! serialised structs, async runtime entry points.
//!
//! It works on the syntax tree, never on text, so `// File::open` in a
//! comment or `"rows"` in a string does not fire. Code under `#[cfg(test)]`
//! and `#[test]` functions is skipped: test code is not a hot path.
//!
//! The same walk rewrites the file's standard macros into calls
//! (`memaudit_facts::macros::Expander`, node by node), so discovery walks
//! each tree once for both; the rewriting rules stay in the facts crate.
//!
//! Must NOT: read files, assign priorities or weights (that is `scoring`), or
//! keep spans alive past the parse (callers invalidate span locations right
//! after collecting, so only plain line numbers leave this module).

use std::collections::HashSet;

use memaudit_facts::ident::IdentText;
use memaudit_facts::macros::{Expander, Rewrites};
use serde::Serialize;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};

/// What a hit says about the code, in the spec's score terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// Weight ×3 in the spec's score.
    FileIo,
    /// Weight ×2.
    Iteration,
    /// Weight ×1.
    Render,
    /// `#[derive(Serialize)]` on a large struct: raises the file to at least P2.
    Serialization,
    /// `#[tokio::main]` and friends: the spec lists async runtime entry points under P0.
    AsyncEntry,
}

/// One distinct piece of evidence in a file. Hits are deduplicated by
/// `(signal, token)`, keeping the first line, so a file that calls
/// `File::open` twenty times has one `File::open` hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub kind: SignalKind,
    /// Reason signal name, e.g. `code:async_file_open`.
    pub signal: &'static str,
    /// What fired, e.g. `File::open`, `rows`, `impl Widget`.
    pub token: String,
    /// 1-based line of the first occurrence.
    pub line: u32,
    pub detail: String,
    /// Score units before the kind's multiplier: 2 for an async function that
    /// opens files (the spec's explicit P0 pattern), else 1.
    pub units: u8,
}

/// Everything scoring needs from one file, with no spans or syntax trees.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct FileSignals {
    /// Lines in the file (counted even when it was not parsed).
    pub lines: u32,
    /// False when the file was too large, unreadable or unparsable; it then
    /// has name signals only.
    pub parsed: bool,
    pub hits: Vec<Hit>,
}

/// Rewrites the standard macros of a freshly parsed file into calls (as
/// [`memaudit_facts::macros::expand_standard_macros`] does) and collects its
/// hits, sorted by line, in the same walk over the tree: each node is
/// rewritten before the collector looks into it, so the hits are those of
/// the rewritten tree.
pub fn collect(file: &mut syn::File) -> (Vec<Hit>, Rewrites) {
    let mut v = Collector::default();
    v.visit_file_mut(file);
    v.hits.sort_by_key(|h| h.line);
    (v.hits, v.expander.finish())
}

/// Identifiers that name user data when they appear as a loop's subject
/// (`for row in rows`, `self.files.iter()`). Matched against each
/// `_`-separated word, so `arrow_batches` and `pending_files` count.
const DATA_WORDS: [&str; 7] = [
    "files", "rows", "batches", "lines", "records", "entries", "chunks",
];

/// Methods that only adapt an iterator; the subject is their receiver.
const ITER_METHODS: [&str; 14] = [
    "iter",
    "iter_mut",
    "into_iter",
    "par_iter",
    "par_iter_mut",
    "into_par_iter",
    "par_bridge",
    "enumerate",
    "by_ref",
    "peekable",
    "skip",
    "take",
    "rev",
    "flatten",
];

const LARGE_STRUCT_FIELDS: usize = 8;

/// Path segments that can start a file-I/O, scan, Arrow or render hit.
const PATH_TRIGGERS: [&str; 14] = [
    "File",
    "fs",
    "Frame",
    "OpenOptions",
    "BufReader",
    "BufWriter",
    "WalkDir",
    "WalkBuilder",
    "RecordBatch",
    "RecordBatchReader",
    "RecordBatchIterator",
    "ParquetRecordBatchReader",
    "ParquetRecordBatchReaderBuilder",
    "RecordBatchStream",
];

const IO_METHODS: [&str; 4] = ["read_to_string", "read_to_end", "read_line", "write_all"];

#[derive(Default)]
struct Collector {
    hits: Vec<Hit>,
    seen: HashSet<(&'static str, String)>,
    /// Names imported from `std::fs`/`std::io`/`tokio::fs` etc., so that a
    /// bare `File` in a signature counts only when it is the file system's.
    io_imports: HashSet<String>,
    /// The `async fn` whose body is being visited, if any.
    async_fn: Option<String>,
    /// Test-only items being walked (for the expander's sake): no hits.
    quiet: u32,
    expander: Expander,
}

impl Collector {
    fn hit(
        &mut self,
        kind: SignalKind,
        signal: &'static str,
        token: &str,
        line: usize,
        detail: String,
    ) {
        if self.seen.insert((signal, token.to_string())) {
            let units = if signal == "code:async_file_open" {
                2
            } else {
                1
            };
            self.hits.push(Hit {
                kind,
                signal,
                token: token.to_string(),
                line: line as u32,
                detail,
                units,
            });
        }
    }

    fn file_io(&mut self, token: &str, line: usize) {
        self.hit(
            SignalKind::FileIo,
            "code:file_io",
            token,
            line,
            format!("uses `{token}`"),
        );
        if let Some(func) = self.async_fn.clone() {
            if opens_files(token) {
                self.hit(
                    SignalKind::FileIo,
                    "code:async_file_open",
                    &func,
                    line,
                    format!("`async fn {func}` does file I/O (`{token}`)"),
                );
            }
        }
    }

    fn iteration(&mut self, word: &str, how: &str, line: usize) {
        self.hit(
            SignalKind::Iteration,
            "code:iteration",
            word,
            line,
            format!("{how} over `{word}`"),
        );
    }

    fn render(&mut self, token: &str, line: usize) {
        self.hit(
            SignalKind::Render,
            "code:render",
            token,
            line,
            format!("TUI rendering: `{token}`"),
        );
    }

    /// Enters a function: its own hits, then the context its body is
    /// walked in, which [`Collector::leave_fn`] restores.
    fn enter_fn(&mut self, sig: &syn::Signature, attrs: &[syn::Attribute]) -> FnEntry {
        if self.quiet > 0 {
            return FnEntry::Quiet(false);
        }
        if is_test_only(attrs) {
            self.quiet += 1;
            return FnEntry::Quiet(true);
        }
        // The name is copied onto the stack; a `String` only for the few
        // functions that keep it (render functions, `async fn`s).
        let text = IdentText::of(&sig.ident);
        let name = text.as_str();
        if name == "render" || name.starts_with("render_") || name == "draw" {
            self.render(&format!("fn {name}"), sig.ident.span().start().line);
        }
        for attr in attrs {
            // Doc comments are attributes too: skip all but `*::main` cheaply.
            if attr
                .path()
                .segments
                .last()
                .is_none_or(|s| s.ident != "main")
            {
                continue;
            }
            let path = path_string(attr.path());
            if path.ends_with("::main") && path != "main" {
                self.hit(
                    SignalKind::AsyncEntry,
                    "code:async_entry",
                    &path,
                    attr.span().start().line,
                    format!("async runtime entry point `#[{path}]`"),
                );
            }
        }
        let outer = self.async_fn.take();
        self.async_fn = sig.asyncness.is_some().then(|| name.to_owned());
        FnEntry::Walked(outer)
    }

    fn leave_fn(&mut self, entry: FnEntry) {
        match entry {
            FnEntry::Quiet(muted) => self.quiet -= u32::from(muted),
            FnEntry::Walked(outer) => self.async_fn = outer,
        }
    }
}

/// How a function was entered: walked for hits (with the `async fn`
/// context to restore), or quietly (`true`: it is what made the walk quiet).
enum FnEntry {
    Walked(Option<String>),
    Quiet(bool),
}

/// Every node is walked, test code too (its macros are rewritten like any
/// other), but test code gives no hits: hooks return early when `quiet`.
impl VisitMut for Collector {
    fn visit_file_mut(&mut self, f: &mut syn::File) {
        self.expander.items(&mut f.items);
        visit_mut::visit_file_mut(self, f);
    }

    fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
        self.expander.expr(e);
        visit_mut::visit_expr_mut(self, e);
    }

    fn visit_stmt_mut(&mut self, s: &mut syn::Stmt) {
        self.expander.stmt(s);
        visit_mut::visit_stmt_mut(self, s);
    }

    fn visit_item_mod_mut(&mut self, m: &mut syn::ItemMod) {
        if let Some((_, items)) = &mut m.content {
            self.expander.items(items);
        }
        let muted = u32::from(is_test_only(&m.attrs));
        self.quiet += muted;
        visit_mut::visit_item_mod_mut(self, m);
        self.quiet -= muted;
    }

    fn visit_item_fn_mut(&mut self, f: &mut syn::ItemFn) {
        let entry = self.enter_fn(&f.sig, &f.attrs);
        visit_mut::visit_item_fn_mut(self, f);
        self.leave_fn(entry);
    }

    fn visit_impl_item_fn_mut(&mut self, f: &mut syn::ImplItemFn) {
        let entry = self.enter_fn(&f.sig, &f.attrs);
        visit_mut::visit_impl_item_fn_mut(self, f);
        self.leave_fn(entry);
    }

    fn visit_trait_item_fn_mut(&mut self, f: &mut syn::TraitItemFn) {
        let entry = self.enter_fn(&f.sig, &f.attrs);
        visit_mut::visit_trait_item_fn_mut(self, f);
        self.leave_fn(entry);
    }

    fn visit_expr_closure_mut(&mut self, c: &mut syn::ExprClosure) {
        // A closure inside an async fn runs wherever it is called; keep the
        // async context only for `async` closures.
        let outer = self.async_fn.take();
        if c.asyncness.is_some() {
            self.async_fn = outer.clone();
        }
        visit_mut::visit_expr_closure_mut(self, c);
        self.async_fn = outer;
    }

    fn visit_item_use_mut(&mut self, u: &mut syn::ItemUse) {
        // Its attributes are walked for the expander; a `use` tree holds no
        // `syn::Path`, so no path hook fires below it.
        visit_mut::visit_item_use_mut(self, u);
        if self.quiet > 0 {
            return;
        }
        // The first token's line, as `u.span()` gives it without printing
        // the item: its first outer attribute, else its visibility, else
        // `use`.
        let first = u
            .attrs
            .iter()
            .find(|a| matches!(a.style, syn::AttrStyle::Outer))
            .map(|a| a.pound_token.span)
            .or(match &u.vis {
                syn::Visibility::Public(p) => Some(p.span),
                syn::Visibility::Restricted(r) => Some(r.pub_token.span),
                syn::Visibility::Inherited => None,
            })
            .unwrap_or(u.use_token.span);
        let line = first.start().line;
        let mut paths = Vec::new();
        flatten_use(&u.tree, &mut Vec::new(), &mut paths);
        for segs in paths {
            let first = segs.first().map(String::as_str).unwrap_or("");
            let leaf = segs.last().map(String::as_str).unwrap_or("");
            let from_io = segs.iter().any(|s| s == "fs" || s == "io");
            if from_io && IO_NAMES.contains(&leaf) {
                self.io_imports.insert(leaf.to_string());
                self.file_io(leaf, line);
            } else if from_io
                && (leaf == "*" || leaf == "prelude")
                && segs.iter().any(|s| s == "io")
            {
                self.io_imports
                    .extend(["Read", "Write", "BufRead"].map(String::from));
                self.file_io("io::prelude", line);
            } else if ARROW_CRATES.contains(&first) {
                self.file_io(first, line);
            } else if RENDER_CRATES.contains(&first) {
                self.render(first, line);
            }
        }
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        // Paths are the most frequent node: copy each ident's text onto the
        // stack once (no allocation, one comparison of `&str`s per trigger
        // instead of one `Ident` comparison each), and build strings only for
        // paths that may be a hit.
        let interesting = self.quiet == 0
            && path
                .segments
                .iter()
                .any(|s| PATH_TRIGGERS.contains(&IdentText::of(&s.ident).as_str()));
        if interesting {
            let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
            let line = path.span().start().line;
            if let Some(token) = scan_token(&segs) {
                self.hit(
                    SignalKind::Iteration,
                    "code:fs_scan",
                    &token,
                    line,
                    format!("walks the file system (`{token}`)"),
                );
            } else if let Some(token) = io_token(&segs, &self.io_imports) {
                self.file_io(&token, line);
            }
            if segs
                .iter()
                .any(|s| s.starts_with("RecordBatch") || s.ends_with("RecordBatchReader"))
            {
                self.file_io("RecordBatch", line);
            }
            if segs.last().is_some_and(|s| s == "Frame") {
                self.render("Frame", line);
            }
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_expr_method_call_mut(&mut self, m: &mut syn::ExprMethodCall) {
        let id = &m.method;
        let text = IdentText::of(id);
        let method = text.as_str();
        let io = self.quiet == 0 && IO_METHODS.contains(&method);
        let iter = self.quiet == 0 && method == "for_each" || ITER_METHODS.contains(&method);
        if io || iter {
            let line = id.span().start().line;
            if io {
                self.file_io(&format!(".{method}()"), line);
            }
            if let Some(word) = subject(&m.receiver).filter(|w| iter && is_data_word(w)) {
                self.iteration(&word, &format!("`.{method}()`"), line);
            }
        }
        visit_mut::visit_expr_method_call_mut(self, m);
    }

    fn visit_expr_for_loop_mut(&mut self, f: &mut syn::ExprForLoop) {
        // `subject` reads paths, fields and method calls only, never a
        // macro: the loop's expression need not be rewritten first.
        let word = (self.quiet == 0)
            .then(|| subject(&f.expr))
            .flatten()
            .filter(|w| is_data_word(w));
        if let Some(word) = word {
            self.iteration(&word, "`for` loop", f.for_token.span.start().line);
        }
        visit_mut::visit_expr_for_loop_mut(self, f);
    }

    fn visit_expr_while_mut(&mut self, w: &mut syn::ExprWhile) {
        // `while let Some(batch) = batches.next()` is a loop over data too.
        if let (0, syn::Expr::Let(l)) = (self.quiet, &*w.cond) {
            if let Some(word) = subject(&l.expr).filter(|w| is_data_word(w)) {
                self.iteration(&word, "`while let` loop", w.while_token.span.start().line);
            }
        }
        visit_mut::visit_expr_while_mut(self, w);
    }

    fn visit_item_impl_mut(&mut self, i: &mut syn::ItemImpl) {
        if let (0, Some((_, path, _))) = (self.quiet, &i.trait_) {
            let name = path
                .segments
                .last()
                .map(|s| s.ident.to_string())
                .unwrap_or_default();
            if matches!(
                name.as_str(),
                "Widget" | "StatefulWidget" | "WidgetRef" | "StatefulWidgetRef"
            ) {
                self.render(&format!("impl {name}"), i.impl_token.span.start().line);
            }
        }
        visit_mut::visit_item_impl_mut(self, i);
    }

    fn visit_item_struct_mut(&mut self, s: &mut syn::ItemStruct) {
        let fields = s.fields.len();
        if self.quiet == 0 && fields >= LARGE_STRUCT_FIELDS && derives(&s.attrs, "Serialize") {
            let name = s.ident.to_string();
            self.hit(
                SignalKind::Serialization,
                "code:serialize_large_struct",
                &name,
                s.ident.span().start().line,
                format!("`#[derive(Serialize)]` on `{name}` with {fields} fields"),
            );
        }
        visit_mut::visit_item_struct_mut(self, s);
    }
}

const IO_NAMES: [&str; 8] = [
    "File",
    "OpenOptions",
    "BufReader",
    "BufWriter",
    "Read",
    "Write",
    "BufRead",
    "Seek",
];
const ARROW_CRATES: [&str; 7] = [
    "arrow",
    "arrow_array",
    "arrow_ipc",
    "parquet",
    "polars",
    "datafusion",
    "arrow2",
];
const RENDER_CRATES: [&str; 3] = ["ratatui", "tui", "crossterm"];

/// The file-I/O token a path stands for, if any: `File::open`,
/// `fs::read_to_string`, `tokio::fs`, `BufReader`, or a bare `File` that was
/// imported from `std::fs`.
fn io_token(segs: &[String], io_imports: &HashSet<String>) -> Option<String> {
    let names: Vec<&str> = segs.iter().map(String::as_str).collect();
    for pair in names.windows(2) {
        match pair {
            ["File", f @ ("open" | "create" | "options" | "create_new" | "from_std")] => {
                return Some(format!("File::{f}"))
            }
            ["tokio" | "async_std", "fs"] => return Some(format!("{}::fs", pair[0])),
            ["fs", f] if f.chars().next().is_some_and(char::is_lowercase) => {
                return Some(format!("fs::{f}"))
            }
            _ => {}
        }
    }
    match names.as_slice() {
        [.., "fs", "File"] => Some("File".into()),
        [.., n @ ("OpenOptions" | "BufReader" | "BufWriter")]
        | [n @ ("OpenOptions" | "BufReader" | "BufWriter"), ..] => Some((*n).to_string()),
        [n @ "File"] if io_imports.contains("File") => Some((*n).to_string()),
        _ => None,
    }
}

/// Folder listing and metadata calls: file-system scanning (spec P1), which
/// scales with the number of files rather than their size.
fn scan_token(segs: &[String]) -> Option<String> {
    let names: Vec<&str> = segs.iter().map(String::as_str).collect();
    for pair in names.windows(2) {
        if let ["fs", f @ ("read_dir" | "metadata" | "symlink_metadata" | "canonicalize" | "read_link")] =
            pair
        {
            return Some(format!("fs::{f}"));
        }
    }
    names
        .iter()
        .find(|n| matches!(**n, "WalkDir" | "WalkBuilder"))
        .map(|n| n.to_string())
}

/// Whether a file-I/O token actually opens or reads a file (as opposed to
/// naming a trait), for the "async fn + File::open" pattern.
fn opens_files(token: &str) -> bool {
    token.starts_with("File::")
        || token.starts_with("fs::")
        || token.ends_with("::fs")
        || matches!(
            token,
            "OpenOptions" | "BufReader" | ".read_to_string()" | ".read_to_end()"
        )
}

/// The name a loop iterates over: `rows` in `for r in &self.rows`,
/// `batches.iter().enumerate()`, `reader.lines()`, `fs::read_dir(p)?`.
fn subject(expr: &syn::Expr) -> Option<String> {
    use syn::Expr;
    match expr {
        Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Expr::Field(f) => match &f.member {
            syn::Member::Named(id) => Some(id.to_string()),
            syn::Member::Unnamed(_) => subject(&f.base),
        },
        Expr::Reference(r) => subject(&r.expr),
        Expr::Paren(p) => subject(&p.expr),
        Expr::Try(t) => subject(&t.expr),
        Expr::Await(a) => subject(&a.base),
        Expr::MethodCall(m) => {
            let method = m.method.to_string();
            if is_data_word(&method) {
                Some(method)
            } else if method == "next" || ITER_METHODS.contains(&method.as_str()) {
                subject(&m.receiver)
            } else {
                None
            }
        }
        Expr::Call(c) => match &*c.func {
            Expr::Path(p)
                if p.path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "read_dir") =>
            {
                Some("entries".into())
            }
            _ => None,
        },
        _ => None,
    }
}

fn is_data_word(name: &str) -> bool {
    name.to_ascii_lowercase()
        .split('_')
        .any(|w| DATA_WORDS.contains(&w))
}

fn path_string(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

/// `#[cfg(test)]` or `#[test]`: code that never runs in production.
pub(crate) fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("test")
            || (a.path().is_ident("cfg")
                && a.meta
                    .require_list()
                    .is_ok_and(|l| l.tokens.to_string() == "test"))
    })
}

fn derives(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .any(|a| {
            a.parse_args_with(
                syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
            )
            .is_ok_and(|paths| {
                paths
                    .iter()
                    .any(|p| p.segments.last().is_some_and(|s| s.ident == name))
            })
        })
}

fn flatten_use(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten_use(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => out.push(
            prefix
                .iter()
                .cloned()
                .chain([n.ident.to_string()])
                .collect(),
        ),
        syn::UseTree::Rename(r) => out.push(
            prefix
                .iter()
                .cloned()
                .chain([r.ident.to_string()])
                .collect(),
        ),
        syn::UseTree::Glob(_) => {
            out.push(prefix.iter().cloned().chain(["*".to_string()]).collect())
        }
        syn::UseTree::Group(g) => {
            for t in &g.items {
                flatten_use(t, prefix, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `src` and compares `signal token@line` lines.
    fn check(src: &str, expected: &[&str]) {
        let mut file = syn::parse_file(src).expect("test source parses");
        let got: Vec<String> = collect(&mut file)
            .0
            .iter()
            .map(|h| format!("{} {}@{}", h.signal, h.token, h.line))
            .collect();
        assert_eq!(got, expected, "hits for:\n{src}");
    }

    #[test]
    fn async_fn_opening_a_file_is_the_p0_pattern() {
        check(
            "async fn load(p: &str) -> String {\n    let f = tokio::fs::read_to_string(p).await;\n    f.unwrap()\n}",
            &["code:file_io tokio::fs@2", "code:async_file_open load@2"],
        );
    }

    #[test]
    fn sync_file_io_without_async() {
        check(
            "use std::fs::File;\nuse std::io::{BufReader, Read};\nfn f() { let _ = File::open(\"x\"); }",
            &["code:file_io File@1", "code:file_io BufReader@2", "code:file_io Read@2", "code:file_io File::open@3"],
        );
    }

    #[test]
    fn a_file_type_from_elsewhere_is_not_file_io() {
        check("use syn::File;\nfn f(x: File) {}", &[]);
    }

    #[test]
    fn loops_over_data_names() {
        check(
            "fn f(s: &S) {\n for r in &s.rows {}\n s.arrow_batches.iter().for_each(|b| ());\n for i in 0..10 {}\n while let Some(l) = lines.next() {}\n}",
            &["code:iteration rows@2", "code:iteration arrow_batches@3", "code:iteration lines@5"],
        );
    }

    #[test]
    fn read_dir_is_iteration_over_entries() {
        check(
            "fn f() { for e in std::fs::read_dir(\".\")? {} }",
            &["code:iteration entries@1", "code:fs_scan fs::read_dir@1"],
        );
    }

    #[test]
    fn render_signals() {
        check(
            "use ratatui::Frame;\nstruct W;\nimpl Widget for W { fn render(self) {} }\nfn draw(f: &mut Frame) {}",
            &["code:render ratatui@1", "code:render impl Widget@3", "code:render fn render@3", "code:render fn draw@4", "code:render Frame@4"],
        );
    }

    #[test]
    fn large_serialized_structs_only() {
        let big = format!(
            "#[derive(Debug, serde::Serialize)]\nstruct Big {{ {} }}\n#[derive(Serialize)] struct Small {{ a: u8 }}",
            (0..8).map(|i| format!("f{i}: u8")).collect::<Vec<_>>().join(", ")
        );
        check(&big, &["code:serialize_large_struct Big@2"]);
    }

    #[test]
    fn test_code_and_comments_do_not_fire() {
        check(
            "// File::open(\"x\")\nconst S: &str = \"for row in rows\";\n#[cfg(test)]\nmod tests { fn f() { std::fs::File::open(\"x\"); } }\n#[test]\nfn t() { for r in rows {} }",
            &[],
        );
    }

    #[test]
    fn async_entry_points() {
        check(
            "#[tokio::main]\nasync fn main() {}",
            &["code:async_entry tokio::main@1"],
        );
    }

    #[test]
    fn the_one_walk_rewrites_macros_as_the_expander_alone_does() {
        let src = "cfg_if::cfg_if! { if #[cfg(unix)] { fn u() { let v = vec![format!(\"{}\", 1)]; } } }\n\
            async fn f(rows: Vec<u8>) { for r in vec![rows.len()] { println!(\"{}\", r); } my!(a.clone(), |x| x); }\n\
            #[cfg(test)] mod tests { fn t() { assert_eq!(vec![1], vec![2]); } }\n\
            #[test] fn t2() { dbg!(1); }\n\
            mod m { cfg_if! { if #[cfg(a)] { fn g() { write!(w, \"x\"); } } } }\n";
        let mut alone = syn::parse_file(src).expect("parses");
        let mut walked = alone.clone();
        let expected = memaudit_facts::macros::expand_standard_macros(&mut alone);
        let (_, got) = collect(&mut walked);
        assert_eq!(format!("{alone:?}"), format!("{walked:?}"));
        let ranges = |r: &Rewrites| {
            r.macros
                .iter()
                .map(|m| {
                    (
                        m.kind,
                        m.start.byte_range(),
                        m.delim.close().byte_range(),
                        m.stmt,
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(ranges(&expected), ranges(&got));
        assert_eq!(got.macros.len(), 12, "{:?}", ranges(&got));
        proc_macro2::extra::invalidate_current_thread_spans();
    }

    #[test]
    fn a_use_hit_is_on_the_line_of_its_first_token() {
        check(
            "/// io\n#[allow(unused)]\npub(crate)\nuse std::fs::File;\npub\nuse ratatui::Frame;\nuse\nstd::io::Read;",
            &["code:file_io File@1", "code:render ratatui@5", "code:file_io Read@7"],
        );
    }

    #[test]
    fn hits_are_deduplicated_by_token() {
        check(
            "fn f() { File::open(a); File::open(b); }",
            &["code:file_io File::open@1"],
        );
    }
}
