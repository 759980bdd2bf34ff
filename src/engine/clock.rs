//! Where "now" comes from: the real clock, a fixed one for tests, or one that starts at a
//! chosen moment (`--now`).

/// The source of "now", injected so tests and `--now` can move time.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> jiff::Timestamp;
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> jiff::Timestamp {
        jiff::Timestamp::now()
    }
}

/// A clock that always says the same instant (tests, `--now`).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub jiff::Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> jiff::Timestamp {
        self.0
    }
}

/// A clock that starts at a chosen instant and runs on from there (`--now`), so a deadline can
/// be seen passing without waiting for it.
#[derive(Debug, Clone, Copy)]
pub struct OffsetClock {
    start: jiff::Timestamp,
    since: std::time::Instant,
}

impl OffsetClock {
    /// A clock that says `start` now.
    pub fn new(start: jiff::Timestamp) -> OffsetClock {
        OffsetClock {
            start,
            since: std::time::Instant::now(),
        }
    }
}

impl Clock for OffsetClock {
    fn now(&self) -> jiff::Timestamp {
        jiff::SignedDuration::try_from(self.since.elapsed())
            .ok()
            .and_then(|d| self.start.checked_add(d).ok())
            .unwrap_or(self.start)
    }
}
