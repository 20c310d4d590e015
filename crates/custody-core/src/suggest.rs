//! "Did you mean …?": the valid word nearest to one a person mistyped (a condition kind on
//! the command line, a value or member name in a case file). One rule for every place that
//! suggests, so the same typo gets the same answer everywhere.

/// The word of `valid` that `typed` is a likely typo of, compared in lower case with `-` and
/// spaces read as `_`: one edit away, or two from a word of 8 letters or more (two edits
/// from a short word would catch ordinary words, such as "order" for `other`). None for a
/// typed word of more than 40 characters (the comparison stays cheap) or nothing near.
pub fn nearest<'a>(typed: &str, valid: &[&'a str]) -> Option<&'a str> {
    let n: Vec<char> = typed.to_lowercase().replace(['-', ' '], "_").chars().collect();
    if n.len() > 40 {
        return None;
    }
    valid
        .iter()
        .map(|k| (edit_distance(&n, &k.chars().collect::<Vec<_>>()), *k))
        .filter(|(d, k)| *d <= if k.chars().count() >= 8 { 2 } else { 1 })
        .min()
        .map(|(_, k)| k)
}

/// Levenshtein distance (insertions, deletions, substitutions).
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = (prev + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = here;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_near_a_valid_word_and_words_that_are_not() {
        let kinds = ["web_page", "video", "social_media_post", "other"];
        assert_eq!(nearest("webpage", &kinds), Some("web_page"));
        assert_eq!(nearest("Web-Page", &kinds), Some("web_page"));
        assert_eq!(nearest("vidoe", &kinds), None, "a swap is two edits; video has 5 letters");
        assert_eq!(nearest("vide", &kinds), Some("video"));
        assert_eq!(nearest("social media posts", &kinds), Some("social_media_post"));
        assert_eq!(nearest("order", &kinds), None, "two edits from a short word is another word");
        assert_eq!(nearest(&"x".repeat(41), &kinds), None);
        assert_eq!(edit_distance(&['a', 'b'], &[]), 2);
    }
}
