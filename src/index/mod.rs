//! The searchable view of a loaded corpus: tag and author [`facets`], the parsed
//! [`query`] language, [`fuzzy`] search, [`sort`] orders, [`related`] posts, the
//! [`Library`] that holds a corpus with its index, and a search as data
//! ([`request`]) for workers to answer.
//!
//! Built once after loading; every call is pure and takes the filter and query as
//! values, so a worker can recompute hits on each keystroke without touching disk.

pub mod facets;
pub mod fuzzy;
pub mod library;
pub mod marks;
pub mod query;
pub mod related;
pub mod request;
pub mod sort;

pub use facets::{Drafts, FacetEntry, FacetKind, Facets, Filter, TagMode};
pub use fuzzy::{Hit, Index};
pub use library::Library;
pub use marks::{MarkFilter, Marks, PostSet};
pub use query::Query;
pub use related::{MoreBy, Related};
pub use request::{FacetOrder, PaneRequest, Scope, SearchRequest, SearchResult};
pub use sort::SortKey;
