//! Why a check could not run at all. A single edit that does not apply or
//! does not compile is not an error: it is a result (`FixStatus`).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("{}: not a Cargo workspace (no Cargo.toml)", path.display())]
    NotAWorkspace { path: PathBuf },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cargo could not be started ({message}); is cargo on the PATH?")]
    CargoMissing { message: String },
    #[error("cargo metadata failed in the scratch copy: {message}")]
    Metadata { message: String },
    #[error(
        "another check of this workspace is running (process {pid}); wait for it or cancel it"
    )]
    Busy { pid: u32 },
    #[error("the check was cancelled; the scratch copy is removed, only the build cache is kept")]
    Cancelled,
}

impl CheckError {
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        CheckError::Io {
            context: context.into(),
            source,
        }
    }
}

pub type Result<T, E = CheckError> = std::result::Result<T, E>;
