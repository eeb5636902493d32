//! The markdown renderer: exact constructs, hostile input, and the seeds as snapshots.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod constructs;
mod robustness;
mod seeds;
