//! A post's language and the translations it belongs with.
//!
//! The language comes from a `lang`, `language` or `locale` field, else from a folder
//! named by a language code (`en/`, `ja/`, `pt-br/`, `zh_cn/`) from [`LANGUAGE_CODES`]
//! (a fixed list, so a folder called `go` or `art` is never read as one). Codes are
//! lower-cased with `_` written `-`: `zh_CN` is `zh-cn`.
//!
//! Translations of one post share a key: the front matter's `translationKey`, else the
//! post's path with its language folder taken out (`en/news/x` and `ja/news/x` are both
//! `news/x`). A post with neither has no key and stands alone.

use super::fields::Fields;

/// Fields that name the language.
const LANGUAGE_KEYS: &[&str] = &["lang", "language", "locale"];
/// Fields that tie translations together explicitly (Hugo's spelling first).
const TRANSLATION_KEYS: &[&str] = &["translationKey", "translation_key"];

/// Language codes a folder may be named by: the languages blogs are written in,
/// ISO 639-1, with the regional variants sites use.
pub const LANGUAGE_CODES: &[&str] = &[
    "ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "en-gb", "en-us", "eo", "es", "es-es",
    "es-mx", "et", "eu", "fa", "fi", "fr", "fr-ca", "ga", "gl", "he", "hi", "hr", "hu", "hy", "id",
    "is", "it", "ja", "ka", "kk", "ko", "lt", "lv", "mk", "ms", "nb", "nl", "nn", "no", "pl", "pt",
    "pt-br", "pt-pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "sw", "ta", "th", "tr", "uk", "ur",
    "uz", "vi", "zh", "zh-cn", "zh-hans", "zh-hant", "zh-hk", "zh-tw",
];

/// `zh_CN` → `zh-cn`.
pub fn normalise(code: &str) -> String {
    code.trim().to_ascii_lowercase().replace('_', "-")
}

/// Whether `name` (a folder name) is a language code of [`LANGUAGE_CODES`].
pub fn is_language_code(name: &str) -> bool {
    name.len() <= 7 && LANGUAGE_CODES.contains(&normalise(name).as_str())
}

/// The post's language and translation key, from its fields and its path relative to
/// the archive (`/`-separated, without the extension: the post's id).
pub fn detect(fields: &Fields, id: &str) -> (Option<String>, Option<String>) {
    let segments: Vec<&str> = id.split('/').collect();
    // The language folder nearest the archive root; never the file name itself.
    let folders = segments.len().saturating_sub(1);
    let folder = segments
        .iter()
        .take(folders)
        .position(|s| is_language_code(s));
    let from_field = LANGUAGE_KEYS
        .iter()
        .find_map(|key| fields.text(key))
        .map(|code| normalise(&code))
        .filter(|code| !code.is_empty() && code.len() <= 35);
    let language =
        from_field.or_else(|| folder.and_then(|i| segments.get(i)).map(|s| normalise(s)));
    let explicit = TRANSLATION_KEYS.iter().find_map(|key| fields.text(key));
    let translation = match (explicit, folder) {
        (Some(key), _) => Some(format!("key:{key}")),
        (None, Some(at)) => {
            let rest: Vec<&str> = segments
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != at)
                .map(|(_, s)| *s)
                .collect();
            Some(format!("path:{}", rest.join("/")))
        }
        (None, None) => None,
    };
    (language, translation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        Fields::of_text(pairs)
    }

    #[test]
    fn a_language_folder_gives_the_language_and_the_translation_key() {
        let (lang, key) = detect(&fields(&[]), "zh_cn/news/_posts/2013-02-06-ruby");
        assert_eq!(lang.as_deref(), Some("zh-cn"));
        assert_eq!(key.as_deref(), Some("path:news/_posts/2013-02-06-ruby"));
        let (_, en) = detect(&fields(&[]), "en/news/_posts/2013-02-06-ruby");
        assert_eq!(en, key, "translations share the key");
    }

    #[test]
    fn a_field_wins_over_the_folder_and_translation_key_ties_posts() {
        let (lang, key) = detect(
            &fields(&[("lang", "pt_BR"), ("translationKey", "intro")]),
            "en/intro",
        );
        assert_eq!(lang.as_deref(), Some("pt-br"));
        assert_eq!(key.as_deref(), Some("key:intro"));
        let (lang, key) = detect(&fields(&[("Language", "fr")]), "posts/x");
        assert_eq!((lang.as_deref(), key), (Some("fr"), None));
    }

    #[test]
    fn only_known_codes_are_language_folders() {
        for id in ["go/post", "art/post", "posts/en", "2013/x"] {
            assert_eq!(detect(&fields(&[]), id), (None, None), "{id}");
        }
    }
}
