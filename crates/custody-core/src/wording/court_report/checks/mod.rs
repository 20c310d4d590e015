//! What each check code means, in each language of the court report: the registry's meaning of
//! the code ([`CheckCode::meaning`], the English, whose one home is the registry) translated and
//! keyed by the code. One module per language (`fr`, `es`, `zh`, `ar`, `ru`, `de`), each an
//! exhaustive `match` on [`CheckCode`]: a code added to the registry without its meaning in every
//! language does not compile. The tests below hold every text to its language's punctuation, to
//! the English one's file names, numbers and sections, and to being a translation.

mod ar;
mod de;
mod es;
mod fr;
mod ru;
mod zh;

use super::Language;
use crate::check::CheckCode;

/// What `code` means, in one sentence, in `lang` (English: the registry's own sentence).
pub fn check_meaning(lang: Language, code: CheckCode) -> &'static str {
    match lang {
        Language::En => code.meaning(),
        Language::Fr => fr::meaning(code),
        Language::Es => es::meaning(code),
        Language::Zh => zh::meaning(code),
        Language::Ar => ar::meaning(code),
        Language::Ru => ru::meaning(code),
        Language::De => de::meaning(code),
    }
}

#[cfg(test)]
mod tests {
    use super::check_meaning;
    use crate::check::CheckCode;
    use crate::wording::court_report::Language;

    /// `text` with the separators of a number's digit groups and decimals (`1,100,000`,
    /// `1 100 000`, `1.100.000`, `2.1`) removed, so that the same number compares equal
    /// however a language groups it.
    fn digits_joined(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        for (n, c) in chars.iter().enumerate() {
            let between_digits = n > 0
                && chars.get(n + 1).is_some_and(char::is_ascii_digit)
                && chars[n - 1].is_ascii_digit()
                && [',', '.', ' ', '\u{a0}', '\u{202f}'].contains(c);
            if !between_digits {
                out.push(*c);
            }
        }
        out
    }

    /// The words of an English meaning that no language translates: file names, names of the
    /// format's fields, numbers, section numbers (`bag-info.txt`, `keep_until`, `SHA-256`,
    /// `ZIP64`, `1024`, `2.1` of `§2.1`).
    fn untranslatable(english: &str) -> Vec<String> {
        let joined = digits_joined(english);
        let tokens = joined.split(|c: char| !(c.is_ascii_alphanumeric() || "._/-".contains(c)));
        (tokens.map(|t| t.trim_matches(['.', '-', '/'])))
            .filter(|t| t.chars().any(|c| c.is_ascii_digit() || c == '_' || c == '/') || t.contains('.'))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_check_code_has_its_meaning_in_every_language() {
        let others = || Language::ALL.iter().copied().filter(|l| *l != Language::En);
        for lang in Language::ALL {
            let mut seen: Vec<&str> = Vec::new();
            for code in CheckCode::ALL {
                let t = check_meaning(*lang, *code);
                let en = code.meaning();
                assert_eq!(t.trim(), t, "{lang:?} {code:?}: spaces around {t:?}");
                assert!(t.chars().count() > 4, "{lang:?} {code:?}: {t:?}");
                // One sentence each, as the registry's: two codes never say the same.
                assert!(t.ends_with(['.', '\u{3002}']), "{lang:?} {code:?}: {t:?} is not a sentence");
                assert!(!seen.contains(&t), "{lang:?} {code:?}: {t:?} also says another code");
                seen.push(t);
                for token in untranslatable(en) {
                    assert!(digits_joined(t).contains(&token), "{lang:?} {code:?}: {t:?} lacks {token:?} of {en:?}");
                }
                if *lang != Language::En {
                    assert_ne!(t, en, "{lang:?} {code:?}: English left in");
                }
                match lang {
                    // Full-width punctuation in Chinese, never the ASCII separators.
                    Language::Zh => {
                        for ascii in [", ", ": ", "; ", " (", "(", ")"] {
                            assert!(!t.contains(ascii), "zh {code:?}: {t:?} has {ascii:?}");
                        }
                        assert!(t.ends_with('\u{3002}'), "zh {code:?}: {t:?} ends without 。");
                        assert!(t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "zh {code:?}: {t:?}");
                    }
                    // Arabic words, and the Arabic comma and semicolon.
                    Language::Ar => {
                        assert!(t.chars().any(|c| ('\u{0621}'..='\u{064a}').contains(&c)), "ar {code:?}: {t:?}");
                        assert!(!t.contains([',', ';']), "ar {code:?}: {t:?} has a Latin comma or semicolon");
                    }
                    // Cyrillic words in Russian.
                    Language::Ru => {
                        assert!(t.chars().any(|c| ('\u{0430}'..='\u{044f}').contains(&c)), "ru {code:?}: {t:?}");
                    }
                    _ => {}
                }
            }
        }
        // A language whose meanings were pasted from another one is caught too.
        for a in others() {
            for b in others().filter(|b| *b != a) {
                let same = CheckCode::ALL.iter().filter(|c| check_meaning(a, **c) == check_meaning(b, **c)).count();
                assert_eq!(same, 0, "{a:?} and {b:?} say {same} codes alike");
            }
        }
    }

    #[test]
    fn the_untranslatable_words_are_found_and_compared_as_numbers() {
        assert_eq!(
            untranslatable("bag-info.txt's Payload-Oxum (§2.1, 1,100,000 entries, keep_until, SHA-256, ZIP64)."),
            ["bag-info.txt", "21", "1100000", "keep_until", "SHA-256", "ZIP64"]
        );
        assert_eq!(digits_joined("1 100 000 et 1.100.000, 2.1."), "1100000 et 1100000, 21.");
        assert_eq!(untranslatable("The file does not end with a ZIP end of central directory record."), [""; 0]);
    }
}
