//! `/plaatje` (`/picture`) and the picture that comes with `/status`: the plan drawn by
//! [`crate::report`]. The SVG is written inside the turn (from the same snapshot as the text), in
//! the picture's parts; rendering it to PNG costs milliseconds, so that happens only when a
//! picture was asked for, after the transaction, outside the store's lock ([`develop`]), and
//! only for the parts that changed since they were drawn lately.

use anyhow::{Context, Result};

use super::{Image, Reply, Turn};
use crate::report::{self, Texts};

/// A picture drawn this turn and not yet rendered: its SVG and the reply it goes with.
pub(super) struct Pending {
    /// The index of the reply in the turn's replies.
    reply: usize,
    /// The picture in its parts, each an SVG.
    panels: Vec<report::panels::Panel>,
    name: String,
    alt: String,
    /// Pixels per SVG unit.
    scale: u32,
}

/// What a turn said, with the pictures still to render.
pub(super) struct Turned {
    replies: Vec<Reply>,
    pictures: Vec<Pending>,
}

impl Turned {
    /// Replies without pictures.
    pub(super) fn said(replies: Vec<Reply>) -> Turned {
        Turned {
            replies,
            pictures: Vec::new(),
        }
    }
}

/// The turn's replies with their pictures rendered to PNG.
pub(super) fn develop(turned: Turned) -> Result<Vec<Reply>> {
    let Turned {
        mut replies,
        pictures,
    } = turned;
    for p in pictures {
        let png = report::png_parts::render_parts(&p.panels, p.scale)
            .context("cannot render the plan's picture")?;
        let reply = replies
            .get_mut(p.reply)
            .context("a picture without its reply")?;
        reply.image = Some(Image {
            png,
            name: p.name,
            alt: p.alt,
            width: report::svg::WIDTH * p.scale,
            height: report::svg::HEIGHT * p.scale,
        });
    }
    Ok(replies)
}

impl Turn<'_, '_, '_> {
    /// What the turn said, with the pictures still to render.
    pub(super) fn done(self) -> Turned {
        Turned {
            replies: self.out,
            pictures: self.pictures,
        }
    }

    /// `/plaatje`: a line naming the picture, and the picture on it.
    pub(super) fn picture(&mut self) -> Result<()> {
        let text = self.f("msg.picture.caption", &[("team", &self.team.name)]);
        self.say(text);
        self.attach_picture()
    }

    /// Whether `/status` brings the picture: on chat platforms, where it shows beside the
    /// text. In the terminal a picture is a file on disk, which only `/plaatje` writes.
    pub(super) fn pictures_with_status(&self) -> bool {
        self.platform != "terminal"
    }

    /// The plan's picture, at the scale of a file asked for, on the last reply said.
    pub(super) fn attach_picture(&mut self) -> Result<()> {
        self.attach_picture_at(report::png::SCALE)
    }

    /// The plan's picture at `scale` on the last reply said.
    pub(super) fn attach_picture_at(&mut self, scale: u32) -> Result<()> {
        let reply = self
            .out
            .len()
            .checked_sub(1)
            .context("a picture needs a reply to go with")?;
        let plan = self.plan()?;
        let panels = report::panels::render(&plan, &Texts::new(&self.engine.texts, &plan));
        let alt = self.f("msg.picture.alt", &[("team", &self.team.name)]);
        self.pictures.push(Pending {
            reply,
            panels,
            name: file_name(&self.team.name, "png"),
            alt,
            scale,
        });
        Ok(())
    }
}

/// `koers-<team>-plan.<ext>`, the team's name kept to letters, digits and dashes so it is a
/// safe file name everywhere.
pub(super) fn file_name(team: &str, ext: &str) -> String {
    let mut slug = String::new();
    for c in team.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("koers-plan.{ext}")
    } else {
        format!("koers-{slug}-plan.{ext}")
    }
}

#[cfg(test)]
mod tests {
    use super::file_name;
    use crate::engine::tests::Chat;

    /// The PNG's width and height, read from its header.
    fn png_size(png: &[u8]) -> (u32, u32) {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "the PNG signature");
        assert_eq!(&png[12..16], b"IHDR");
        let be = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
        (be(16), be(20))
    }

    #[test]
    fn plaatje_replies_with_the_plan_as_a_png() {
        let mut chat = Chat::new();
        chat.say("eerste antwoord");
        for line in ["/plaatje", "/picture"] {
            let out = chat.replies_on("test", line);
            let images: Vec<_> = out.iter().filter_map(|r| r.image.as_ref()).collect();
            assert_eq!(images.len(), 1, "{line}: one picture");
            let image = images[0];
            let expected = (
                crate::report::svg::WIDTH * crate::report::png::SCALE,
                crate::report::svg::HEIGHT * crate::report::png::SCALE,
            );
            assert_eq!(png_size(&image.png), expected);
            assert_eq!((image.width, image.height), expected);
            assert_eq!(image.name, "koers-t-plan.png");
            assert!(image.alt.contains('t') && !image.alt.is_empty());
        }
    }

    #[test]
    fn status_brings_the_picture_on_chat_platforms_only() {
        let mut chat = Chat::new();
        let on_chat = chat.replies_on("test", "/status");
        assert_eq!(on_chat.len(), 1, "the status is one reply");
        assert!(on_chat[0].image.is_some(), "the picture is on the status");
        let in_terminal = chat.replies_on("terminal", "/status");
        assert!(in_terminal.iter().all(|r| r.image.is_none()));
        // Ordinary answers never render a picture.
        let answered = chat.replies_on("test", "een antwoord");
        assert!(answered.iter().all(|r| r.image.is_none()));
        chat.say("nog een");
    }

    #[test]
    fn file_names_keep_only_letters_digits_and_dashes() {
        assert_eq!(file_name("Museum X", "png"), "koers-museum-x-plan.png");
        assert_eq!(
            file_name("../../etc/passwd", "html"),
            "koers-etc-passwd-plan.html"
        );
        assert_eq!(file_name("***", "json"), "koers-plan.json");
    }
}
