//! The searchable view of a loaded corpus: tag and author [`facets`], the parsed
//! [`query`] language, fuzzy [`search`] and [`sort`] orders.
//!
//! Built once after loading; every call is pure and takes the filter and query as
//! values, so the app can recompute hits on each keystroke without touching disk.

pub mod facets;
pub mod query;
pub mod search;
pub mod sort;

pub use facets::{FacetEntry, FacetKind, Facets, Filter, TagMode};
pub use query::Query;
pub use search::{Hit, Index};
pub use sort::SortKey;
