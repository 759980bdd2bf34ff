//! When a goal's reminders fall: local wall-clock times in the team's time zone, turned into
//! the UTC instants the scheduler sorts on. Daylight-saving changes are handled by the time zone
//! database: 09:00 stays 09:00 local on both sides of a change.

use anyhow::{Context, Result};
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

use crate::states::ReminderKind;

/// One reminder to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Planned {
    /// What it is for.
    pub kind: ReminderKind,
    /// Days before the deadline (negative: after it).
    pub days: i64,
    /// The local wall-clock time it falls on.
    pub local_at: DateTime,
    /// That time as an instant.
    pub due_at: Timestamp,
}

/// The local time of day reminders are sent at.
pub(super) const SEND_AT: Time = Time::constant(9, 0, 0, 0);

/// Days after the deadline the evaluation nudge comes.
pub(super) const NUDGE_AFTER_DAYS: i64 = 3;

/// The instant a local wall-clock time means in `tz`. A time skipped by a spring-forward change
/// moves forward by the gap; a repeated one takes the earlier instant ("compatible").
pub(super) fn instant(local: DateTime, tz: &TimeZone) -> Result<Timestamp> {
    tz.to_timestamp(local)
        .with_context(|| format!("{local} cannot be placed in the time zone"))
}

/// The reminders of a goal due on `deadline`: one per entry of `days_before` (skipping
/// duplicates and ones not before the deadline), the evaluation prompt on the deadline, and the
/// nudge after it. All at [`SEND_AT`] local time. A reminder that would fall past the last
/// instant koers can hold (a deadline at the end of the year 9999) is left out: a goal with
/// such a deadline is still kept, only nobody is reminded of it.
pub(super) fn plan(deadline: Date, tz: &TimeZone, days_before: &[i64]) -> Vec<Planned> {
    let mut days: Vec<i64> = days_before.iter().copied().filter(|d| *d > 0).collect();
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    let mut out = Vec::with_capacity(days.len() + 2);
    let mut push = |kind: ReminderKind, days: i64| {
        let planned = deadline
            .checked_sub(Span::new().days(days))
            .with_context(|| format!("{deadline} minus {days} days is out of range"))
            .and_then(|date| {
                let local_at = date.to_datetime(SEND_AT);
                Ok(Planned {
                    kind,
                    days,
                    local_at,
                    due_at: instant(local_at, tz)?,
                })
            });
        match planned {
            Ok(planned) => out.push(planned),
            Err(e) => tracing::warn!(error = format!("{e:#}"), %kind, "a reminder left out"),
        }
    };
    for d in days {
        push(ReminderKind::Before, d);
    }
    push(ReminderKind::Deadline, 0);
    push(ReminderKind::Nudge, -NUDGE_AFTER_DAYS);
    out
}

/// Parse a team's reminder setting ("7,1") into days before the deadline.
pub(super) fn parse_days(setting: &str) -> Option<Vec<i64>> {
    let mut days = Vec::new();
    for part in setting.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let d: i64 = part.parse().ok()?;
        if !(1..=365).contains(&d) {
            return None;
        }
        days.push(d);
    }
    Some(days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn ams() -> TimeZone {
        TimeZone::get("Europe/Amsterdam").expect("tz database has Amsterdam")
    }

    #[test]
    fn reminders_stay_at_nine_local_across_both_dst_changes() {
        // Last Sundays of March and October 2027: 28 March and 31 October.
        for deadline in [
            date(2027, 3, 27),
            date(2027, 3, 28),
            date(2027, 3, 29),
            date(2027, 4, 4),
            date(2027, 10, 30),
            date(2027, 10, 31),
            date(2027, 11, 1),
            date(2027, 11, 7),
        ] {
            for p in plan(deadline, &ams(), &[7, 1]) {
                let local = p.due_at.to_zoned_datetime(ams());
                assert_eq!(local.time(), SEND_AT, "{deadline} {:?}", p.kind);
                assert_eq!(local.datetime(), p.local_at);
            }
        }
        // Summer time is UTC+2, winter time UTC+1: the UTC hour differs, the local one does not.
        let before = plan(date(2027, 3, 27), &ams(), &[])[0].due_at;
        let after = plan(date(2027, 3, 29), &ams(), &[])[0].due_at;
        assert_eq!(before.to_string(), "2027-03-27T08:00:00Z");
        assert_eq!(after.to_string(), "2027-03-29T07:00:00Z");
    }

    /// Found by fuzzing: a goal due 31-12-9999 (a form's deadline) failed the whole turn,
    /// because its reminders fall past the last instant a timestamp holds.
    #[test]
    fn reminders_past_the_last_instant_are_left_out_not_an_error() {
        let planned = plan(date(9999, 12, 31), &ams(), &[7, 1]);
        let kinds: Vec<(ReminderKind, i64)> = planned.iter().map(|p| (p.kind, p.days)).collect();
        assert_eq!(
            kinds,
            [(ReminderKind::Before, 7), (ReminderKind::Before, 1)]
        );
        assert_eq!(plan(date(9999, 12, 20), &ams(), &[7, 1]).len(), 4);
    }

    #[test]
    fn plan_has_heads_ups_then_evaluation_then_nudge() {
        let planned = plan(date(2027, 6, 30), &ams(), &[1, 7, 7, 0, -2]);
        let kinds: Vec<(ReminderKind, i64)> = planned.iter().map(|p| (p.kind, p.days)).collect();
        assert_eq!(
            kinds,
            [
                (ReminderKind::Before, 7),
                (ReminderKind::Before, 1),
                (ReminderKind::Deadline, 0),
                (ReminderKind::Nudge, -3)
            ]
        );
        assert_eq!(planned[0].local_at, date(2027, 6, 23).to_datetime(SEND_AT));
        assert_eq!(planned[3].local_at, date(2027, 7, 3).to_datetime(SEND_AT));
        assert!(planned.windows(2).all(|w| w[0].due_at < w[1].due_at));
    }

    #[test]
    fn a_time_skipped_by_spring_forward_moves_forward() {
        let local = date(2027, 3, 28).at(2, 30, 0, 0);
        let at = instant(local, &ams()).expect("instant");
        assert_eq!(
            at.to_zoned_datetime(ams()).time(),
            Time::constant(3, 30, 0, 0)
        );
    }

    #[test]
    fn reminder_settings_parse_or_are_refused() {
        assert_eq!(parse_days("7,1"), Some(vec![7, 1]));
        assert_eq!(parse_days(" 14 , 3 ,1 "), Some(vec![14, 3, 1]));
        assert_eq!(parse_days(""), Some(vec![]));
        assert_eq!(parse_days("0"), None);
        assert_eq!(parse_days("seven"), None);
        assert_eq!(parse_days("400"), None);
        for k in [
            ReminderKind::Before,
            ReminderKind::Deadline,
            ReminderKind::Nudge,
        ] {
            assert_eq!(ReminderKind::from_word(k.as_str()), Some(k));
        }
    }
}
