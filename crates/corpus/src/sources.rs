//! Real crate sources on demand: the list in `tests/corpora/crates.toml`, and
//! each listed crate downloaded from static.crates.io, checked against its
//! sha256 and unpacked into a cache the first time an instrument asks for it.
//!
//! A second call is a cache hit: a marker file, written after everything else
//! is in place, says an unpacked folder is whole; a folder without it (a
//! killed run) is unpacked again. Archives are unpacked only inside their
//! target folder: an entry that names an absolute path, a `..`, or a link is
//! refused.
//!
//! This module must NOT run, build or parse the code it fetches (the
//! benchmarks do that through memaudit's own API), and must NOT fetch
//! anything the crate list does not pin with a checksum.

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

use serde::Deserialize;
use sha2::{Digest, Sha256};

/// Environment variable that moves the cache of unpacked crates.
pub const CACHE_ENV: &str = "MEMAUDIT_CORPUS_CACHE";

/// Written last into an unpacked crate's folder: its presence means the
/// folder is complete. Holds the archive's sha256.
const MARKER: &str = ".memaudit-corpus-ok";

/// Where the crates come from.
const DOWNLOAD_BASE: &str = "https://static.crates.io/crates";

/// A larger `.crate` is refused rather than held in memory.
const MAX_ARCHIVE_BYTES: u64 = 64 * 1024 * 1024;

/// What can go wrong while listing, fetching or unpacking a crate.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("reading the crate list {path}")]
    ListRead { path: PathBuf, source: io::Error },
    #[error("the crate list {path} is not valid: {message}")]
    ListInvalid { path: PathBuf, message: String },
    #[error("{name} {version} is not in the crate list {path}; add it with its sha256 first")]
    Unlisted {
        name: String,
        version: String,
        path: PathBuf,
    },
    #[error("downloading {url}: {message}")]
    Network { url: String, message: String },
    #[error("the archive of {crate_id} has sha256 {actual}, the crate list pins {expected}; refusing to unpack it")]
    Checksum {
        crate_id: String,
        expected: String,
        actual: String,
    },
    #[error("the archive of {crate_id} is not a valid .crate: {message}")]
    BadArchive { crate_id: String, message: String },
    #[error("the archive of {crate_id} holds `{entry}`, which would land outside {dest}; refusing to unpack it")]
    Escape {
        crate_id: String,
        entry: String,
        dest: PathBuf,
    },
    #[error("writing {path}")]
    Write { path: PathBuf, source: io::Error },
}

/// Whether rules may be tuned while looking at a crate.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// Rules may be adjusted while looking at these crates.
    Tune,
    /// Never looked at while changing rules; measured only.
    Holdout,
}

impl Split {
    pub fn as_str(self) -> &'static str {
        match self {
            Split::Tune => "tune",
            Split::Holdout => "holdout",
        }
    }
}

impl fmt::Display for Split {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Split {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "tune" => Ok(Split::Tune),
            "holdout" => Ok(Split::Holdout),
            _ => Err(format!("`{s}` is not a split (tune, holdout)")),
        }
    }
}

/// One pinned crate of the list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CrateRef {
    pub name: String,
    pub version: String,
    /// Lowercase hex sha256 of the `.crate` archive.
    pub sha256: String,
    pub split: Split,
    /// What kind of code it is, for people choosing crates.
    #[serde(default)]
    pub shape: String,
}

impl CrateRef {
    /// `name-version`, the archive's top folder and the cache folder's name.
    pub fn id(&self) -> String {
        format!("{}-{}", self.name, self.version)
    }

    pub fn url(&self) -> String {
        format!(
            "{DOWNLOAD_BASE}/{name}/{name}-{version}.crate",
            name = self.name,
            version = self.version
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CrateFile {
    #[serde(rename = "crate", default)]
    crates: Vec<CrateRef>,
}

/// memaudit's workspace root (this crate lives in `crates/corpus`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The crate list every instrument reads.
pub fn crates_toml() -> PathBuf {
    workspace_root().join("tests/corpora/crates.toml")
}

/// The folder that holds unpacked crates: `$MEMAUDIT_CORPUS_CACHE`, or
/// `target/corpus-cache/crates` in memaudit's workspace.
pub fn cache_root() -> PathBuf {
    match std::env::var_os(CACHE_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => workspace_root().join("target/corpus-cache/crates"),
    }
}

/// Reads and checks a crate list: names and versions present, checksums
/// 64 hex digits, no crate listed twice.
pub fn load_crates(path: &Path) -> Result<Vec<CrateRef>, SourceError> {
    let text = fs::read_to_string(path).map_err(|source| SourceError::ListRead {
        path: path.to_owned(),
        source,
    })?;
    parse_crates(&text).map_err(|message| SourceError::ListInvalid {
        path: path.to_owned(),
        message,
    })
}

fn parse_crates(text: &str) -> Result<Vec<CrateRef>, String> {
    let file: CrateFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut seen = std::collections::HashSet::new();
    for c in &file.crates {
        if c.name.trim().is_empty() || c.version.trim().is_empty() {
            return Err("a [[crate]] has an empty name or version".into());
        }
        if c.sha256.len() != 64 || !c.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!(
                "{}: sha256 `{}` is not 64 hex digits",
                c.id(),
                c.sha256
            ));
        }
        if !seen.insert(c.name.clone()) {
            return Err(format!("{} is listed twice", c.name));
        }
    }
    Ok(file.crates)
}

/// The source folder of a listed crate, downloading and unpacking it into
/// [`cache_root`] on first use.
pub fn fetch(name: &str, version: &str) -> Result<PathBuf, SourceError> {
    let list = crates_toml();
    let krate = load_crates(&list)?
        .into_iter()
        .find(|c| c.name == name && c.version == version)
        .ok_or_else(|| SourceError::Unlisted {
            name: name.to_owned(),
            version: version.to_owned(),
            path: list.clone(),
        })?;
    fetch_into(&krate, &cache_root())
}

/// The source folder of `krate` under `cache`: a cache hit when its marker
/// is there, otherwise a download, a checksum check and an unpack.
pub fn fetch_into(krate: &CrateRef, cache: &Path) -> Result<PathBuf, SourceError> {
    let dest = cache.join(krate.id());
    if is_complete(&dest, &krate.sha256) {
        return Ok(dest);
    }
    let bytes = download(&krate.url())?;
    unpack_verified(krate, &bytes, cache)
}

/// Whether `dest` holds a whole unpack of the archive with this checksum.
fn is_complete(dest: &Path, sha256: &str) -> bool {
    fs::read_to_string(dest.join(MARKER))
        .map(|m| m.trim().eq_ignore_ascii_case(sha256))
        .unwrap_or(false)
}

fn download(url: &str) -> Result<Vec<u8>, SourceError> {
    let network = |message: String| SourceError::Network {
        url: url.to_owned(),
        message,
    };
    // The system's trust store, not a bundled one: machines behind an
    // inspecting proxy trust its certificate only there.
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(tls)
        .timeout_global(Some(std::time::Duration::from_secs(300)))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|e| network(e.to_string()))?;
    let mut bytes = Vec::new();
    response
        .body_mut()
        .as_reader()
        .take(MAX_ARCHIVE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| network(e.to_string()))?;
    if bytes.len() as u64 > MAX_ARCHIVE_BYTES {
        return Err(network(format!(
            "the archive is larger than {MAX_ARCHIVE_BYTES} bytes"
        )));
    }
    Ok(bytes)
}

/// Lowercase hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Checks `archive` (a gzipped tar, as crates.io serves it) against
/// `krate.sha256` and unpacks it into `cache/NAME-VERSION`, returning that
/// folder. Every entry must lie under the archive's `NAME-VERSION/` folder;
/// the unpack happens in a staging folder that is renamed into place, and the
/// marker is written last.
pub fn unpack_verified(
    krate: &CrateRef,
    archive: &[u8],
    cache: &Path,
) -> Result<PathBuf, SourceError> {
    let crate_id = krate.id();
    let actual = sha256_hex(archive);
    if !actual.eq_ignore_ascii_case(&krate.sha256) {
        return Err(SourceError::Checksum {
            crate_id,
            expected: krate.sha256.clone(),
            actual,
        });
    }
    let write_err = |path: &Path| {
        let path = path.to_owned();
        move |source| SourceError::Write { path, source }
    };
    fs::create_dir_all(cache).map_err(write_err(cache))?;
    let dest = cache.join(&crate_id);
    let staging = cache.join(format!(".{crate_id}.partial-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(write_err(&staging))?;
    }
    fs::create_dir_all(&staging).map_err(write_err(&staging))?;
    if let Err(e) = unpack_into(&crate_id, archive, &staging) {
        // A refused archive leaves nothing behind.
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if dest.exists() {
        // An incomplete earlier unpack (no marker) is replaced whole.
        fs::remove_dir_all(&dest).map_err(write_err(&dest))?;
    }
    fs::rename(&staging, &dest).map_err(write_err(&dest))?;
    let marker = dest.join(MARKER);
    fs::write(&marker, format!("{}\n", krate.sha256)).map_err(write_err(&marker))?;
    Ok(dest)
}

/// Unpacks the entries under `crate_id/` into `dest`, stripping that top
/// folder. Refuses anything else.
fn unpack_into(crate_id: &str, archive: &[u8], dest: &Path) -> Result<(), SourceError> {
    let bad = |message: String| SourceError::BadArchive {
        crate_id: crate_id.to_owned(),
        message,
    };
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(archive));
    let entries = tar.entries().map_err(|e| bad(e.to_string()))?;
    let mut files = 0usize;
    for entry in entries {
        let mut entry = entry.map_err(|e| bad(e.to_string()))?;
        let raw = entry.path().map_err(|e| bad(e.to_string()))?.into_owned();
        let shown = raw.display().to_string();
        let escape = || SourceError::Escape {
            crate_id: crate_id.to_owned(),
            entry: shown.clone(),
            dest: dest.to_owned(),
        };
        let rel = relative_inside(&raw, crate_id).ok_or_else(escape)?;
        let kind = entry.header().entry_type();
        if kind.is_symlink() || kind.is_hard_link() {
            // A link can point anywhere; crates.io archives carry none.
            return Err(escape());
        }
        if rel.as_os_str().is_empty() {
            continue;
        }
        let target = dest.join(&rel);
        if kind.is_dir() {
            fs::create_dir_all(&target).map_err(|source| SourceError::Write {
                path: target.clone(),
                source,
            })?;
        } else if kind.is_file() || kind == tar::EntryType::Continuous {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|source| SourceError::Write {
                    path: parent.to_owned(),
                    source,
                })?;
            }
            let mut out = fs::File::create(&target).map_err(|source| SourceError::Write {
                path: target.clone(),
                source,
            })?;
            io::copy(&mut entry, &mut out).map_err(|e| bad(format!("{shown}: {e}")))?;
            files += 1;
        }
        // Other entry kinds (pax headers, fifos) carry no source: skipped.
    }
    if files == 0 {
        return Err(bad("it holds no file".into()));
    }
    Ok(())
}

/// `path` without its leading `crate_id/` folder, when it is a plain
/// relative path under that folder; `None` when it would escape.
fn relative_inside(path: &Path, crate_id: &str) -> Option<PathBuf> {
    let mut components = path.components();
    match components.next() {
        Some(Component::Normal(top)) if top == crate_id => {}
        _ => return None,
    }
    let mut rel = PathBuf::new();
    for c in components {
        match c {
            Component::Normal(part) => rel.push(part),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `.crate`-shaped archive: gzipped tar of `(path, contents)` pairs,
    /// paths written verbatim (so a test can write a hostile one).
    fn archive(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let mut tar = tar::Builder::new(gz);
        for (path, data) in entries {
            let mut header = tar::Header::new_gnu();
            header.set_size(data.len() as u64);
            header.set_mode(0o644);
            header.set_entry_type(tar::EntryType::Regular);
            // set_path refuses `..`; write the name bytes directly so a
            // hostile archive can be built.
            let name = &mut header.as_old_mut().name;
            name[..path.len()].copy_from_slice(path.as_bytes());
            header.set_cksum();
            tar.append(&header, *data)
                .expect("appending to an in-memory tar");
        }
        tar.into_inner()
            .expect("finishing the tar")
            .finish()
            .expect("finishing the gzip stream")
    }

    fn krate(bytes: &[u8]) -> CrateRef {
        CrateRef {
            name: "demo".into(),
            version: "0.1.0".into(),
            sha256: sha256_hex(bytes),
            split: Split::Tune,
            shape: String::new(),
        }
    }

    #[test]
    fn unpacks_a_crate_archive_and_marks_it_complete() {
        let bytes = archive(&[
            ("demo-0.1.0/Cargo.toml", b"[package]\nname = \"demo\"\n"),
            ("demo-0.1.0/src/lib.rs", b"pub fn f() {}\n"),
        ]);
        let cache = tempfile::tempdir().unwrap();
        let dir = unpack_verified(&krate(&bytes), &bytes, cache.path()).unwrap();
        assert_eq!(dir, cache.path().join("demo-0.1.0"));
        assert_eq!(
            fs::read_to_string(dir.join("src/lib.rs")).unwrap(),
            "pub fn f() {}\n",
            "the top `name-version/` folder is stripped and contents kept"
        );
        assert!(
            is_complete(&dir, &krate(&bytes).sha256),
            "the marker says the unpack is whole"
        );
        let leftovers: Vec<_> = fs::read_dir(cache.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "no staging folder is left behind");
    }

    #[test]
    fn a_second_fetch_is_a_cache_hit_without_network() {
        let bytes = archive(&[("demo-0.1.0/src/lib.rs", b"// one\n")]);
        let cache = tempfile::tempdir().unwrap();
        let k = krate(&bytes);
        unpack_verified(&k, &bytes, cache.path()).unwrap();
        // A miss would download crates.io's `demo`, whose checksum cannot
        // match this archive's: success means no download happened.
        let dir = fetch_into(&k, cache.path()).expect("a marked folder is a hit");
        assert!(dir.join("src/lib.rs").is_file());
    }

    #[test]
    fn a_folder_without_marker_is_unpacked_again() {
        let bytes = archive(&[("demo-0.1.0/src/lib.rs", b"// whole\n")]);
        let cache = tempfile::tempdir().unwrap();
        let stale = cache.path().join("demo-0.1.0");
        fs::create_dir_all(&stale).unwrap();
        fs::write(stale.join("half-written.rs"), "//").unwrap();
        let dir = unpack_verified(&krate(&bytes), &bytes, cache.path()).unwrap();
        assert!(
            !dir.join("half-written.rs").exists(),
            "an incomplete unpack is replaced, not merged"
        );
        assert!(dir.join("src/lib.rs").is_file());
    }

    #[test]
    fn refuses_a_checksum_mismatch_and_writes_nothing() {
        let bytes = archive(&[("demo-0.1.0/src/lib.rs", b"x")]);
        let mut k = krate(&bytes);
        k.sha256 = "0".repeat(64);
        let cache = tempfile::tempdir().unwrap();
        let err = unpack_verified(&k, &bytes, cache.path()).unwrap_err();
        assert!(
            matches!(err, SourceError::Checksum { .. }),
            "a pinned checksum must match, got {err}"
        );
        assert!(err.to_string().contains(&"0".repeat(64)), "{err}");
        assert!(!cache.path().join("demo-0.1.0").exists());
    }

    #[test]
    fn refuses_entries_that_escape_the_target_folder() {
        for hostile in [
            "demo-0.1.0/../../evil.rs",
            "/etc/evil.rs",
            "other-1.0.0/src/lib.rs",
            "demo-0.1.0/src/../../../evil.rs",
        ] {
            let bytes = archive(&[("demo-0.1.0/src/lib.rs", b"ok"), (hostile, b"evil")]);
            let cache = tempfile::tempdir().unwrap();
            let err = unpack_verified(&krate(&bytes), &bytes, cache.path()).unwrap_err();
            assert!(
                matches!(err, SourceError::Escape { .. }),
                "`{hostile}` must be refused as an escape, got {err}"
            );
            assert!(
                !cache.path().join("demo-0.1.0").exists(),
                "a refused archive leaves no crate folder for `{hostile}`"
            );
            assert!(
                !cache.path().join("evil.rs").exists() && !cache.path().join("../evil.rs").exists(),
                "nothing lands outside the target for `{hostile}`"
            );
        }
    }

    #[test]
    fn refuses_a_link_entry() {
        let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let mut tar = tar::Builder::new(gz);
        let mut header = tar::Header::new_gnu();
        header.set_entry_type(tar::EntryType::Symlink);
        header.set_size(0);
        tar.append_link(&mut header, "demo-0.1.0/src/lib.rs", "/etc/passwd")
            .unwrap();
        let bytes = tar.into_inner().unwrap().finish().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let err = unpack_verified(&krate(&bytes), &bytes, cache.path()).unwrap_err();
        assert!(
            matches!(err, SourceError::Escape { .. }),
            "a link may point outside the folder, got {err}"
        );
    }

    #[test]
    fn refuses_garbage_as_a_bad_archive() {
        let bytes = b"this is not gzip".to_vec();
        let cache = tempfile::tempdir().unwrap();
        let err = unpack_verified(&krate(&bytes), &bytes, cache.path()).unwrap_err();
        assert!(
            matches!(err, SourceError::BadArchive { .. }),
            "bytes that are not a gzipped tar are a bad archive, got {err}"
        );
    }

    #[test]
    fn the_crate_list_parses_and_rejects_mistakes() {
        let list = load_crates(&crates_toml()).expect("tests/corpora/crates.toml is valid");
        assert!(
            list.len() >= 6,
            "the corpus needs at least six real crates, has {}",
            list.len()
        );
        assert!(list.iter().any(|c| c.split == Split::Holdout));
        let bad_sum =
            "[[crate]]\nname = \"a\"\nversion = \"1\"\nsha256 = \"xyz\"\nsplit = \"tune\"\n";
        assert!(parse_crates(bad_sum).unwrap_err().contains("64 hex"));
        let twice = format!(
            "[[crate]]\nname = \"a\"\nversion = \"1\"\nsha256 = \"{0}\"\nsplit = \"tune\"\n\
             [[crate]]\nname = \"a\"\nversion = \"2\"\nsha256 = \"{0}\"\nsplit = \"tune\"\n",
            "a".repeat(64)
        );
        assert!(parse_crates(&twice).unwrap_err().contains("twice"));
        let split = format!(
            "[[crate]]\nname = \"a\"\nversion = \"1\"\nsha256 = \"{}\"\nsplit = \"maybe\"\n",
            "a".repeat(64)
        );
        assert!(parse_crates(&split).is_err(), "an unknown split is refused");
    }

    #[test]
    fn an_unlisted_crate_is_refused_before_any_download() {
        let err = fetch("not-in-the-list", "0.0.0").unwrap_err();
        assert!(
            matches!(err, SourceError::Unlisted { .. }),
            "only pinned crates are fetched, got {err}"
        );
    }
}
