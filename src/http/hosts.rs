//! The client's per-host state, shared by every handle on it (and by every source and key that reaches one host):
//! when the host's last request was let go, for the minimum interval, and until when the platform asked to be left
//! alone. One map behind one lock: a request reads both at once.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

/// What the client knows of one host (host and port).
#[derive(Debug, Default, Clone, Copy)]
struct Host {
    /// When the last request was let go (its start, which may lie ahead): the next waits `min_interval` after it.
    last_start: Option<Instant>,
    /// Until when the platform asked to be left alone ([`Http::hold`](super::Http::hold)).
    held_until: Option<Instant>,
}

/// Every host's [`Host`] state. The lock is never held across an await.
#[derive(Debug, Default)]
pub(super) struct Hosts(Mutex<HashMap<String, Host>>);

impl Hosts {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Host>> {
        // The map is consistent after every statement, so a panic elsewhere leaves nothing half-written.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Holds `host` until `until`, or until a later hold already set.
    pub(super) fn hold(&self, host: String, until: Instant) {
        let mut map = self.map();
        let held = &mut map.entry(host).or_default().held_until;
        *held = Some(held.map_or(until, |at| at.max(until)));
    }

    /// The start of a request to `host` asked at `now`: once any hold is over, and `min_interval` after the previous
    /// request's start (zero: no spacing, and none recorded). Also says whether a hold delayed it. `Err` with the
    /// hold's remaining time, and nothing reserved, when the host is held for longer than `max_wait`.
    pub(super) fn slot(
        &self,
        host: String,
        min_interval: Duration,
        max_wait: Duration,
        now: Instant,
    ) -> Result<(Instant, bool), Duration> {
        let mut map = self.map();
        let state = map.entry(host).or_default();
        let held = state.held_until.filter(|t| *t > now);
        if let Some(left) = held.map(|t| t - now).filter(|left| *left > max_wait) {
            return Err(left);
        }
        let mut start = held.unwrap_or(now);
        if !min_interval.is_zero() {
            start = state.last_start.map_or(start, |t| (t + min_interval).max(start));
            state.last_start = Some(start);
        }
        Ok((start, held.is_some()))
    }

    /// Whether any host was ever held.
    #[cfg(test)]
    pub(super) fn any_held(&self) -> bool {
        self.map().values().any(|h| h.held_until.is_some())
    }
}
