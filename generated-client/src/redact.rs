//! Redaction of the secrets a URL can carry: the user part (`https://user:password@host`) of the
//! base URL, a proxy URL or a redirect target, wherever a URL is shown (errors, `Debug`). A
//! module of its own, below `config`, `error` and `transport`, which all show URLs.

/// `url` with the whole userinfo (`https://user:password@host`, `https://key@host`) replaced
/// by `<redacted>`: a key may be given as the user name as well as the password. Textual, so that
/// it works on a URL that does not parse too; the userinfo ends at the last `@` before any `?` or
/// `#` (so a `/` in it does not hide it; a path with an `@` is redacted too, which errs on the
/// safe side).
pub(crate) fn redact_url(url: &str) -> String {
    let authority_start = url.find("://").map_or(0, |i| i + 3);
    let rest = &url[authority_start..];
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    let Some(at) = rest[..end].rfind('@') else { return url.to_owned() };
    format!("{}<redacted>{}", &url[..authority_start], &rest[at..])
}
