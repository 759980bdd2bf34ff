//! Engine replies as Matrix messages: a plain-text body (what the terminal prints) and an HTML
//! body (headings, lists, links), plus the reactions a member may click instead of typing.

use crate::engine::Reply;
use crate::platform::kit::{Limit, split_text};

/// Choice ids that can be answered by a reaction, with their emoji.
const REACTIONS: &[(&str, &str)] = &[
    ("yes", "👍"),
    ("no", "👎"),
    ("partly", "🤏"),
    ("unknown", "❓"),
    ("snooze", "⏰"),
    ("move", "📅"),
    ("evaluate", "📝"),
];

/// The emoji for a choice id, if it can be a reaction.
pub(super) fn emoji_for(choice: &str) -> Option<&'static str> {
    REACTIONS
        .iter()
        .find(|(c, _)| *c == choice)
        .map(|(_, e)| *e)
}

/// The choice id a reaction stands for (emoji variation selectors ignored).
pub(super) fn choice_for(key: &str) -> Option<&'static str> {
    let key = key.trim_end_matches('\u{fe0f}');
    REACTIONS
        .iter()
        .find(|(_, e)| e.trim_end_matches('\u{fe0f}') == key)
        .map(|(c, _)| *c)
}

/// Longest plain body per message. Matrix events are at most 64 KiB, and the HTML body comes
/// on top of the plain one.
const MAX_BODY_BYTES: usize = 24_000;

/// Split a reply too long for one event (an export) into several ([`split_text`]); only the
/// last part carries what it asks and its choices.
pub(super) fn split_long(reply: &Reply) -> Vec<Reply> {
    let parts = split_text(&reply.text, Limit::Bytes(MAX_BODY_BYTES));
    let last = parts.len().saturating_sub(1);
    parts
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            if i == last {
                Reply {
                    text,
                    ..reply.clone()
                }
            } else {
                Reply::text(text)
            }
        })
        .collect()
}

/// One turn's replies as few messages as reads well in a room: text without a question is put
/// in front of the question that follows it, so a turn ends in one message people can react to.
pub(super) fn merge(replies: Vec<Reply>) -> Vec<Reply> {
    let mut out = Vec::new();
    let mut pending = String::new();
    for reply in replies {
        if reply.about.is_none() && reply.choices.is_empty() {
            if !pending.is_empty() {
                pending.push_str("\n\n");
            }
            pending.push_str(&reply.text);
            continue;
        }
        let text = if pending.is_empty() {
            reply.text
        } else {
            format!("{}\n\n{}", std::mem::take(&mut pending), reply.text)
        };
        out.push(Reply { text, ..reply });
    }
    if !pending.is_empty() {
        out.push(Reply::text(pending));
    }
    out
}

/// A rendered message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Rendered {
    /// `body`: plain text.
    pub plain: String,
    /// `formatted_body`: HTML.
    pub html: String,
    /// Reactions koers adds so members can click an answer.
    pub reactions: Vec<&'static str>,
}

/// Render a reply. A reminder's actions are not numbered, since a number typed in the room
/// answers the open question; they are offered as reactions only.
pub(super) fn render(reply: &Reply) -> Rendered {
    let mut plain = reply.text.clone();
    let reminder = reply.is_reminder();
    let reactions: Vec<&'static str> = reply
        .choices
        .iter()
        .filter_map(|c| emoji_for(&c.id))
        .collect();
    let all_reactable = !reply.choices.is_empty() && reactions.len() == reply.choices.len();
    if !reminder {
        for (i, c) in reply.choices.iter().enumerate() {
            plain.push_str(&format!("\n  {}) {}", i + 1, c.label));
        }
    }
    if all_reactable {
        let legend: Vec<String> = reply
            .choices
            .iter()
            .filter_map(|c| emoji_for(&c.id).map(|e| format!("{e} {}", c.label)))
            .collect();
        plain.push_str("\n\n");
        plain.push_str(&legend.join(" · "));
    }
    let plain = super::typed::as_typed_here(&plain).into_owned();
    Rendered {
        html: html(&plain),
        plain,
        reactions: if all_reactable { reactions } else { Vec::new() },
    }
}

/// Plain text to HTML: `== x ==` headings, `•`/`-` bullets and `n)` options as lists, blank
/// lines as paragraphs, links clickable; everything else escaped.
pub(super) fn html(text: &str) -> String {
    let mut doc = Html::default();
    for line in text.lines() {
        doc.line(line.trim());
    }
    doc.finish()
}

/// HTML being written line by line: the list or paragraph still open.
#[derive(Default)]
struct Html {
    out: String,
    list: Option<&'static str>,
    para_open: bool,
}

impl Html {
    fn line(&mut self, t: &str) {
        let item = match t.strip_prefix("• ").or_else(|| t.strip_prefix("- ")) {
            Some(rest) => Some(("ul", rest)),
            None => numbered(t).map(|rest| ("ol", rest)),
        };
        if item.map(|(tag, _)| tag) != self.list {
            self.close_list();
        }
        if let Some((tag, rest)) = item {
            self.item(tag, rest);
        } else if t.is_empty() {
            self.close_para();
        } else if let Some(title) = t.strip_prefix("== ").and_then(|r| r.strip_suffix(" ==")) {
            self.close_para();
            self.out.push_str(&format!("<h4>{}</h4>", inline(title)));
        } else {
            self.text(t);
        }
    }

    /// A list item, opening the list when it is the first.
    fn item(&mut self, tag: &'static str, text: &str) {
        self.close_para();
        if self.list.is_none() {
            self.out.push_str(&format!("<{tag}>"));
            self.list = Some(tag);
        }
        self.out.push_str(&format!("<li>{}</li>", inline(text)));
    }

    /// A line of a paragraph: the next lines of one are joined with line breaks.
    fn text(&mut self, t: &str) {
        if self.para_open {
            self.out.push_str("<br>");
        } else {
            self.out.push_str("<p>");
            self.para_open = true;
        }
        self.out.push_str(&inline(t));
    }

    fn close_list(&mut self) {
        if let Some(tag) = self.list.take() {
            self.out.push_str(&format!("</{tag}>"));
        }
    }

    fn close_para(&mut self) {
        if self.para_open {
            self.out.push_str("</p>");
            self.para_open = false;
        }
    }

    fn finish(mut self) -> String {
        self.close_list();
        self.close_para();
        self.out
    }
}

/// `3) text` → `text`.
fn numbered(line: &str) -> Option<&str> {
    let (n, rest) = line.split_once(") ")?;
    (!n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())).then_some(rest)
}

/// Escape a line and make http(s) links clickable.
fn inline(s: &str) -> String {
    let mut out = String::new();
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let trimmed = word.trim_end_matches(['.', ',', ')', ';']);
        if trimmed.starts_with("https://") || trimmed.starts_with("http://") {
            let esc = escape(trimmed);
            out.push_str(&format!("<a href=\"{esc}\">{esc}</a>"));
            out.push_str(&escape(&word[trimmed.len()..]));
        } else {
            out.push_str(&escape(word));
        }
    }
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{About, Choice};

    fn about_q() -> About {
        About::Question("q".into())
    }

    fn choice(id: &str, label: &str) -> Choice {
        Choice {
            id: id.into(),
            label: label.into(),
        }
    }

    #[test]
    fn yes_no_questions_are_numbered_and_offered_as_reactions() {
        let r = render(&Reply {
            text: "Is er een CRM?".into(),
            about: Some(About::Question("data.level.crm".into())),
            choices: vec![choice("yes", "ja"), choice("no", "nee")],
            audience: crate::engine::Audience::Team,
            ..Reply::default()
        });
        assert_eq!(
            r.plain,
            "Is er een CRM?\n  1) ja\n  2) nee\n\n👍 ja · 👎 nee"
        );
        assert_eq!(r.reactions, vec!["👍", "👎"]);
        assert_eq!(
            r.html,
            "<p>Is er een CRM?</p><ol><li>ja</li><li>nee</li></ol><p>👍 ja · 👎 nee</p>"
        );
    }

    #[test]
    fn other_choices_are_only_numbered_and_reminders_only_reactions() {
        let r = render(&Reply {
            text: "Welke plek?".into(),
            about: Some(About::Question("question.focus".into())),
            choices: vec![
                choice("strategy", "Strategie"),
                choice("programming", "Programmeren"),
            ],
            audience: crate::engine::Audience::Team,
            ..Reply::default()
        });
        assert!(r.plain.ends_with("  2) Programmeren"));
        assert!(r.reactions.is_empty());
        let r = render(&Reply {
            text: "⏰ Deadline bereikt".into(),
            about: Some(About::Reminder { goal: 1 }),
            choices: vec![choice("snooze", "Later"), choice("evaluate", "Evalueren")],
            audience: crate::engine::Audience::Team,
            ..Reply::default()
        });
        assert_eq!(r.plain, "⏰ Deadline bereikt\n\n⏰ Later · 📝 Evalueren");
        assert_eq!(r.reactions, vec!["⏰", "📝"]);
    }

    #[test]
    fn html_escapes_and_structures_the_text() {
        assert_eq!(
            html("== Stap 1 <x> ==\nEen & twee\ndrie\n\n• a\n• zie https://den.nl/x.\nslot"),
            "<h4>Stap 1 &lt;x&gt;</h4><p>Een &amp; twee<br>drie</p><ul><li>a</li>\
             <li>zie <a href=\"https://den.nl/x\">https://den.nl/x</a>.</li></ul><p>slot</p>"
        );
        assert_eq!(
            html("<script>alert(1)</script>"),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        );
    }

    #[test]
    fn a_long_reply_is_split_at_line_ends_and_keeps_its_question_last() {
        let line = "x".repeat(999) + "\n";
        let reply = Reply {
            text: line.repeat(60) + "é".repeat(20_000).as_str(),
            about: Some(about_q()),
            choices: vec![choice("yes", "ja")],
            audience: crate::engine::Audience::Team,
            ..Reply::default()
        };
        let parts = split_long(&reply);
        assert!(parts.len() >= 3, "{}", parts.len());
        assert!(parts.iter().all(|p| p.text.len() <= MAX_BODY_BYTES));
        assert_eq!(
            parts.iter().map(|p| p.text.as_str()).collect::<String>(),
            reply.text
        );
        assert!(parts[0].text.ends_with('\n'), "cut at a line end");
        assert!(parts[..parts.len() - 1].iter().all(|p| p.about.is_none()));
        assert_eq!(parts.last().and_then(|p| p.about.clone()), Some(about_q()));
        let short = Reply::text("kort");
        assert_eq!(split_long(&short), vec![short]);
    }

    #[test]
    fn a_turn_becomes_one_message_ending_in_its_question() {
        let q = Reply {
            text: "Vraag?".into(),
            about: Some(about_q()),
            choices: vec![choice("yes", "ja")],
            audience: crate::engine::Audience::Team,
            ..Reply::default()
        };
        let merged = merge(vec![
            Reply::text("Dank!"),
            Reply::text("== Stap 2 =="),
            q.clone(),
        ]);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].text, "Dank!\n\n== Stap 2 ==\n\nVraag?");
        assert_eq!(merged[0].about, Some(about_q()));
        let merged = merge(vec![q.clone(), Reply::text("Daarna")]);
        assert_eq!(merged, vec![q, Reply::text("Daarna")]);
        assert!(merge(Vec::new()).is_empty());
    }

    #[test]
    fn reactions_map_back_to_choices() {
        for (id, e) in REACTIONS {
            assert_eq!(choice_for(e), Some(*id));
        }
        assert_eq!(choice_for("👍\u{fe0f}"), Some("yes"));
        assert_eq!(choice_for("🎉"), None);
    }
}
