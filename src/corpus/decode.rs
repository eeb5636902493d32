//! Bytes to text: lossy UTF-8, the BOM stripped, CRLF and bare CR turned into `\n`, and
//! the binary-file test (a NUL byte in the first 8 KiB).

/// How many leading bytes are searched for a NUL to call a file binary.
pub const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// True when the bytes look like a binary file, not a post.
pub fn is_binary(bytes: &[u8]) -> bool {
    // A slice `contains` on bytes is a memchr: near free, unlike a byte-by-byte loop.
    bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0)
}

/// The text of a post file: invalid UTF-8 replaced, BOM removed, line ends normalised.
pub fn to_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_bare_cr_are_normalised() {
        assert_eq!(
            to_text(b"\xEF\xBB\xBF---\r\na: b\r---\n"),
            "---\na: b\n---\n"
        );
    }

    #[test]
    fn invalid_utf8_is_replaced_not_fatal() {
        assert_eq!(to_text(b"caf\xE9 ok"), "caf\u{fffd} ok");
    }

    #[test]
    fn nul_in_the_first_8_kib_means_binary() {
        assert!(is_binary(b"PK\x03\x04\0\0"));
        assert!(!is_binary(b"plain text"));
        let mut late = vec![b'a'; BINARY_SNIFF_BYTES];
        late.push(0);
        assert!(!is_binary(&late));
    }
}
