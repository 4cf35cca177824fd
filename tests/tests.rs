//! hark's integration tests, compiled as one binary. New tests go in the module that matches what they exercise.

// The demo end to end: corpus → replay servers → crawl → store → analytics → report.
mod demo;
// The `hark` binary: exit codes, query output formats, errors.
mod cli;
// Fixed RSS/Atom feeds through `hark crawl`: tokens kept out of the store, late items, colliding guids.
mod feeds;
// The text commands: match, lint, score.
mod text_cli;
// The crawl under injected faults, source by source, and `hark crawl` with a dead source.
mod faults;
// A crawl killed with SIGKILL, rerun: the same rows as an uninterrupted one.
mod kill;
// The scriptable replay server the fault and kill tests crawl.
mod replay;
// Shared helpers.
mod util;
