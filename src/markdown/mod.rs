//! Post body → styled ratatui [`Text`] plus the post's numbered link list.
//!
//! Pure: no terminal, no I/O.

use ratatui::text::Text;

/// What a link points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// An ordinary hyperlink.
    Link,
    /// An image (`![alt](src)`, `<img>`, `{% img %}`).
    Image,
    /// Embedded media: `<object>`, `<embed>`, `<iframe>`, `<video>`, `{% youtube %}`.
    Media,
}

/// One entry of a post's link list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// 1-based number shown in the text as `[n]`.
    pub number: usize,
    /// The link text (or image alt text), single line.
    pub text: String,
    /// The target exactly as written in the post (entities decoded).
    pub url: String,
    /// Link, image or media.
    pub kind: LinkKind,
    /// 0-based index of the first rendered line carrying the `[n]` marker.
    pub line: usize,
}

/// A rendered post body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The styled lines, already wrapped to the width asked for.
    pub text: Text<'static>,
    /// The links in order of appearance.
    pub links: Vec<Link>,
}

mod stub;
pub use stub::{plain_lines, render};
