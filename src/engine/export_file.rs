//! `/export` in its four formats. Markdown and JSON are text: printed in the terminal, posted
//! on Matrix, and on Discord one file rather than the many 2000-character messages they would
//! take. The HTML report is a file everywhere ([`Attachment`]); the PNG is the plan's picture
//! ([`super::picture`]), rendered after the transaction like `/plaatje`'s.

use anyhow::{Context, Result};

use super::command::ExportFormat;
use super::picture::file_name;
use super::{Attachment, Reply, Turn};
use crate::report::{self, Texts};

impl Turn<'_, '_, '_> {
    /// `/export [md|json|html|png]`.
    pub(super) fn export(&mut self, format: ExportFormat) -> Result<()> {
        match format {
            ExportFormat::Markdown => {
                let md = self.export_markdown()?;
                self.text_or_file(md, "md", "text/markdown; charset=utf-8");
            }
            ExportFormat::Json => {
                let plan = self.plan()?;
                let json = serde_json::to_string_pretty(&plan)
                    .context("the plan could not be written as JSON")?;
                self.text_or_file(json + "\n", "json", "application/json");
            }
            ExportFormat::Html => {
                let plan = self.plan()?;
                let html = report::html::render(&plan, &Texts::new(&self.engine.texts, &plan));
                self.say_file(html.into_bytes(), "html", "text/html; charset=utf-8");
            }
            ExportFormat::Png => {
                let caption = self.caption("png");
                self.say(caption);
                self.attach_picture()?;
            }
        }
        Ok(())
    }

    /// Whether a long export goes as a file rather than as text: on Discord, where a message
    /// holds 2000 characters and the plan would take a stream of them.
    fn exports_as_files(&self) -> bool {
        self.platform == "discord"
    }

    fn text_or_file(&mut self, text: String, ext: &str, mime: &str) {
        if self.exports_as_files() {
            self.say_file(text.into_bytes(), ext, mime);
        } else {
            self.say(text);
        }
    }

    /// A caption naming the file, with the file on it.
    fn say_file(&mut self, bytes: Vec<u8>, ext: &str, mime: &str) {
        let text = self.caption(ext);
        self.out.push(Reply {
            file: Some(Attachment {
                bytes,
                name: file_name(&self.team.name, ext),
                mime: mime.to_string(),
            }),
            ..Reply::text(text)
        });
    }

    /// The caption of the `ext` file (`md`, `json`, `html`, `png`): a sentence per format, as
    /// each takes its own article.
    fn caption(&self, ext: &str) -> String {
        self.f(
            &format!("msg.export_file.caption.{ext}"),
            &[("team", &self.team.name)],
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::tests::Chat;

    /// The same team on `platform` (a team of its own there) answers its first two questions.
    fn answer(chat: &Chat, platform: &str) {
        for line in ["/start", "marketing", "eerste antwoord"] {
            chat.replies_on(platform, line);
        }
    }

    #[test]
    fn html_is_a_file_everywhere_and_png_a_picture() {
        let chat = Chat::new();
        for platform in ["terminal", "discord", "matrix"] {
            answer(&chat, platform);
            let out = chat.replies_on(platform, "/export html");
            let files: Vec<_> = out.iter().filter_map(|r| r.file.as_ref()).collect();
            assert_eq!(files.len(), 1, "{platform}: one file");
            assert_eq!(files[0].name, "koers-t-plan.html");
            assert!(files[0].mime.starts_with("text/html"));
            let html = String::from_utf8(files[0].bytes.clone()).expect("utf-8");
            assert!(html.starts_with("<!DOCTYPE html>"), "{platform}");
            assert!(html.contains("eerste antwoord"), "{platform}: the answer");
            let out = chat.replies_on(platform, "/export png");
            let images: Vec<_> = out.iter().filter_map(|r| r.image.as_ref()).collect();
            assert_eq!(images.len(), 1, "{platform}: one picture");
            assert!(images[0].png.starts_with(b"\x89PNG"));
            assert!(out.iter().all(|r| r.file.is_none()));
        }
    }

    #[test]
    fn markdown_and_json_are_one_file_on_discord_and_text_elsewhere() {
        let chat = Chat::new();
        for platform in ["terminal", "discord", "matrix"] {
            answer(&chat, platform);
        }
        for (line, ext) in [("/export", "md"), ("/export json", "json")] {
            let out = chat.replies_on("discord", line);
            assert_eq!(out.len(), 1, "{line}: one reply");
            let file = out[0].file.as_ref().expect("a file on Discord");
            assert_eq!(file.name, format!("koers-t-plan.{ext}"));
            let text = String::from_utf8(file.bytes.clone()).expect("utf-8");
            assert!(text.contains("eerste antwoord"), "{line}: the whole plan");
            assert!(out[0].text.chars().count() < 200, "only a caption as text");
            for platform in ["terminal", "matrix"] {
                let out = chat.replies_on(platform, line);
                assert!(out.iter().all(|r| r.file.is_none()), "{platform}: text");
                assert!(out.iter().any(|r| r.text.contains("eerste antwoord")));
            }
        }
        let json = chat.replies_on("discord", "/export json");
        let bytes = &json[0].file.as_ref().expect("file").bytes;
        let value: serde_json::Value = serde_json::from_slice(bytes).expect("valid JSON");
        assert_eq!(value["schema_version"], 1);
    }
}
