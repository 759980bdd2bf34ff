//! A data source's summary (`Compute::SourceSummary`): where it comes from and how to get
//! at it, how usable its kind of data is for each purpose and for the team's focus, and which
//! hygiene checks it fails.

use anyhow::Result;

use super::Turn;
use super::compute::short;
use super::flow::{Pos, Sibling};
use crate::scoring::sources::{DataKind, Hygiene, Origin, Purpose, hygiene_failures, usability};
use crate::scoring::yesno::YesNo;

impl Turn<'_, '_, '_> {
    /// The summary of one source round (`pos` is its summary item): the value stored (`ok` or
    /// the failed hygiene checks) and the text to say.
    pub(super) fn source_summary(&mut self, pos: &Pos) -> Result<Option<(String, String)>> {
        let path = self.flow().op(pos.op).path.clone();
        let Some(name) = self.sibling_value(Sibling::Name, pos)? else {
            return Ok(None);
        };
        let origin = self
            .sibling_value(Sibling::Origin, pos)?
            .and_then(|v| Origin::from_id(&v));
        let kind = self
            .sibling_value(Sibling::Kind, pos)?
            .and_then(|v| DataKind::from_id(&v));
        let mut lines = vec![self.source_text(pos, &path, &name, origin, kind)?];
        if let Some(kind) = kind {
            lines.extend(self.source_usability(pos, &path, kind)?);
        }
        let (value, hygiene) = self.source_hygiene_text(pos, &path)?;
        lines.push(hygiene);
        Ok(Some((value, lines.join("\n"))))
    }

    /// The source's first line: its name, origin, how to get access, and its kind of data.
    fn source_text(
        &mut self,
        pos: &Pos,
        path: &str,
        name: &str,
        origin: Option<Origin>,
        kind: Option<DataKind>,
    ) -> Result<String> {
        let (origin_path, kind_path) = (
            self.sibling_path(Sibling::Origin, pos)?,
            self.sibling_path(Sibling::Kind, pos)?,
        );
        let unknown = self.t("msg.skipped_value").to_string();
        let origin_label = origin.map_or(unknown.clone(), |o| {
            short(self.t(&format!("{origin_path}.option.{}", o.id()))).to_string()
        });
        let access = origin.map_or(unknown.clone(), |o| {
            self.t(&format!("{path}.access.{}", o.id())).to_string()
        });
        let kind_label = kind.map_or(unknown, |k| {
            short(self.t(&format!("{kind_path}.option.{}", k.id()))).to_string()
        });
        Ok(self.f(
            &format!("{path}.text"),
            &[
                ("name", name),
                ("origin", &origin_label),
                ("access", &access),
                ("kind", &kind_label),
            ],
        ))
    }

    /// How usable the source's kind of data is for each purpose, and for the team's focus.
    fn source_usability(&mut self, pos: &Pos, path: &str, kind: DataKind) -> Result<Vec<String>> {
        let list: Vec<String> = Purpose::ALL
            .iter()
            .map(|p| {
                format!(
                    "• {}: {}",
                    self.t(&format!("{path}.purpose.{}", p.id())),
                    self.t(&format!("{path}.rating.{}", usability(kind, *p).id()))
                )
            })
            .collect();
        let mut lines = vec![self.f(&format!("{path}.usability"), &[("list", &list.join("\n"))])];
        if let Some((focus_id, focus)) = self.focus_label(pos)? {
            lines.push(match Purpose::from_focus(&focus_id) {
                Some(p) => self.f(
                    &format!("{path}.focus"),
                    &[
                        ("focus", &focus),
                        (
                            "rating",
                            self.t(&format!("{path}.rating.{}", usability(kind, p).id())),
                        ),
                    ],
                ),
                None => self.f(&format!("{path}.focus_none"), &[("focus", &focus)]),
            });
        }
        Ok(lines)
    }

    /// The hygiene verdict: the value stored (`ok`, or the failed checks as `relevant,usable`)
    /// and its line.
    fn source_hygiene_text(&mut self, pos: &Pos, path: &str) -> Result<(String, String)> {
        let failures = self.source_hygiene(pos)?;
        if failures.is_empty() {
            let ok = self.t(&format!("{path}.hygiene_ok")).to_string();
            return Ok(("ok".to_string(), ok));
        }
        let mut names = Vec::with_capacity(failures.len());
        for h in &failures {
            let item = self.sibling_path(Sibling::hygiene(*h), pos)?;
            names.push(self.t(&format!("{item}.label")));
        }
        let line = self.f(
            &format!("{path}.hygiene_issues"),
            &[("list", &names.join(", "))],
        );
        let value = failures
            .iter()
            .map(|h| h.id())
            .collect::<Vec<_>>()
            .join(",");
        Ok((value, line))
    }

    /// Hygiene failures of one source round (`pos` is its summary).
    fn source_hygiene(&mut self, pos: &Pos) -> Result<Vec<Hygiene>> {
        let mut v = Vec::with_capacity(3);
        for h in [Hygiene::Relevant, Hygiene::Current, Hygiene::Usable] {
            v.push(
                self.sibling_value(Sibling::hygiene(h), pos)?
                    .and_then(|s| YesNo::parse_stored(&s)),
            );
        }
        Ok(hygiene_failures(v[0], v[1], v[2]))
    }
}
