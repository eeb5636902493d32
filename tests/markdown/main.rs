//! The markdown renderer: exact constructs, posts with no body, hostile input, and the
//! seeds as snapshots.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod constructs;
mod empty_posts;
mod robustness;
mod seeds;
