//! Trusted time for an event being written: whether to ask a TSA, and what happened.

use super::{TSA_URL_ENV, TsaError, parse_token, request_token};
use crate::layout::token_path;

/// Whether and where to ask for trusted time when writing an event. Build it with
/// [`Stamping::new`] or [`Stamping::from_env`]; more options may be added without a breaking
/// change.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Stamping {
    /// The TSA's URL (http://).
    pub url: String,
    /// If the TSA fails, write the event without trusted time instead of failing.
    pub optional: bool,
}

impl Stamping {
    /// Asks the TSA at `url` (http://); a TSA failure fails the command.
    pub fn new(url: impl Into<String>) -> Self {
        Stamping { url: url.into(), optional: false }
    }

    /// The TSA given, else the one the environment names ([`TSA_URL_ENV`], if set and not
    /// blank); `None` when neither names one: no trusted time is asked for.
    pub fn from_env(given: Option<&str>) -> Option<Self> {
        tsa_url(given).map(Stamping::new)
    }

    /// With `optional`, a TSA failure writes the event without trusted time instead of
    /// failing.
    pub fn with_optional(mut self, optional: bool) -> Self {
        self.optional = optional;
        self
    }
}

/// The TSA URL: the one given, else [`TSA_URL_ENV`] if set and not blank.
fn tsa_url(given: Option<&str>) -> Option<String> {
    given.map(str::to_owned).or_else(|| std::env::var(TSA_URL_ENV).ok().filter(|v| !v.trim().is_empty()))
}

/// What happened to the trusted time of a written event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum StampOutcome {
    /// No TSA was given.
    #[default]
    NotRequested,
    /// A token was stored.
    Stamped {
        /// The token file's bundle path.
        token_path: String,
        /// The token's time, RFC 3339 UTC.
        time: String,
        /// The TSA's name.
        tsa: String,
    },
    /// The TSA failed and the event was written without trusted time (`optional`).
    Failed {
        /// Why the TSA failed.
        error: String,
    },
}

/// A tag file to add: bundle path and bytes.
pub(crate) type TagFile = (String, Vec<u8>);

/// Asks for a token over `sig` (the signature of `event_path`) as `stamping` says. Returns the
/// token file to add, if any, and what happened. Fails only if the TSA failed and trusted
/// time was not optional.
pub(crate) fn stamp(
    stamping: Option<&Stamping>,
    event_path: &str,
    sig: &[u8],
) -> Result<(Option<TagFile>, StampOutcome), TsaError> {
    let Some(s) = stamping else { return Ok((None, StampOutcome::NotRequested)) };
    match request_token(&s.url, sig) {
        Ok(token) => {
            let (time, tsa) = parse_token(&token).map(|t| (t.gen_time_text(), t.tsa_name())).unwrap_or_default();
            let path = token_path(event_path);
            Ok((Some((path.clone(), token)), StampOutcome::Stamped { token_path: path, time, tsa }))
        }
        Err(e) if s.optional => Ok((None, StampOutcome::Failed { error: e.to_string() })),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_tsa_wins_and_options_build() {
        let s = Stamping::from_env(Some("http://tsa.example/")).map(|s| s.with_optional(true));
        let s = s.unwrap_or_default();
        assert_eq!((s.url.as_str(), s.optional), ("http://tsa.example/", true));
        assert!(!Stamping::new("http://x/").optional);
    }
}
