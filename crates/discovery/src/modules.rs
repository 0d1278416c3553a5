//! Module tree: the `mod` declarations of a parsed file and where rustc would
//! load each one from (`x.rs` or `x/mod.rs`, nested folders for non-`mod.rs`
//! files, `#[path = "..."]`, and inline `mod x { mod y; }` blocks).
//!
//! Also the files an item-level `include!("path")` pastes into a module: their
//! items are the including module's, and their `mod` declarations load from
//! the including file's folder.
//!
//! Must NOT parse or read files (callers hand it a syntax tree and it only
//! checks which candidate file exists), and must not guess at modules made
//! by other macros or at `include!` of a computed path
//! (`concat!(env!("OUT_DIR"), ..)`): those files are still found by the
//! folder walk.

use std::path::{Path, PathBuf};

use crate::paths::normalize;

/// An out-of-line `mod name;` found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ModDecl {
    pub name: String,
    /// Value of a `#[path = "..."]` attribute on the declaration.
    pub path_attr: Option<String>,
    /// Inline modules enclosing the declaration, outermost first (each one's
    /// `#[path]` value when it has one, else its name).
    pub inline: Vec<String>,
    pub line: u32,
}

/// A resolved module file. `owns_dir` is true when its child modules live
/// next to it (a crate root, a `mod.rs`, or a file loaded through `#[path]`),
/// false when they live in a folder named after it (`foo.rs` → `foo/bar.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ModFile {
    pub path: PathBuf,
    pub owns_dir: bool,
    /// For a file pasted in by `include!`: the folder its `mod` declarations
    /// load from, the including file's (see [`child_dir`]).
    pub base: Option<PathBuf>,
}

/// The folder the child modules of `parent` load from: its own folder for
/// a crate root, a `mod.rs` or a `#[path]` file, else the folder named after
/// it (`foo.rs` → `foo/`); an included file's is its includer's.
pub(crate) fn child_dir(parent: &ModFile) -> PathBuf {
    if let Some(base) = &parent.base {
        return base.clone();
    }
    let dir = parent.path.parent().unwrap_or(Path::new(""));
    if parent.owns_dir {
        dir.to_path_buf()
    } else {
        let stem = parent.path.file_stem().unwrap_or_default();
        dir.join(stem)
    }
}

/// An item-level `include!("path")` of a file: the path as written, relative
/// to the including file's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Include {
    pub path: String,
    pub line: u32,
}

/// The item-level `include!("…")`s of a file with a literal path (inline
/// modules aside: what they include belongs to another module).
pub(crate) fn includes(file: &syn::File) -> Vec<Include> {
    file.items
        .iter()
        .filter_map(|item| {
            let syn::Item::Macro(m) = item else {
                return None;
            };
            if !m.mac.path.is_ident("include") {
                return None;
            }
            let lit: syn::LitStr = m.mac.parse_body().ok()?;
            Some(Include {
                path: lit.value(),
                line: lit.span().start().line as u32,
            })
        })
        .collect()
}

/// All out-of-line module declarations of a file, including those nested in
/// inline modules.
pub(crate) fn mod_decls(file: &syn::File) -> Vec<ModDecl> {
    let mut out = Vec::new();
    collect(&file.items, &mut Vec::new(), &mut out);
    out
}

fn collect(items: &[syn::Item], inline: &mut Vec<String>, out: &mut Vec<ModDecl>) {
    for item in items {
        let syn::Item::Mod(m) = item else { continue };
        let name = m.ident.to_string().trim_start_matches("r#").to_string();
        let path_attr = path_attr(&m.attrs);
        match &m.content {
            None => out.push(ModDecl {
                name,
                path_attr,
                inline: inline.clone(),
                line: m.ident.span().start().line as u32,
            }),
            Some((_, items)) => {
                inline.push(path_attr.unwrap_or(name));
                collect(items, inline, out);
                inline.pop();
            }
        }
    }
}

fn path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| {
        let nv = a.meta.require_name_value().ok()?;
        if !nv.path.is_ident("path") {
            return None;
        }
        match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        }
    })
}

/// Where `decl`, declared in `parent`, is loaded from; `Err` lists the
/// candidates that were tried and do not exist.
pub(crate) fn resolve(parent: &ModFile, decl: &ModDecl) -> Result<ModFile, Vec<PathBuf>> {
    let dir = parent.path.parent().unwrap_or(Path::new(""));
    let mut base = child_dir(parent);
    for seg in &decl.inline {
        base.push(seg);
    }
    if let Some(path) = &decl.path_attr {
        // Outside inline blocks `#[path]` is relative to the declaring file's
        // folder, whatever kind of file it is (the Rust reference, "path attribute").
        let candidate = normalize(&if decl.inline.is_empty() {
            dir.join(path)
        } else {
            base.join(path)
        });
        return if candidate.is_file() {
            Ok(ModFile {
                path: candidate,
                owns_dir: true,
                base: None,
            })
        } else {
            Err(vec![candidate])
        };
    }
    let flat = normalize(&base.join(format!("{}.rs", decl.name)));
    let nested = normalize(&base.join(&decl.name).join("mod.rs"));
    if flat.is_file() {
        Ok(ModFile {
            path: flat,
            owns_dir: false,
            base: None,
        })
    } else if nested.is_file() {
        Ok(ModFile {
            path: nested,
            owns_dir: true,
            base: None,
        })
    } else {
        Err(vec![flat, nested])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decls(src: &str) -> Vec<(String, Option<String>, Vec<String>)> {
        let file = syn::parse_file(src).expect("test source parses");
        mod_decls(&file)
            .into_iter()
            .map(|d| (d.name, d.path_attr, d.inline))
            .collect()
    }

    #[test]
    fn finds_out_of_line_modules_at_every_depth() {
        let got = decls("mod a;\nmod b { mod c; #[path = \"x\"] mod d { mod e; } }\n#[path = \"z.rs\"] mod r#f;\nmod g {}");
        let s = |v: &str| v.to_string();
        assert_eq!(
            got,
            vec![
                (s("a"), None, vec![]),
                (s("c"), None, vec![s("b")]),
                (s("e"), None, vec![s("b"), s("x")]),
                (s("f"), Some(s("z.rs")), vec![]),
            ],
            "inline modules contribute folders, raw identifiers lose `r#`"
        );
    }

    /// Builds files in a temp dir and resolves `decl` from `parent`.
    fn check(files: &[&str], parent: &str, owns_dir: bool, decl: ModDecl, expected: Option<&str>) {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        let parent = ModFile {
            path: dir.path().join(parent),
            owns_dir,
            base: None,
        };
        let got = resolve(&parent, &decl).ok().map(|m| {
            m.path
                .strip_prefix(dir.path())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        });
        assert_eq!(
            got.as_deref(),
            expected,
            "resolving {decl:?} from {}",
            parent.path.display()
        );
    }

    fn decl(name: &str, path_attr: Option<&str>, inline: &[&str]) -> ModDecl {
        ModDecl {
            name: name.into(),
            path_attr: path_attr.map(String::from),
            inline: inline.iter().map(|s| s.to_string()).collect(),
            line: 1,
        }
    }

    #[test]
    fn resolution_follows_rustc() {
        check(
            &["src/lib.rs", "src/a.rs"],
            "src/lib.rs",
            true,
            decl("a", None, &[]),
            Some("src/a.rs"),
        );
        check(
            &["src/lib.rs", "src/a/mod.rs"],
            "src/lib.rs",
            true,
            decl("a", None, &[]),
            Some("src/a/mod.rs"),
        );
        check(
            &["src/a.rs", "src/a/b.rs"],
            "src/a.rs",
            false,
            decl("b", None, &[]),
            Some("src/a/b.rs"),
        );
        check(
            &["src/a/mod.rs", "src/a/b.rs"],
            "src/a/mod.rs",
            true,
            decl("b", None, &[]),
            Some("src/a/b.rs"),
        );
        check(
            &["src/lib.rs", "src/x/y.rs"],
            "src/lib.rs",
            true,
            decl("y", None, &["x"]),
            Some("src/x/y.rs"),
        );
        check(
            &["src/a.rs", "src/a/x/y.rs"],
            "src/a.rs",
            false,
            decl("y", None, &["x"]),
            Some("src/a/x/y.rs"),
        );
        check(
            &["src/a.rs", "gen/out.rs"],
            "src/a.rs",
            false,
            decl("o", Some("../gen/out.rs"), &[]),
            Some("gen/out.rs"),
        );
        check(
            &["src/lib.rs"],
            "src/lib.rs",
            true,
            decl("missing", None, &[]),
            None,
        );
    }
}
