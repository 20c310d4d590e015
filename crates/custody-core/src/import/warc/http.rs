//! The HTTP head of a response record: its status and where its redirect points.

/// The status code and `Location` of an HTTP response head.
pub(super) fn http_head(head: &[u8]) -> (Option<u16>, Option<String>) {
    let text = String::from_utf8_lossy(head);
    let mut lines = text.split('\n').map(|l| l.trim_end_matches('\r'));
    let status = lines
        .next()
        .filter(|l| l.starts_with("HTTP/"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .filter(|s| (100..1000).contains(s));
    if status.is_none() {
        return (None, None);
    }
    let location = lines
        .take_while(|l| !l.is_empty())
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.trim().eq_ignore_ascii_case("location")))
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty());
    (status, location)
}

/// `loc` (a `Location` value) resolved against `base` (without dot-segment removal).
pub(super) fn resolve(base: &str, loc: &str) -> String {
    if let Some((scheme, _)) = loc.split_once("://")
        && !scheme.is_empty()
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return loc.to_string();
    }
    let Some((scheme, after)) = base.split_once("://") else { return loc.to_string() };
    if loc.starts_with("//") {
        return format!("{scheme}:{loc}");
    }
    let host_end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let origin = &base[..scheme.len() + 3 + host_end];
    let rest = &after[host_end..];
    let path = &rest[..rest.find(['?', '#']).unwrap_or(rest.len())];
    if loc.starts_with('/') {
        format!("{origin}{loc}")
    } else if loc.starts_with('?') {
        format!("{origin}{path}{loc}")
    } else if loc.starts_with('#') || loc.is_empty() {
        format!("{origin}{}{loc}", &rest[..rest.find('#').unwrap_or(rest.len())])
    } else {
        let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
        format!("{origin}{dir}{loc}")
    }
}
