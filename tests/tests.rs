//! hark's integration tests, compiled as one binary. New tests go in the module that matches what they exercise.

// The demo end to end: corpus → replay servers → crawl → store → analytics → report.
mod demo;
// The `hark` binary: exit codes, query output formats, errors.
mod cli;
// Shared helpers.
mod util;
