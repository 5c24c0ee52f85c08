//! The one error type of the generator: what went wrong and where (file, JSON pointer).

use std::fmt;
use std::path::PathBuf;

/// An error in the spec or while writing the output, located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The spec file the problem is in, when known.
    pub file: Option<PathBuf>,
    /// JSON pointer into the merged document (or the file), e.g. `/components/schemas/Team`.
    pub pointer: String,
    pub message: String,
}

impl Error {
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error { file: None, pointer: pointer.into(), message: message.into() }
    }

    pub fn in_file(file: impl Into<PathBuf>, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error { file: Some(file.into()), pointer: pointer.into(), message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}: ", file.display())?;
        }
        if !self.pointer.is_empty() {
            write!(f, "at {}: ", self.pointer)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Appends one token to a JSON pointer.
pub fn join(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", escape_token(token))
}
