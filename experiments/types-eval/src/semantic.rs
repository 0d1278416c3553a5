//! The semantic side: rust-analyzer's library crates (`ra_ap_*`) load a
//! workspace the way memaudit may — no build scripts, no proc-macro server,
//! nothing of the workspace runs — and answer the same questions as the
//! syntax side at the same places. Queries are demand-driven: salsa infers
//! only the bodies that hold the asked-about expressions (plus the
//! signatures and name tables they need).
//!
//! This module must NOT run workspace code and must NOT decide verdicts: it
//! answers type questions, the comparison happens in `main.rs`.

use std::path::Path;

use anyhow::{anyhow, Context, Result};
use ra_ap_hir::{
    Adt, CallableKind, Crate, DisplayTarget, GenericDef, HasSource, HirDisplay, Impl, LangItem,
    Semantics, Trait, Type,
};
use ra_ap_ide_db::RootDatabase;
use ra_ap_load_cargo::{load_workspace_at, LoadCargoConfig, ProcMacroServerChoice};
use ra_ap_project_model::{CargoConfig, RustLibSource};
use ra_ap_syntax::{ast, AstNode, SyntaxNode, TextRange, TextSize};
use ra_ap_vfs::{AbsPathBuf, FileId, Vfs, VfsPath};

use crate::answer::{self, Answer, CloneCost, Ownership, ParamKind};
use crate::syntax::bounds_kind;

/// A loaded workspace.
pub struct Workspace {
    pub db: RootDatabase,
    pub vfs: Vfs,
}

fn abs(p: &Path) -> Result<AbsPathBuf> {
    let p = p
        .canonicalize()
        .with_context(|| format!("resolving {}", p.display()))?;
    AbsPathBuf::try_from(
        p.to_str()
            .ok_or_else(|| anyhow!("not UTF-8: {}", p.display()))?,
    )
    .map_err(|p| anyhow!("not absolute: {p}"))
}

/// Loads the Cargo workspace at `dir` with the standard library's sources
/// from `rust_src` (a `library/` folder holding `core`, `alloc`, `std`).
pub fn load(dir: &Path, rust_src: &Path) -> Result<Workspace> {
    let cargo_config = CargoConfig {
        sysroot: Some(RustLibSource::Discover),
        sysroot_src: Some(abs(rust_src)?),
        all_targets: true,
        set_test: true,
        ..CargoConfig::default()
    };
    let load_config = LoadCargoConfig {
        // memaudit never runs workspace code by default: no build scripts,
        // no proc-macro server.
        load_out_dirs_from_check: false,
        with_proc_macro_server: ProcMacroServerChoice::None,
        prefill_caches: false,
        num_worker_threads: 1,
        proc_macro_processes: 1,
    };
    let dir = dir
        .canonicalize()
        .with_context(|| format!("resolving {}", dir.display()))?;
    let (db, vfs, _) = load_workspace_at(&dir, &cargo_config, &load_config, &|_| {})
        .with_context(|| format!("loading {}", dir.display()))?;
    Ok(Workspace { db, vfs })
}

/// One file of the workspace, ready for questions.
pub struct FileCx<'a> {
    sema: &'a Semantics<'a, RootDatabase>,
    db: &'a RootDatabase,
    root: SyntaxNode,
    line_starts: Vec<usize>,
    text: String,
    target: DisplayTarget,
    clone_trait: Option<Trait>,
}

impl Workspace {
    pub fn file_id(&self, path: &Path) -> Result<FileId> {
        let p = abs(path)?;
        self.vfs
            .file_id(&VfsPath::from(p))
            .map(|(id, _)| id)
            .ok_or_else(|| anyhow!("{} is not in the loaded workspace", path.display()))
    }
}

impl<'a> FileCx<'a> {
    pub fn new(
        sema: &'a Semantics<'a, RootDatabase>,
        db: &'a RootDatabase,
        file_id: FileId,
    ) -> Result<FileCx<'a>> {
        let root = sema.parse_guess_edition(file_id).syntax().clone();
        let text = root.text().to_string();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let krate: Crate = sema
            .file_to_module_def(file_id)
            .ok_or_else(|| anyhow!("the file belongs to no module of the crate graph"))?
            .krate(db);
        let clone_trait = Trait::lang(db, krate, LangItem::Clone);
        Ok(FileCx {
            sema,
            db,
            root,
            line_starts,
            text,
            target: krate.to_display_target(db),
            clone_trait,
        })
    }

    /// Byte offset of a 1-based line and a 0-based column in characters.
    pub fn offset(&self, line: u32, col: u32) -> Option<TextSize> {
        let start = *self.line_starts.get((line as usize).checked_sub(1)?)?;
        let rest = &self.text[start..];
        let byte = rest
            .char_indices()
            .nth(col as usize)
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        TextSize::try_from(start + byte).ok()
    }

    pub fn range(&self, r: memaudit_facts::Range) -> Option<TextRange> {
        let s = self.offset(r.start.line, r.start.col)?;
        let e = self.offset(r.end.line, r.end.col)?;
        (s <= e).then(|| TextRange::new(s, e))
    }

    fn show(&self, ty: &Type<'_>) -> String {
        ty.display(self.db, self.target).to_string()
    }

    /// The outermost expression that lies within `r` (through macro calls:
    /// a `.clone()` inside `vec![..]` is found in the expansion).
    pub fn expr_at(&self, r: TextRange) -> Option<ast::Expr> {
        let tok = self.root.token_at_offset(r.start()).right_biased()?;
        // A macro's own name does not descend into its expansion: the
        // original token is tried last.
        let mut toks = self.sema.descend_into_macros(tok.clone());
        toks.push(tok);
        let debug = std::env::var_os("TYPES_EVAL_DEBUG").is_some();
        for t in toks {
            let mut found = None;
            for anc in t.parent_ancestors() {
                let Some(e) = ast::Expr::cast(anc) else {
                    continue;
                };
                let orig = self.sema.original_range(e.syntax());
                if debug {
                    eprintln!(
                        "  {:?} {:?} {:?} want {:?}",
                        t,
                        e.syntax().kind(),
                        orig.range,
                        r
                    );
                }
                // The facts give a rewritten `vec!` only its name's range:
                // the macro expression starting there is the site.
                let macro_at_start = found.is_none()
                    && orig.range.start() == r.start()
                    && ast::MacroExpr::can_cast(e.syntax().kind());
                if r.contains_range(orig.range) || macro_at_start {
                    // Inside an expansion a wrapper the macro adds (the `&`
                    // of `assert_eq!`) maps to the same range as the site:
                    // the innermost node of the widest range wins.
                    let wider = found
                        .as_ref()
                        .is_none_or(|(len, _)| orig.range.len() > *len);
                    if wider {
                        found = Some((orig.range.len(), e));
                    }
                } else if found.is_some() {
                    break;
                }
            }
            if let Some((_, e)) = found {
                return Some(e);
            }
        }
        None
    }

    /// The pattern at `r` (a binding's name, a `for` pattern, a closure
    /// parameter).
    pub fn pat_at(&self, r: TextRange) -> Option<ast::Pat> {
        let tok = self.root.token_at_offset(r.start()).right_biased()?;
        let mut toks = self.sema.descend_into_macros(tok.clone());
        toks.push(tok);
        for t in toks {
            let mut found = None;
            for anc in t.parent_ancestors() {
                let Some(p) = ast::Pat::cast(anc) else {
                    continue;
                };
                let orig = self.sema.original_range(p.syntax());
                if r.contains_range(orig.range) || found.is_none() {
                    found = Some(p);
                } else {
                    break;
                }
            }
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// What the clone (or `to_owned`) at `r` copies: the type of its result.
    pub fn clone_cost(&self, r: TextRange) -> Answer {
        let Some(e) = self.expr_at(r) else {
            return Answer::unknown("no expression at the site");
        };
        let Some(ty) = self.sema.type_of_expr(&e).map(|t| t.original) else {
            return Answer::unknown("no type for the expression");
        };
        let (cost, why) = self.cost(&ty, 0);
        Answer {
            ty: Some(self.show(&ty)),
            class: answer::clone_class(cost),
            detail: why,
        }
    }

    fn cost(&self, ty: &Type<'a>, depth: u32) -> (CloneCost, String) {
        let db = self.db;
        if ty.is_unknown() {
            return (CloneCost::Unknown, "unknown type".into());
        }
        if ty.is_reference() {
            return if ty.is_mutable_reference() {
                (CloneCost::Unknown, "`&mut` is not Clone".into())
            } else {
                (CloneCost::Copy, "a shared reference".into())
            };
        }
        if let Some(adt) = ty.as_adt() {
            let (krate, name) = self.adt_path(adt);
            if let Some(c) = known(&krate, &name) {
                return (c, format!("{krate}::{name}"));
            }
        }
        // With an unknown part the trait solver answers "maybe", which
        // `impls_trait` reads as yes.
        if !ty.contains_unknown() && ty.is_copy(db) {
            return (CloneCost::Copy, "implements Copy".into());
        }
        if depth > 6 {
            return (CloneCost::Unknown, "too deep".into());
        }
        let parts = ty.tuple_fields(db);
        if !parts.is_empty() {
            return self.combine(parts.iter(), depth, "tuple");
        }
        if let Some((elem, _)) = ty.as_array(db) {
            return self.cost(&elem, depth + 1);
        }
        let Some(adt) = ty.as_adt() else {
            return (CloneCost::Unknown, format!("not an ADT: {}", self.show(ty)));
        };
        let (krate, name) = self.adt_path(adt);
        // `Option`/`Result` clone their payload (their `Clone` is a
        // hand-written match in core).
        if krate == "core" && (name == "Option" || name == "Result") {
            let args: Vec<Type<'a>> = ty
                .as_adt_with_args()
                .map(|(_, a)| a.into_iter().flatten().collect())
                .unwrap_or_default();
            return self.combine(args.iter(), depth, &name);
        }
        let Some(clone) = self.clone_trait else {
            return (CloneCost::Unknown, "no Clone lang item (sysroot?)".into());
        };
        let imp = Impl::all_for_type(db, ty.clone())
            .into_iter()
            .find(|i| i.trait_(db) == Some(clone));
        match imp {
            None => (
                CloneCost::Unknown,
                format!("no Clone impl found for {krate}::{name}"),
            ),
            // A builtin derive has no source of its own: `#[derive(Clone)]`.
            Some(i) if i.source(db).is_some() => (
                CloneCost::Unknown,
                format!("manual Clone impl for {krate}::{name}"),
            ),
            Some(_) => {
                let fields: Vec<Type<'a>> = match adt {
                    Adt::Struct(_) => ty.fields(db).into_iter().map(|(_, t)| t).collect(),
                    Adt::Enum(e) => {
                        let args: Vec<Type<'a>> = ty
                            .as_adt_with_args()
                            .map(|(_, a)| a.into_iter().flatten().collect())
                            .unwrap_or_default();
                        e.variants(db)
                            .into_iter()
                            .flat_map(|v| v.fields(db))
                            .map(|f| f.ty_with_args(db, args.iter().cloned()))
                            .collect()
                    }
                    Adt::Union(_) => return (CloneCost::Unknown, "union".into()),
                };
                let (c, why) =
                    self.combine(fields.iter(), depth, &format!("derived Clone of {name}"));
                (c, why)
            }
        }
    }

    /// The defining crate's name and the type's name.
    fn adt_path(&self, adt: Adt) -> (String, String) {
        let name = adt.name(self.db).as_str().to_owned();
        let krate = adt
            .module(self.db)
            .krate(self.db)
            .display_name(self.db)
            .map(|n| n.to_string().replace('-', "_"))
            .unwrap_or_default();
        (krate, name)
    }

    fn combine<'t>(
        &self,
        parts: impl Iterator<Item = &'t Type<'a>>,
        depth: u32,
        what: &str,
    ) -> (CloneCost, String)
    where
        'a: 't,
    {
        let mut owned = None;
        let mut unknown = None;
        for p in parts {
            match self.cost(p, depth + 1) {
                (CloneCost::Owned, why) => owned = owned.or(Some(why)),
                (CloneCost::Unknown, why) => unknown = unknown.or(Some(why)),
                _ => {}
            }
        }
        if let Some(why) = owned {
            (CloneCost::Owned, format!("{what}: a field is {why}"))
        } else if let Some(why) = unknown {
            (CloneCost::Unknown, format!("{what}: {why}"))
        } else {
            (CloneCost::Cheap, format!("{what}: only cheap fields"))
        }
    }

    /// How the callee takes the by-value argument at `r`.
    pub fn sink(&self, r: TextRange) -> Answer {
        let db = self.db;
        let Some(e) = self.expr_at(r) else {
            return Answer::unknown("no expression at the site");
        };
        let mut node = e.syntax().clone();
        let list = loop {
            let Some(p) = node.parent() else {
                return Answer::unknown("not a call argument");
            };
            if ast::ParenExpr::can_cast(p.kind()) {
                node = p;
                continue;
            }
            match ast::ArgList::cast(p) {
                Some(l) => break l,
                None => return Answer::unknown("not a call argument"),
            }
        };
        let Some(index) = list.args().position(|a| a.syntax() == &node) else {
            return Answer::unknown("argument not found");
        };
        let Some(call) = list.syntax().parent() else {
            return Answer::unknown("argument list without a call");
        };
        let (func, callable) = if let Some(c) = ast::CallExpr::cast(call.clone()) {
            let Some(callee) = c.expr() else {
                return Answer::unknown("call without a callee");
            };
            let Some(callable) = self.sema.resolve_expr_as_callable(&callee) else {
                return Answer::unknown(format!("callee `{callee}` not resolved"));
            };
            match callable.kind() {
                CallableKind::Function(f) => (f, callable),
                CallableKind::TupleStruct(_) | CallableKind::TupleEnumVariant(_) => {
                    return Answer {
                        ty: None,
                        class: answer::param_class(ParamKind::Owned),
                        detail: format!("constructor `{callee}` keeps the value"),
                    }
                }
                _ => return Answer::unknown("closure or fn pointer callee"),
            }
        } else if let Some(m) = ast::MethodCallExpr::cast(call) {
            let (Some(f), Some(callable)) = (
                self.sema.resolve_method_call(&m),
                self.sema.resolve_method_call_as_callable(&m),
            ) else {
                return Answer::unknown("method not resolved");
            };
            (f, callable)
        } else {
            return Answer::unknown("not a call");
        };
        let name = func.name(db).as_str().to_owned();
        if func.ret_type(db).is_never() {
            return Answer {
                ty: Some("!".into()),
                class: answer::param_class(ParamKind::Diverges),
                detail: format!("`{name}` returns `!`"),
            };
        }
        let declared = func.params_without_self(db);
        let inst = callable.params();
        let Some(p) = declared.get(index) else {
            return Answer::unknown(format!("`{name}` has no parameter {index}"));
        };
        let dt = p.ty();
        if let Some(tp) = dt.as_type_param(db) {
            if tp.parent(db) == GenericDef::Function(func) {
                let bounds: Vec<String> = tp
                    .trait_bounds(db)
                    .into_iter()
                    .map(|t| t.name(db).as_str().to_owned())
                    .filter(|n| n != "Sized")
                    .collect();
                let kind = bounds_kind(bounds.iter().map(String::as_str));
                return Answer {
                    ty: Some(format!("impl {}", bounds.join(" + "))),
                    class: answer::param_class(kind),
                    detail: format!("`{name}` is generic over its argument"),
                };
            }
        }
        let t = inst
            .get(index)
            .map(|p| p.ty().clone())
            .unwrap_or_else(|| dt.clone());
        let kind = if t.is_unknown() {
            ParamKind::Unknown
        } else if t.is_reference() {
            ParamKind::Borrowed
        } else {
            ParamKind::Owned
        };
        Answer {
            ty: Some(self.show(&t)),
            class: answer::param_class(kind),
            detail: format!("parameter {index} of `{name}`"),
        }
    }

    /// The type of the pattern at `r`.
    pub fn pat_type(&self, r: TextRange) -> Answer {
        let Some(p) = self.pat_at(r) else {
            return Answer::unknown("no pattern at the site");
        };
        if std::env::var_os("TYPES_EVAL_DEBUG").is_some() {
            eprintln!(
                "  pattern {p} at {r:?} in {:?}",
                p.syntax().parent().map(|n| n.kind())
            );
            if let Some(f) = p.syntax().parent().and_then(ast::ForExpr::cast) {
                if let Some(it) = f.iterable() {
                    let t = self.sema.type_of_expr(&it).map(|t| self.show(&t.original));
                    eprintln!("  iterable {it} : {t:?}");
                }
            }
        }
        match self.sema.type_of_pat(&p).map(|t| t.original) {
            Some(t) if !t.is_unknown() => {
                let text = self.show(&t);
                Answer {
                    class: Some(answer::head_name(&text)),
                    ty: Some(text),
                    detail: String::new(),
                }
            }
            _ => Answer::unknown("no type for the pattern"),
        }
    }

    /// Whether the adaptor receiver at `r` iterates or is an `Option` /
    /// `Result` (whose `map` runs at most once).
    pub fn receiver(&self, r: TextRange) -> Answer {
        let Some(e) = self.expr_at(r) else {
            return Answer::unknown("no expression at the site");
        };
        match self.sema.type_of_expr(&e).map(|t| t.original) {
            Some(t) if !t.is_unknown() => {
                let peeled = t.strip_references();
                let name = peeled
                    .as_adt()
                    .map(|a| a.name(self.db).as_str().to_owned())
                    .unwrap_or_default();
                Answer {
                    ty: Some(self.show(&t)),
                    class: Some(crate::syntax::receiver_class(&name)),
                    detail: String::new(),
                }
            }
            _ => Answer::unknown("no type for the receiver"),
        }
    }

    /// Whether the expression at `r` is an owned value or a reference.
    pub fn ownership(&self, r: TextRange) -> Answer {
        let Some(e) = self.expr_at(r) else {
            return Answer::unknown("no expression at the site");
        };
        match self.sema.type_of_expr(&e).map(|t| t.original) {
            Some(t) if !t.is_unknown() => {
                let own = if t.is_reference() {
                    Ownership::Borrowed
                } else {
                    Ownership::Owned
                };
                Answer {
                    ty: Some(self.show(&t)),
                    class: answer::ownership_class(own),
                    detail: String::new(),
                }
            }
            _ => Answer::unknown("no type for the expression"),
        }
    }
}

/// Types whose `Clone` is known from their definition's crate and name.
fn known(krate: &str, name: &str) -> Option<CloneCost> {
    let std = matches!(krate, "std" | "alloc" | "core");
    match name {
        "Arc" | "Rc" | "Weak" if std => Some(CloneCost::Cheap),
        "String" | "Vec" | "Box" | "VecDeque" | "BinaryHeap" | "LinkedList" | "BTreeMap"
        | "BTreeSet" | "HashMap" | "HashSet" | "PathBuf" | "OsString" | "CString"
            if std =>
        {
            Some(CloneCost::Owned)
        }
        "HashMap" | "HashSet" if krate == "hashbrown" => Some(CloneCost::Owned),
        "IndexMap" | "IndexSet" if krate == "indexmap" => Some(CloneCost::Owned),
        "Sender" | "SyncSender" | "UnboundedSender" | "WeakSender" | "Receiver"
            if matches!(
                krate,
                "std"
                    | "crossbeam_channel"
                    | "tokio"
                    | "flume"
                    | "async_channel"
                    | "futures_channel"
            ) =>
        {
            Some(CloneCost::Cheap)
        }
        "Bytes" if krate == "bytes" => Some(CloneCost::Cheap),
        _ => None,
    }
}
