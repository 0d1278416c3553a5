//! The syntax side: what memaudit's facts layer (`memaudit_facts`, the one
//! reading of syntax the Analyst and the Validator share) answers at each
//! candidate site, with the positions the semantic side needs to ask the
//! same question of rust-analyzer.
//!
//! It answers only from what the facts record or the facts API computes
//! (`Ty::clone_is_cheap`/`is_copy`, `infer::iteration_item`, the file's
//! `TypeTable` signatures, `Sink::escapes`) — exactly what a rule could use
//! today. It must NOT guess beyond that, or the comparison flatters
//! rust-analyzer.

use memaudit_facts::body::{LoopKind, Parent, Site, SiteKind, Syntax};
use memaudit_facts::infer::{self, Env};
use memaudit_facts::items::{self, FileContext, FileFacts};
use memaudit_facts::ty::{Ty, View};
use memaudit_facts::types::FnSig;
use memaudit_facts::{parse, Pos, Range};
use syn::Expr;

use crate::answer::{self, Answer, CloneCost, Ownership, ParamKind, Question};

/// A question at a place in a file, answered by syntax.
#[derive(Debug, Clone)]
pub struct Asked {
    pub question: Question,
    pub site_kind: String,
    pub site_text: String,
    /// The site's expression (clone, conversion, sink questions) or the
    /// pattern (binding, loop item questions).
    pub range: Range,
    /// For `Sink`: the argument's index and the callee as written.
    pub arg: Option<(usize, String)>,
    pub syntax: Answer,
}

/// The sites of `facts` whose first line lies in `lines` (all sites when
/// `None`), each with its questions answered from syntax.
pub fn ask(rel: &str, source: &str, lines: Option<(u32, u32)>) -> Result<Vec<Asked>, String> {
    let file = parse::parse_source(rel, source)
        .map_err(|e| e.to_string())?
        .tree;
    let mut syntax = Syntax::default();
    let facts = items::gather(&file, &FileContext::default(), &mut syntax);
    let mut out = Vec::new();
    let mut seen_sites = std::collections::HashSet::new();
    let mut seen_loops = std::collections::HashSet::new();
    for f in &facts.fns {
        let ff = &f.facts;
        for site in &ff.sites {
            let line = site.range.start.line;
            if lines.is_some_and(|(a, b)| line < a || line > b) {
                continue;
            }
            if !seen_sites.insert((site.range, site.kind)) {
                continue;
            }
            let kind = format!("{:?}", site.kind);
            let base = |question, range, syntax| Asked {
                question,
                site_kind: kind.clone(),
                site_text: site.text.clone(),
                range,
                arg: None,
                syntax,
            };
            if matches!(
                site.kind,
                SiteKind::Clone | SiteKind::RcClone | SiteKind::ToOwned
            ) {
                out.push(base(
                    Question::CloneCost,
                    site.range,
                    clone_answer(site, &facts),
                ));
            }
            if site.parent == Parent::Arg {
                if let Some(a) = sink_question(site, &facts, &syntax) {
                    out.push(Asked {
                        arg: a.0,
                        ..base(Question::Sink, site.range, a.1)
                    });
                }
            }
            if let Some(a) = conversion_question(site, &syntax, f, &facts) {
                out.push(base(Question::ConversionArg, a.0, a.1));
            }
            if let Some(b) = site.let_binding.and_then(|b| ff.bindings.get(b as usize)) {
                let ty = b.ty.as_ref().or(b.written.as_ref());
                // The binding's name: the semantic side types the pattern there.
                let pat = Range {
                    start: b.pos,
                    end: Pos::new(b.pos.line, b.pos.col + b.name.chars().count() as u32),
                };
                out.push(base(Question::Binding, pat, ty_answer(ty, "binding")));
            }
            if site.loop_id != 0 {
                if let Some(l) = ff.loops.get(site.loop_id as usize) {
                    if let (Some(iter), Some(pat)) = (l.iter, l.pat) {
                        if seen_loops.insert(l.start) {
                            if let (Some(iter), Some(pat)) = (syntax.expr(iter), syntax.pat(pat)) {
                                let locals = |name: &str| {
                                    ff.binding_at(name, l.start)
                                        .and_then(|b| ff.bindings.get(b as usize))
                                        .and_then(|b| b.ty.clone())
                                };
                                let env = Env {
                                    table: &facts.table,
                                    self_ty: f.self_ty.as_deref(),
                                    locals: &locals,
                                };
                                if matches!(l.kind, LoopKind::Iter(_)) {
                                    let recv = infer::expr_type(iter, &env, 0);
                                    let class = recv.as_ref().and_then(|t| {
                                        (!t.peel_refs().is_unknown()).then(|| {
                                            receiver_class(t.peel_refs().name().unwrap_or(""))
                                        })
                                    });
                                    out.push(Asked {
                                        site_kind: format!("{:?}", l.kind),
                                        site_text: l.source.clone(),
                                        ..base(
                                            Question::LoopReceiver,
                                            Range::of(iter),
                                            Answer {
                                                ty: recv.map(|t| t.to_string()),
                                                class,
                                                detail: "adaptor receiver".into(),
                                            },
                                        )
                                    });
                                }
                                let item = infer::iteration_item(iter, &env);
                                let mut a = ty_answer(item.as_ref(), "loop item");
                                a.detail = format!("{} over `{}`", a.detail, l.source);
                                out.push(Asked {
                                    site_kind: format!("{:?}", l.kind),
                                    site_text: l.pattern.clone(),
                                    ..base(Question::LoopItem, Range::of(pat), a)
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    drop(syntax);
    proc_macro2::extra::invalidate_current_thread_spans();
    Ok(out)
}

/// `Option`/`Result` run an adaptor's closure at most once.
pub fn receiver_class(name: &str) -> String {
    match name {
        "Option" | "Result" => "once".into(),
        _ => "per-element".into(),
    }
}

/// A type is "known" when its outer constructor is; unknown arguments
/// (`Vec<?>`) still name the collection.
fn ty_answer(ty: Option<&Ty>, what: &str) -> Answer {
    match ty {
        Some(t) if !t.peel_refs().is_unknown() => {
            let text = t.to_string();
            Answer {
                class: Some(answer::head_name(&text)),
                ty: Some(text),
                detail: what.to_owned(),
            }
        }
        _ => Answer::unknown(format!("{what}: type not told by the code")),
    }
}

/// What the facts say a clone costs, mirroring the Analyst's own filter
/// (`unnecessary_clone.rs`): handles, `Copy`, references to unsized data.
fn clone_answer(site: &Site, facts: &FileFacts) -> Answer {
    let Some(t) = &site.receiver_ty else {
        return Answer::unknown("receiver type not told by the code");
    };
    let peeled = t.peel_refs();
    let (cost, why) = if site.kind == SiteKind::ToOwned
        && matches!(peeled.view(), View::Str | View::Slice(_))
    {
        (CloneCost::Owned, "to_owned of str/slice allocates")
    } else if matches!(peeled.view(), View::Shared(_) | View::Handle) {
        (CloneCost::Cheap, "Arc/Rc/handle by name")
    } else if peeled.is_copy(&facts.table) {
        (CloneCost::Copy, "Copy by syntax")
    } else if matches!(t, Ty::Ref { inner, .. } if matches!(inner.view(), View::Str | View::Slice(_) | View::Opaque))
    {
        (CloneCost::Copy, "reference to unsized data")
    } else if peeled.is_heap_owned(&facts.table) {
        (CloneCost::Owned, "heap-owning type")
    } else {
        (CloneCost::Unknown, "type known, cost not")
    };
    Answer {
        ty: Some(t.to_string()),
        class: answer::clone_class(cost),
        detail: why.to_owned(),
    }
}

/// The callee and argument index of a by-value argument, and what the
/// file's signatures (or the facts' sink) say about it.
fn sink_question(
    site: &Site,
    facts: &FileFacts,
    syntax: &Syntax<'_>,
) -> Option<(Option<(usize, String)>, Answer)> {
    let call = syntax.expr(site.enclosing_call?)?;
    let (name, args): (String, Vec<&Expr>) = match call {
        Expr::Call(c) => {
            if memaudit_facts::macros::rewritten_name(call).is_some() {
                return None;
            }
            let Expr::Path(p) = &*c.func else {
                return None;
            };
            let name = p
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect::<Vec<_>>()
                .join("::");
            (name, c.args.iter().collect())
        }
        Expr::MethodCall(m) => (format!(".{}", m.method), m.args.iter().collect()),
        _ => return None,
    };
    // Only a direct argument (through parentheses): a value nested in a
    // tuple or a closure passed to the call is another question.
    let index = args
        .iter()
        .position(|a| Range::of(memaudit_facts::body::strip(a)) == site.range)?;
    let last = name.rsplit(['.', ':']).next().unwrap_or(&name).to_owned();
    let (kind, detail) = if site.sink.as_ref().is_some_and(|s| s.escapes()) {
        (
            ParamKind::Owned,
            format!(
                "sink {} keeps the value",
                site.sink.as_ref().map(|s| s.describe()).unwrap_or_default()
            ),
        )
    } else if let Some(sig) = facts.table.fn_sig(&last) {
        let k = sig_param_kind(sig, index);
        (k, format!("signature of `{last}` in this file"))
    } else {
        (
            ParamKind::Unknown,
            format!("`{name}` not declared in this file"),
        )
    };
    Some((
        Some((index, name)),
        Answer {
            ty: None,
            class: answer::param_class(kind),
            detail,
        },
    ))
}

fn sig_param_kind(sig: &FnSig, index: usize) -> ParamKind {
    if matches!(sig.ret, Some(Ty::Never)) {
        return ParamKind::Diverges;
    }
    let Some((_, ty)) = sig.params.get(index) else {
        return ParamKind::Unknown;
    };
    let bounds = sig.accepts(index);
    if !bounds.is_empty() {
        return bounds_kind(bounds.iter().map(String::as_str));
    }
    match ty {
        Ty::Ref { .. } => ParamKind::Borrowed,
        Ty::Path(p)
            if p.segments.len() == 1 && sig.bounds.iter().any(|(n, _)| *n == p.segments[0]) =>
        {
            ParamKind::Generic
        }
        Ty::Unknown | Ty::Infer => ParamKind::Unknown,
        _ => ParamKind::Owned,
    }
}

/// A generic parameter's bounds, as names (`Into<String>`, `AsRef<str>`).
pub fn bounds_kind<'a>(bounds: impl Iterator<Item = &'a str>) -> ParamKind {
    let mut kind = ParamKind::Generic;
    for b in bounds {
        let head = b.split('<').next().unwrap_or(b).trim();
        match head {
            "Into" | "ToString" | "Display" | "ToOwned" => kind = ParamKind::Converts,
            "AsRef" | "Borrow" | "AsMut" if kind == ParamKind::Generic => {
                kind = ParamKind::Borrowed
            }
            _ => {}
        }
    }
    kind
}

/// `PathBuf::from(a)`, `String::from(a)`, `Vec::from(a)`, `a.into()`: is
/// the argument (or receiver) already owned?
fn conversion_question(
    site: &Site,
    syntax: &Syntax<'_>,
    f: &memaudit_facts::items::FnItem,
    facts: &FileFacts,
) -> Option<(Range, Answer)> {
    let e = syntax.expr(site.expr)?;
    let arg: &Expr = match (site.kind, e) {
        (SiteKind::StringFrom, Expr::Call(c)) => c.args.first()?,
        _ => return None,
    };
    let ff = &f.facts;
    let at = site.range.start;
    let locals = |name: &str| {
        ff.binding_at(name, at)
            .and_then(|b| ff.bindings.get(b as usize))
            .and_then(|b| b.ty.clone())
    };
    let env = Env {
        table: &facts.table,
        self_ty: f.self_ty.as_deref(),
        locals: &locals,
    };
    let ty = infer::expr_type(arg, &env, 0);
    let own = match &ty {
        None => Ownership::Unknown,
        Some(t) if t.is_ref() => Ownership::Borrowed,
        Some(t) if t.is_unknown() => Ownership::Unknown,
        Some(_) => Ownership::Owned,
    };
    Some((
        Range::of(arg),
        Answer {
            ty: ty.map(|t| t.to_string()),
            class: answer::ownership_class(own),
            detail: "conversion argument".into(),
        },
    ))
}
