//! Reading a yes/no answer from free text, in Dutch and English, without ever guessing:
//! an answer that cannot be read with confidence is None, and the engine asks again with
//! the options spelled out.

use super::normalize::words;

/// A team's answer to a yes/no question ("ja", "nee", "deels", "weet ik niet").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum YesNo {
    /// Ja.
    Yes,
    /// Nee.
    No,
    /// Deels: yes with a reservation, or only in part.
    Partly,
    /// Weet ik niet: the team does not know.
    Unknown,
}

impl YesNo {
    /// Every answer, in the order buttons and spelled-out options show them.
    pub const ALL: [YesNo; 4] = [YesNo::Yes, YesNo::No, YesNo::Partly, YesNo::Unknown];

    /// The stable id stored in the database and used to key the answer's texts.
    pub fn as_str(self) -> &'static str {
        match self {
            YesNo::Yes => "yes",
            YesNo::No => "no",
            YesNo::Partly => "partly",
            YesNo::Unknown => "unknown",
        }
    }

    /// Reads an id written by [`YesNo::as_str`]; None for anything else.
    pub fn parse_stored(s: &str) -> Option<YesNo> {
        YesNo::ALL.into_iter().find(|answer| answer.as_str() == s)
    }
}

mod lexicon;

use super::lexicon::lists;
use YesNo::{No, Partly, Yes};
use lexicon::EMOJI;

/// Reads a yes/no answer from free Dutch or English text; None when the text is not a
/// clear answer. Numbers are not read here (the engine maps numbered options).
///
/// The rules, in order:
/// - the answer must open with a known phrase (after fillers like "nou", "well", "ik");
///   "we hebben een CRM" is None, "ja, we hebben een CRM" is Yes;
/// - the longest phrase wins: "niet zeker" is Unknown, "zeker niet" and "klopt niet" are
///   No, "niet helemaal" is Partly; a stretched word ("jaaa", "neee") reads as the word;
/// - phrases that follow each other (optionally joined by "maar", "en", "or", …) are
///   combined: the same answer twice stays, yes or no with partly is Partly ("ja, deels",
///   "nee, niet helemaal"), yes with no ("ja nee", "yes and no") or anything mixed with
///   unknown is None, except for the qualified yes below;
/// - a yes followed by a reservation ("maar", "but", "alleen", "only"; not "maar ook" /
///   "but also") or by a partial or negative qualifier ("nog niet", "deels", "not yet") is
///   Partly: "ja maar nog niet helemaal", "ja, maar nee" and "yes, but only for tickets"
///   are Partly;
/// - otherwise, after a yes or no, a bare word of the opposite sign anywhere later ("ja,
///   … nee") is a contradiction: None;
/// - anything else after the opening phrase is explanation and does not change it.
pub fn parse_yes_no(text: &str) -> Option<YesNo> {
    let lists = &lists().yesno;
    let tokens = words(&spell_out_emoji(text));
    let (answer, at) = read_phrases(&tokens)?;
    let rest = &tokens[at..];
    match answer {
        Yes if has_reservation(rest) => Some(Partly),
        Yes if rest
            .iter()
            .any(|word| lists.bare_no.contains(&word.as_str())) =>
        {
            None
        }
        No if rest
            .iter()
            .any(|word| lists.bare_yes.contains(&word.as_str())) =>
        {
            None
        }
        _ => Some(answer),
    }
}

/// Reads an answer that is nothing but a yes/no phrase, or several read as one ("nee",
/// "nou, nee hoor", "weet ik niet", "no idea"); None when anything follows the phrases
/// ("nee, Jan doet het"). For free-text questions, where "nee" may be the whole answer or
/// the start of one.
pub fn parse_bare_yes_no(text: &str) -> Option<YesNo> {
    let tokens = words(&spell_out_emoji(text));
    let (answer, at) = read_phrases(&tokens)?;
    (at == tokens.len()).then_some(answer)
}

/// The answer phrases that open `tokens` (after openers), combined, and where they end;
/// None when there is none or they contradict each other.
fn read_phrases(tokens: &[String]) -> Option<(YesNo, usize)> {
    let lists = &lists().yesno;
    let mut at = skip(tokens, 0, lists.openers);
    let (mut answer, len) = phrase_at(tokens, at)?;
    at += len;
    loop {
        let next = skip(tokens, at, lists.links);
        let Some((more, len)) = phrase_at(tokens, next) else {
            break;
        };
        answer = if answer == Yes && more == No && qualifies(&tokens[at..next], &tokens[next..]) {
            Partly
        } else {
            combine(answer, more)?
        };
        at = next + len;
    }
    Some((answer, at))
}

/// Whether a no that follows a yes qualifies it rather than contradicts it: after a
/// reservation ("ja, maar nee", "yes but not for all") or when it is a "not yet" ("ja, nog
/// niet officieel").
fn qualifies(link: &[String], negative: &[String]) -> bool {
    let lists = &lists().yesno;
    link.iter()
        .any(|word| lists.reservations.contains(&word.as_str()))
        || lists
            .not_yet
            .iter()
            .any(|phrase| starts_with_phrase(negative, phrase))
}

/// The text with answering emoji replaced by the words they stand for.
fn spell_out_emoji(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match EMOJI.iter().find(|(emoji, _)| *emoji == c) {
            Some((_, word)) => out.push_str(word),
            None => out.push(c),
        }
    }
    out
}

/// The first position at or after `at` whose token is not in `skippable`.
fn skip(tokens: &[String], mut at: usize, skippable: &[&str]) -> usize {
    while tokens
        .get(at)
        .is_some_and(|token| skippable.contains(&token.as_str()))
    {
        at += 1;
    }
    at
}

/// The longest answer phrase starting at `at`, with its length in tokens.
fn phrase_at(tokens: &[String], at: usize) -> Option<(YesNo, usize)> {
    let first = tokens.get(at)?;
    let mut best: Option<(YesNo, usize)> = None;
    let phrases = lists().yesno.phrases;
    for (phrase, answer) in phrases {
        let len = phrase.split(' ').count();
        if starts_with_phrase(&tokens[at..], phrase) && best.is_none_or(|(_, l)| len > l) {
            best = Some((*answer, len));
        }
    }
    best.or_else(|| {
        // A stretched single word: "jaaa", "neeee", "yesss", "nooo".
        let squeezed = [squeeze(first, 1), squeeze(first, 2)];
        phrases
            .iter()
            .find(|(phrase, _)| !phrase.contains(' ') && squeezed.iter().any(|s| s == phrase))
            .map(|(_, answer)| (*answer, 1))
    })
}

/// Whether `tokens` begins with the words of `phrase`.
fn starts_with_phrase(tokens: &[String], phrase: &str) -> bool {
    phrase
        .split(' ')
        .enumerate()
        .all(|(i, word)| tokens.get(i).is_some_and(|token| token == word))
}

/// The word with every run of three or more equal letters cut to `keep` letters.
fn squeeze(word: &str, keep: usize) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| **c == chars[i]).count();
        let kept = if run >= 3 { keep } else { run };
        out.extend(std::iter::repeat_n(chars[i], kept));
        i += run;
    }
    out
}

/// Two answers given one after the other, read as one; None when they contradict.
fn combine(first: YesNo, second: YesNo) -> Option<YesNo> {
    match (first, second) {
        (a, b) if a == b => Some(a),
        (Yes | No, Partly) | (Partly, Yes | No) => Some(Partly),
        _ => None,
    }
}

/// Whether the words after a yes put a reservation or a partial qualifier on it.
fn has_reservation(rest: &[String]) -> bool {
    let lists = &lists().yesno;
    let reserved = rest.iter().enumerate().any(|(i, word)| {
        let before = i.checked_sub(1).and_then(|j| rest.get(j));
        let after = rest.get(i + 1);
        lists.reservations.contains(&word.as_str())
            // "maar ook" / "but also" / "niet alleen" / "not only" widen the yes instead.
            && !after.is_some_and(|w| lists.widening.contains(&w.as_str()))
            && !before.is_some_and(|w| lists.negators.contains(&w.as_str()))
    });
    reserved
        || (0..rest.len()).any(|i| {
            lists
                .qualifiers
                .iter()
                .any(|phrase| starts_with_phrase(&rest[i..], phrase))
        })
}

#[cfg(test)]
mod tests;
