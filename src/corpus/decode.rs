//! Bytes to text: lossy UTF-8, the BOM stripped, CRLF and bare CR turned into `\n`, and
//! the binary-file test (a NUL byte in the first 8 KiB).

/// How many leading bytes are searched for a NUL to call a file binary.
pub const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// True when the bytes look like a binary file, not a post.
pub fn is_binary(bytes: &[u8]) -> bool {
    // memchr's vectorised search: near free, unlike a byte-by-byte loop.
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)]).is_some()
}

/// The text of a post file: invalid UTF-8 replaced, BOM removed, line ends normalised.
///
/// Takes the bytes by value so that valid UTF-8 (nearly every post) becomes the `String`
/// without a copy: the BOM and `\r`s are removed in place, and only invalid UTF-8 is
/// rewritten. `\r` is ASCII and never inside a multi-byte sequence, so normalising line
/// ends before decoding gives the same text as after.
pub fn to_text(mut bytes: Vec<u8>) -> String {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if let Some(first) = memchr::memchr(b'\r', &bytes) {
        normalise_line_ends(&mut bytes, first);
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    }
}

/// Turns `\r\n` and bare `\r` into `\n` in place; `first` is the first `\r`.
fn normalise_line_ends(bytes: &mut Vec<u8>, first: usize) {
    let mut write = first;
    let mut read = first;
    while let Some(&byte) = bytes.get(read) {
        read += 1;
        let out = if byte == b'\r' {
            if bytes.get(read) == Some(&b'\n') {
                read += 1;
            }
            b'\n'
        } else {
            byte
        };
        if let Some(slot) = bytes.get_mut(write) {
            *slot = out;
        }
        write += 1;
    }
    bytes.truncate(write);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_bare_cr_are_normalised() {
        assert_eq!(
            to_text(b"\xEF\xBB\xBF---\r\na: b\r---\n".to_vec()),
            "---\na: b\n---\n"
        );
        assert_eq!(to_text(b"\r\r\n\n\rx\r".to_vec()), "\n\n\n\nx\n");
        assert_eq!(to_text(b"no line ends".to_vec()), "no line ends");
    }

    #[test]
    fn invalid_utf8_is_replaced_not_fatal() {
        assert_eq!(to_text(b"caf\xE9 ok".to_vec()), "caf\u{fffd} ok");
        assert_eq!(
            to_text(b"\xEF\xBB\xBFcaf\xE9\r\nok\xF0\x9F".to_vec()),
            "caf\u{fffd}\nok\u{fffd}"
        );
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
