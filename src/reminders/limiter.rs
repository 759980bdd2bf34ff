//! A platform's send rate, shared by every delivery task of one scheduler: sends are spaced
//! evenly at the platform's limit, and when the platform says "too many, wait" every task
//! waits that long, not just the one that was told.

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

/// Longest gap a platform's back-offs can teach (10 sends a second): one long `retry_after`
/// must not slow a big Monday to a crawl; the pause itself is still waited in full.
const MAX_LEARNED_GAP: Duration = Duration::from_millis(100);

/// Spaces sends at most `per_second` a second; pauses them all on a platform's back-off.
#[derive(Debug)]
pub(super) struct Limiter {
    /// Time between two sends the platform declared; zero when it sets no limit.
    declared: Duration,
    pace: Mutex<Pace>,
}

#[derive(Debug)]
struct Pace {
    /// The earliest moment the next send may start.
    next: Instant,
    /// Time between two sends: the declared gap, or wider after the platform said "wait"
    /// (a platform that declares nothing is paced by its refusals: otherwise every task
    /// waiting out a back-off would start at once and be refused again together).
    gap: Duration,
}

impl Limiter {
    /// At most `per_second` sends a second; `None` (or 0): no spacing, only back-offs.
    pub(super) fn new(per_second: Option<u32>) -> Limiter {
        let declared = per_second
            .filter(|&n| n > 0)
            .map_or(Duration::ZERO, |n| Duration::from_secs(1) / n);
        Limiter {
            declared,
            pace: Mutex::new(Pace {
                next: Instant::now(),
                gap: declared,
            }),
        }
    }

    /// Wait for this send's turn. Turns are handed out in the order asked, each `gap` after
    /// the one before, so tasks waiting together do not burst when a back-off ends.
    pub(super) async fn ready(&self) {
        let slot = {
            let mut pace = self.pace.lock().await;
            let slot = pace.next.max(Instant::now());
            pace.next = slot + pace.gap;
            slot
        };
        // Timers round up to the next millisecond: a send whose turn is now must not wait one.
        if slot > Instant::now() {
            tokio::time::sleep_until(slot).await;
        }
    }

    /// The platform said to wait `pause`: no send starts before then, and sends are spaced
    /// at least that far apart from then on (up to [`MAX_LEARNED_GAP`]), easing back towards
    /// the declared pace as sends are taken.
    pub(super) async fn back_off(&self, pause: Duration) {
        let mut pace = self.pace.lock().await;
        pace.next = pace.next.max(Instant::now() + pause);
        pace.gap = pace.gap.max(pause.min(MAX_LEARNED_GAP));
    }

    /// A send was taken: ease the learned gap back by 1%.
    pub(super) async fn taken(&self) {
        let mut pace = self.pace.lock().await;
        if pace.gap > self.declared {
            pace.gap = (pace.gap.mul_f64(0.99)).max(self.declared);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Slack for a busy machine's timers; the spacing is what must hold, not the exact end.
    const SLACK: Duration = Duration::from_millis(150);

    #[tokio::test]
    async fn sends_are_spaced_at_the_limit() {
        let limiter = Limiter::new(Some(200));
        let start = Instant::now();
        for _ in 0..41 {
            limiter.ready().await;
        }
        // 41 sends at 200/s: the last starts 200 ms after the first, not sooner.
        let took = Instant::now() - start;
        assert!(took >= Duration::from_millis(200), "{took:?}");
        assert!(took < Duration::from_millis(200) + SLACK, "{took:?}");
    }

    #[tokio::test]
    async fn no_limit_means_no_wait() {
        let limiter = Limiter::new(None);
        let start = Instant::now();
        for _ in 0..1000 {
            limiter.ready().await;
        }
        assert!(Instant::now() - start < SLACK);
    }

    #[tokio::test]
    async fn a_back_off_holds_every_later_send() {
        let limiter = Limiter::new(Some(20));
        let start = Instant::now();
        limiter.ready().await;
        limiter.back_off(Duration::from_millis(300)).await;
        limiter.ready().await;
        let first = Instant::now() - start;
        assert!(first >= Duration::from_millis(300), "{first:?}");
        limiter.ready().await;
        let second = Instant::now() - start;
        assert!(second >= Duration::from_millis(350), "{first:?} {second:?}");
        assert!(second < Duration::from_millis(350) + SLACK, "{second:?}");
    }

    #[tokio::test]
    async fn a_platform_without_a_declared_pace_is_paced_by_its_refusals() {
        let limiter = Limiter::new(None);
        limiter.back_off(Duration::from_millis(10)).await;
        let start = Instant::now();
        for _ in 0..21 {
            limiter.ready().await;
        }
        // After a 10 ms back-off, 21 waiting sends go out 10 ms apart, not all at once.
        let took = Instant::now() - start;
        assert!(took >= Duration::from_millis(190), "{took:?}");
        for _ in 0..1000 {
            limiter.taken().await;
        }
        let start = Instant::now();
        for _ in 0..100 {
            limiter.ready().await;
        }
        assert!(Instant::now() - start < SLACK, "the pace eased back");
    }
}
