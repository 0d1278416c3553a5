//! The Validator's view of a file: the shared facts of [`memaudit_facts`]
//! (the one reading of syntax that the Analyst uses too) arranged the way
//! the rules ask their questions — every allocation, clone, `Box` type and
//! type definition as a [`Site`] with its context (loops, error path, test
//! code, spawned task, branch, what consumes the value), and per function
//! the bindings, the uses of each place, the `move` scopes and the pushes.
//!
//! This module must NOT read syntax: it only rearranges facts. It must NOT
//! decide verdicts either.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use memaudit_facts::body::{
    ClosureKind, LoopKind as FactLoop, Sink, SiteKind as FactSite, UseKind as FactUse,
};
use memaudit_facts::items::{FileFacts as Facts, TypeOwner, TypeSiteKind};
pub(crate) use memaudit_facts::Pos;

/// How a loop repeats the code inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LoopKind {
    For,
    While,
    Loop,
    /// A closure passed to an iterator adaptor (`map`, `for_each`, …).
    Iterator(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LoopCtx {
    pub kind: LoopKind,
    pub line: u32,
    pub body_start: Pos,
    pub body_end: Pos,
    /// The body runs on several threads (rayon `par_iter` chains).
    pub parallel: bool,
    /// What is iterated: the `for` loop's expression or the adaptor's
    /// receiver; empty for `while`/`loop`.
    pub source: String,
}

impl LoopCtx {
    pub fn describe(&self) -> String {
        let what = match &self.kind {
            LoopKind::For => "`for` loop".to_owned(),
            LoopKind::While => "`while` loop".to_owned(),
            LoopKind::Loop => "`loop`".to_owned(),
            LoopKind::Iterator(m) => format!("`.{m}(..)` closure"),
        };
        format!("{what} at line {}", self.line)
    }
}

/// Where a site sits: the context the Validator's rules look at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Ctx {
    /// Index into `FileFacts::fns` of the innermost named function.
    pub fn_idx: Option<usize>,
    /// Enclosing loops, outermost first.
    pub loops: Vec<LoopCtx>,
    /// Why this code only runs on an error or cold path.
    pub cold: Option<String>,
    /// Why this is test code.
    pub test: Option<String>,
    /// Inside the body of a spawned task (closure or async block).
    pub task: Option<String>,
    /// Inside an argument of a spawn call that is evaluated by the spawning
    /// thread and moved into the task, e.g. `tokio::spawn(serve(db.clone()))`.
    pub spawn_arg: Option<String>,
    /// The struct or enum whose definition encloses a type.
    pub item: Option<String>,
    /// The part of a function signature a type is written in.
    pub sig: Option<String>,
    /// Start of the innermost `if`/`else` branch or match arm.
    pub branch: Option<Pos>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SiteKind {
    /// `x.clone()`, `x.to_owned()`, `Arc::clone(&x)`, …
    Clone {
        /// The place expression cloned, e.g. `row.name` (None for a temporary).
        receiver: Option<String>,
        via: String,
    },
    /// An expression that allocates: `Vec::new()`, `format!`, `.to_string()`, …
    Alloc { what: String },
    /// A `Box<T>` type.
    BoxType {
        inner: String,
        dyn_trait: bool,
        /// Type names `T` contains by value (not behind another pointer).
        by_value: Vec<String>,
        /// The type the box is an argument of (`Vec` in `Vec<Box<T>>`).
        container: Option<String>,
        /// Some enclosing type already holds the box behind a pointer.
        indirect: bool,
    },
    /// A struct or enum definition.
    Item { name: String },
    /// `Arc<Vec<T>>`, `Rc<String>`, … written in a type: a buffer that
    /// sharing freezes, behind a second heap block.
    SharedBuffer {
        /// `Arc` or `Rc`.
        handle: String,
        /// `Vec<T>`, `String`, `PathBuf` or `OsString`.
        buffer: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Site {
    pub kind: SiteKind,
    pub start: Pos,
    pub end: Pos,
    pub ctx: Ctx,
    /// What consumes the value directly, e.g. `.push(..)`, `return`.
    pub sink: Option<String>,
    /// The shared facts' own record of this site (`fns[f].facts.sites[i]`)
    /// for rules that follow the value: where it goes, who uses it.
    pub raw: Option<(usize, usize)>,
}

impl Site {
    pub fn label(&self) -> String {
        match &self.kind {
            SiteKind::Clone { receiver, via } => match receiver {
                Some(r) if via.starts_with('.') => format!("`{r}{via}`"),
                Some(r) => format!("`{via}(&{r})`"),
                None => format!("`{via}`"),
            },
            SiteKind::Alloc { what } => format!("`{what}`"),
            SiteKind::BoxType { inner, .. } => format!("`Box<{inner}>`"),
            SiteKind::Item { name } => format!("`{name}`"),
            SiteKind::SharedBuffer { handle, buffer } => format!("`{handle}<{buffer}>`"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UseKind {
    Read,
    /// Mutated through the named operation (`push`, `=`, `&mut`, …).
    Mutate(String),
    /// Moved into the named consumer (`consume(..)`, `.push(..)`, `return`, …).
    Move(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Use {
    pub key: String,
    pub pos: Pos,
    pub kind: UseKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Binding {
    pub name: String,
    pub ty: Option<String>,
    pub init: Option<String>,
    pub pos: Pos,
    /// Span of the initialiser with `?`, `.await` and parentheses stripped.
    pub init_span: Option<(Pos, Pos)>,
}

/// A `move` closure, `async move` block or spawned closure: what it captures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MoveScope {
    pub kind: String,
    pub start: Pos,
    pub end: Pos,
    pub idents: BTreeSet<String>,
    /// The scope must be `'static` (a spawned thread or task).
    pub static_task: bool,
}

/// A `.push(..)`-like call that grows a place: where it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Push {
    pub key: String,
    pub method: String,
    pub pos: Pos,
    /// Enclosing loops, outermost first.
    pub loops: Vec<LoopCtx>,
    /// Start of the innermost enclosing branch, if any.
    pub branch: Option<Pos>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct FnFacts {
    pub name: String,
    pub public: bool,
    pub is_async: bool,
    pub trait_impl: bool,
    pub self_ty: Option<String>,
    /// `Some(true)` for a `&mut self` method, `Some(false)` for `&self` or
    /// `self`, `None` for a function without a receiver.
    pub self_mut: Option<bool>,
    pub start: Pos,
    pub end: Pos,
    pub params: Vec<(String, String)>,
    pub ret: Option<String>,
    pub bindings: Vec<Binding>,
    pub uses: Vec<Use>,
    pub move_scopes: Vec<MoveScope>,
    pub calls: BTreeSet<String>,
    /// Calls that add one element to a collection or string.
    pub pushes: Vec<Push>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct TypeItem {
    pub copy: bool,
    pub fields: Vec<(String, String)>,
    /// Type names held by value in the fields (the "contains" graph).
    pub by_value: BTreeSet<String>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct FileFacts {
    pub fns: Vec<FnFacts>,
    pub sites: Vec<Site>,
    pub types: BTreeMap<String, TypeItem>,
    /// The shared facts this view arranges, for the questions a flat view
    /// cannot answer (which binding a use is of, where a value flows).
    pub raw: Arc<Facts>,
}

impl FileFacts {
    /// A type by name: the file's own, else one the workspace declares
    /// elsewhere (the shared table's parent, when the pass gave it one).
    pub fn type_item(&self, name: &str) -> Option<std::borrow::Cow<'_, TypeItem>> {
        if let Some(t) = self.types.get(name) {
            return Some(std::borrow::Cow::Borrowed(t));
        }
        let def = self.raw.table.get(name)?;
        Some(std::borrow::Cow::Owned(type_item(def)))
    }

    /// Sites starting on lines `first..=last`.
    pub fn sites_in(&self, first: u32, last: u32) -> &[Site] {
        let from = self.sites.partition_point(|s| s.start.line < first);
        let to = self.sites.partition_point(|s| s.start.line <= last);
        &self.sites[from..to.max(from)]
    }
}

/// Parses a file with the shared facts layer and arranges its facts. The
/// caller must invalidate the thread's span table afterwards.
pub(crate) fn gather(source: &str) -> Result<FileFacts, memaudit_facts::parse::ParseError> {
    let file = memaudit_facts::parse::parse_source("", source)?.tree;
    let mut syntax = memaudit_facts::Syntax::default();
    let facts =
        memaudit_facts::items::gather(&file, &memaudit_facts::FileContext::default(), &mut syntax);
    Ok(view(&Arc::new(facts)))
}

fn loop_ctx(f: &memaudit_facts::FnFacts, loop_id: u32) -> Vec<LoopCtx> {
    f.loop_chain(loop_id)
        .into_iter()
        .map(|id| {
            let l = &f.loops[id as usize];
            LoopCtx {
                kind: match &l.kind {
                    FactLoop::For => LoopKind::For,
                    FactLoop::While => LoopKind::While,
                    FactLoop::Loop => LoopKind::Loop,
                    FactLoop::Iter(a) => LoopKind::Iterator(a.to_string()),
                },
                line: l.start.line,
                body_start: l.body.start,
                body_end: l.body.end,
                parallel: l.parallel,
                source: l.source.clone(),
            }
        })
        .collect()
}

fn sink_text(s: &Sink) -> String {
    match s {
        Sink::Element => "`vec![..]`".to_owned(),
        other => other.describe(),
    }
}

fn via(kind: FactSite) -> &'static str {
    match kind {
        FactSite::Clone => ".clone()",
        FactSite::ToOwned => ".to_owned()",
        FactSite::ToString => ".to_string()",
        FactSite::ToVec => ".to_vec()",
        FactSite::RcClone => "Arc::clone",
        _ => "",
    }
}

fn type_item(def: &memaudit_facts::types::TypeDef) -> TypeItem {
    let mut ti = TypeItem {
        copy: def.copy,
        ..TypeItem::default()
    };
    if let memaudit_facts::types::DefKind::Struct(fields) = &def.kind {
        ti.fields = fields
            .iter()
            .map(|(n, t)| (n.clone(), t.to_string()))
            .collect();
    }
    ti.by_value = def.by_value_names().into_iter().collect();
    ti
}

/// Arranges the shared facts of a file for the Validator.
pub(crate) fn view(shared: &Arc<Facts>) -> FileFacts {
    let ff: &Facts = shared;
    let mut out = FileFacts {
        raw: Arc::clone(shared),
        ..FileFacts::default()
    };
    for (i, item) in ff.fns.iter().enumerate() {
        let f = &item.facts;
        let mut fv = FnFacts {
            name: item.name.to_string(),
            public: item.public,
            is_async: item.is_async,
            trait_impl: item.trait_name.is_some() && !item.in_trait_def,
            self_ty: item.self_ty.as_ref().map(|s| s.to_string()),
            start: item.range.start,
            end: item.range.end,
            params: item
                .sig
                .params
                .iter()
                .map(|(n, t)| (n.clone(), t.to_string()))
                .collect(),
            ret: item.sig.ret.as_ref().map(|t| t.to_string()),
            calls: f.calls.iter().map(|c| c.callee.name().to_owned()).collect(),
            self_mut: f
                .bindings
                .iter()
                .find(|b| b.kind == memaudit_facts::body::BindKind::SelfParam)
                .map(|b| {
                    b.mutable
                        || matches!(
                            &b.written,
                            Some(memaudit_facts::Ty::Ref { mutable: true, .. })
                        )
                }),
            ..FnFacts::default()
        };
        for b in &f.bindings {
            if b.kind != memaudit_facts::body::BindKind::Let {
                continue;
            }
            fv.bindings.push(Binding {
                name: b.name.to_string(),
                ty: b.written.as_ref().map(|t| t.to_string()),
                init: b.init.as_ref().map(|i| i.text.clone()),
                pos: Pos::new(b.stmt_lines.0, 0),
                init_span: b.init.as_ref().map(|i| (i.range.start, i.range.end)),
            });
        }
        for u in &f.uses {
            let kind = match &u.kind {
                FactUse::Read | FactUse::Ref | FactUse::Recv(_) | FactUse::Field(_) => {
                    UseKind::Read
                }
                FactUse::Mutate(op) => UseKind::Mutate(op.to_string()),
                FactUse::MutRecv(m) => UseKind::Mutate(format!(".{m}(..)")),
                FactUse::Move(s) => UseKind::Move(sink_text(s)),
            };
            if let FactUse::MutRecv(m) = &u.kind {
                if matches!(m.as_str(), "push" | "push_back" | "push_str" | "insert") {
                    fv.pushes.push(Push {
                        key: u.place.to_string(),
                        method: m.to_string(),
                        pos: u.pos,
                        loops: loop_ctx(f, u.loop_id),
                        branch: u.branch,
                    });
                }
            }
            fv.uses.push(Use {
                key: u.place.to_string(),
                pos: u.pos,
                kind,
            });
        }
        fv.uses.sort_by_key(|u| u.pos);
        for (ci, c) in f.closures.iter().enumerate().skip(1) {
            if !c.is_move && c.spawned_by.is_none() {
                continue;
            }
            let idents: BTreeSet<String> = f
                .uses
                .iter()
                .filter(|u| f.closure_within(u.closure_id, ci as u32))
                .filter(|u| !f.closure_within(f.bindings[u.binding as usize].closure_id, ci as u32))
                .map(|u| f.bindings[u.binding as usize].name.to_string())
                .collect();
            let kind = match (&c.spawned_by, c.kind) {
                (Some(s), _) => format!("`{s}`"),
                (None, ClosureKind::AsyncBlock) => "`async move` block".to_owned(),
                (None, _) => "`move` closure".to_owned(),
            };
            fv.move_scopes.push(MoveScope {
                kind,
                start: c.range.start,
                end: c.range.end,
                idents,
                static_task: c.spawned_by.is_some(),
            });
        }
        out.fns.push(fv);
        for (si, s) in f.sites.iter().enumerate() {
            let ctx = Ctx {
                fn_idx: Some(i),
                loops: loop_ctx(f, s.loop_id),
                cold: f.cold_reason(s.cold).map(str::to_owned),
                test: item.test.clone(),
                task: f
                    .task_of(s.closure_id)
                    .and_then(|c| c.spawned_by.as_ref())
                    .map(|t| format!("`{t}`")),
                spawn_arg: s.spawn_arg.as_ref().map(|t| format!("`{t}`")),
                item: None,
                sig: None,
                branch: s.branch,
            };
            let sink = s.sink.as_ref().map(sink_text);
            let mut push = |kind: SiteKind| {
                out.sites.push(Site {
                    kind,
                    start: s.range.start,
                    end: s.range.end,
                    ctx: ctx.clone(),
                    sink: sink.clone(),
                    raw: Some((i, si)),
                })
            };
            if s.kind.is_copy_of_value() {
                push(SiteKind::Clone {
                    receiver: s.receiver.as_ref().map(|r| r.to_string()),
                    via: via(s.kind).to_owned(),
                });
                if s.kind == FactSite::RcClone {
                    continue;
                }
            }
            let what = match s.kind {
                FactSite::Format => "format!(..)".to_owned(),
                FactSite::VecMacro => "vec![..]".to_owned(),
                FactSite::EmptyVecMacro => "vec![]".to_owned(),
                FactSite::Clone | FactSite::ToOwned | FactSite::ToString | FactSite::ToVec => {
                    match &s.receiver {
                        Some(r) => format!("{r}{}", via(s.kind)),
                        None => via(s.kind).to_owned(),
                    }
                }
                FactSite::VecNew
                | FactSite::VecWithCapacity
                | FactSite::StringNew
                | FactSite::StringWithCapacity
                | FactSite::StringFrom
                | FactSite::MapNew
                | FactSite::BoxNew
                | FactSite::SharedNew => {
                    // `Type::ctor(..)` from the last two path segments.
                    let callee = s.text.split('(').next().unwrap_or("");
                    let segs: Vec<&str> = callee.rsplit("::").take(2).collect();
                    match segs.as_slice() {
                        [f, t] => format!("{t}::{f}(..)"),
                        _ => format!("{callee}(..)"),
                    }
                }
                _ => s.text.chars().take(60).collect(),
            };
            push(SiteKind::Alloc { what });
        }
    }
    for t in &ff.type_sites {
        if t.kind == TypeSiteKind::LinkedList {
            continue;
        }
        let mut by_value = Vec::new();
        t.inner.by_value_names(&mut by_value);
        let (fn_idx, item, sig) = match &t.owner {
            TypeOwner::Field { item, .. }
            | TypeOwner::Static { item }
            | TypeOwner::Alias { item } => (
                None,
                ff.types.get(*item as usize).map(|i| i.name.to_string()),
                None,
            ),
            TypeOwner::Param { fn_idx, name } => (
                Some(*fn_idx as usize),
                None,
                ff.fns
                    .get(*fn_idx as usize)
                    .map(|f| format!("parameter `{name}` of `fn {}`", f.name)),
            ),
            TypeOwner::Return { fn_idx } => (
                Some(*fn_idx as usize),
                None,
                ff.fns
                    .get(*fn_idx as usize)
                    .map(|f| format!("the return type of `fn {}`", f.name)),
            ),
            TypeOwner::Let { fn_idx, .. } => (Some(*fn_idx as usize), None, None),
        };
        // A `let` annotation runs where its statement runs.
        let loops = match &t.owner {
            TypeOwner::Let { fn_idx, binding } => ff
                .fns
                .get(*fn_idx as usize)
                .and_then(|f| {
                    let b = f.facts.bindings.iter().find(|b| b.name == *binding)?;
                    Some(loop_ctx(&f.facts, b.loop_id))
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let kind = if t.kind == TypeSiteKind::SharedBuffer {
            let whole = t.ty.to_string();
            SiteKind::SharedBuffer {
                handle: whole
                    .split('<')
                    .next()
                    .and_then(|h| h.rsplit("::").next())
                    .unwrap_or("Arc")
                    .to_owned(),
                buffer: t.inner.to_string(),
            }
        } else {
            SiteKind::BoxType {
                inner: t.inner.to_string(),
                dyn_trait: t.dyn_trait,
                by_value,
                container: t.container.as_ref().map(|c| c.to_string()),
                indirect: t.indirect,
            }
        };
        out.sites.push(Site {
            kind,
            start: t.range.start,
            end: t.range.end,
            ctx: Ctx {
                fn_idx,
                loops,
                item,
                sig,
                test: t.test.clone(),
                ..Ctx::default()
            },
            sink: None,
            raw: None,
        });
    }
    for t in &ff.types {
        if !matches!(
            t.kind,
            memaudit_facts::items::TypeItemKind::Struct | memaudit_facts::items::TypeItemKind::Enum
        ) {
            continue;
        }
        out.sites.push(Site {
            kind: SiteKind::Item {
                name: t.name.to_string(),
            },
            start: t.range.start,
            end: t.range.end,
            ctx: Ctx {
                item: Some(t.name.to_string()),
                test: t.test.clone(),
                ..Ctx::default()
            },
            sink: None,
            raw: None,
        });
    }
    for (name, def) in ff.table.own_types() {
        out.types.insert(name.to_owned(), type_item(def));
    }
    // Sorted by position so that a finding's sites are found by binary search.
    out.sites.sort_by_key(|s| (s.start, s.end));
    out
}
