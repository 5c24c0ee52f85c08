//! The one error type of the generator: what went wrong and where (file, JSON pointer).

use std::fmt;
use std::path::PathBuf;

/// An error in the spec or while writing the output, located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The spec file the problem is in, when known.
    pub file: Option<PathBuf>,
    /// The line in `file` (1-based), when known.
    pub line: Option<usize>,
    /// JSON pointer into the merged document (or the file), e.g. `/components/schemas/Team`.
    pub pointer: String,
    pub message: String,
}

impl Error {
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error { file: None, line: None, pointer: pointer.into(), message: message.into() }
    }

    pub fn in_file(file: impl Into<PathBuf>, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error { file: Some(file.into()), line: None, pointer: pointer.into(), message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
            f.write_str(": ")?;
        }
        if !self.pointer.is_empty() {
            write!(f, "at {}: ", self.pointer)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every error one run found, so that a single run reports them all. Each stage pushes what it
/// finds and goes on where it can; `into_result` ends a stage. Shown sorted (by file, then
/// line, then pointer), one per line, so the output does not depend on the order of discovery.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Errors {
    list: Vec<Error>,
}

impl Errors {
    pub fn new() -> Self {
        Errors::default()
    }

    pub fn push(&mut self, error: Error) {
        if !self.list.contains(&error) {
            self.list.push(error);
        }
    }

    pub fn extend(&mut self, errors: Errors) {
        for error in errors.list {
            self.push(error);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The errors, sorted by file, line, pointer and message.
    pub fn sorted(&self) -> Vec<&Error> {
        let mut list: Vec<&Error> = self.list.iter().collect();
        list.sort_by(|a, b| (&a.file, a.line, &a.pointer, &a.message).cmp(&(&b.file, b.line, &b.pointer, &b.message)));
        list
    }

    /// The first error in sorted order.
    pub fn first(&self) -> Option<&Error> {
        self.sorted().into_iter().next()
    }

    /// Applies `f` to each error (to add a file or a line).
    pub fn map(self, f: impl FnMut(Error) -> Error) -> Errors {
        Errors { list: self.list.into_iter().map(f).collect() }
    }

    /// `Ok(value)` when no error was pushed.
    pub fn into_result<T>(self, value: T) -> Result<T, Errors> {
        if self.list.is_empty() { Ok(value) } else { Err(self) }
    }
}

impl From<Error> for Errors {
    fn from(error: Error) -> Self {
        Errors { list: vec![error] }
    }
}

impl FromIterator<Error> for Errors {
    fn from_iter<I: IntoIterator<Item = Error>>(iter: I) -> Self {
        let mut errors = Errors::new();
        for error in iter {
            errors.push(error);
        }
        errors
    }
}

impl IntoIterator for Errors {
    type Item = Error;
    type IntoIter = std::vec::IntoIter<Error>;

    fn into_iter(self) -> Self::IntoIter {
        let mut list = self.list;
        list.sort_by(|a, b| (&a.file, a.line, &a.pointer, &a.message).cmp(&(&b.file, b.line, &b.pointer, &b.message)));
        list.into_iter()
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.sorted().into_iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Appends one token to a JSON pointer.
pub fn join(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", escape_token(token))
}
