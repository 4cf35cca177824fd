//! Analytics: Polars jobs over the store whose results go back into it and into the report.

pub mod sov;

pub use sov::{share_of_voice, SovResult};
