//! The small closed sets koers stores as words: typed here once, so a misspelt word is a
//! compile error and not a silent mismatch. Each is stored as the same text as before (no data
//! migration), through `ToSql`/`FromSql`.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// Implements the text round trip and the SQLite conversions for a word enum.
macro_rules! stored_as_text {
    ($ty:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The word stored in the database (and used in prompt keys).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $text),+
                }
            }

            /// The value a stored word stands for.
            pub fn from_word(word: &str) -> Option<$ty> {
                match word {
                    $($text => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let word = value.as_str()?;
                $ty::from_word(word).ok_or_else(|| {
                    FromSqlError::Other(format!("{word:?} is not a {}", stringify!($ty)).into())
                })
            }
        }
    };
}

/// What a reminder is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReminderKind {
    /// Some days before the deadline.
    Before,
    /// On the deadline: the evaluation prompt.
    Deadline,
    /// A few days after the deadline, while the evaluation is still open.
    Nudge,
    /// Put off by the team (`/sluimer`).
    Snooze,
}

stored_as_text!(ReminderKind {
    Before => "before",
    Deadline => "deadline",
    Nudge => "nudge",
    Snooze => "snooze",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_round_trips_through_its_word_and_sqlite() {
        let conn = rusqlite::Connection::open_in_memory().expect("db");
        for kind in ReminderKind::ALL {
            assert_eq!(ReminderKind::from_word(kind.as_str()), Some(*kind));
            let back: ReminderKind = conn
                .query_row("SELECT ?1", [kind], |r| r.get(0))
                .expect("round trip");
            assert_eq!(back, *kind);
        }
        let bad: rusqlite::Result<ReminderKind> =
            conn.query_row("SELECT 'later'", [], |r| r.get(0));
        assert!(bad.is_err(), "an unknown word is an error, not a default");
    }
}
