//! One turn, one message: every interaction gets exactly one response and a turn posts one
//! message, for every kind of input; a turn past Discord's limit is split with its components
//! on the last part; teams are named after their channel and people by their nickname. One file
//! per part (`e2e_onemsg_*.rs`); the counting of what koers sent is here.

use super::*;

#[path = "e2e_onemsg_first.rs"]
mod first_contact;
#[path = "e2e_onemsg_inputs.rs"]
mod inputs;
#[path = "e2e_onemsg_names.rs"]
mod names;

/// What koers sent in a stretch of requests.
#[derive(Debug, Default, PartialEq, Eq)]
struct Sent {
    /// Interaction responses (`POST /interactions/{id}/{token}/callback`).
    responses: usize,
    /// Follow-ups (`POST /webhooks/{app}/{token}`).
    followups: usize,
    /// Messages posted in a channel, a thread or a DM.
    posts: usize,
}

fn followup(r: &Recorded) -> bool {
    r.method == "POST" && r.route().starts_with("/webhooks/")
}

fn sent_since(standin: &StandIn, from: usize) -> Sent {
    let requests = standin.requests();
    let new = &requests[from.min(requests.len())..];
    Sent {
        responses: new.iter().filter(|r| callback(r)).count(),
        followups: new.iter().filter(|r| followup(r)).count(),
        posts: new.iter().filter(|r| sent_message(r)).count(),
    }
}

/// Waits until koers has sent nothing new for a while: the turn is over. Only a pause for
/// stragglers, never an assertion on time.
async fn settled(standin: &StandIn) -> usize {
    let mut seen = standin.requests().len();
    loop {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = standin.requests().len();
        if now == seen {
            return now;
        }
        seen = now;
    }
}

/// Dispatches `event` and waits until its turn is over; what koers sent for it.
async fn turn(standin: &StandIn, event: &str, data: Value) -> (Sent, Vec<Recorded>) {
    let from = settled(standin).await;
    let sent = |r: &Recorded| callback(r) || followup(r) || sent_message(r);
    let before = count(standin, sent);
    standin.dispatch(event, data);
    // Something comes for every input here; wait for it, then for the rest of the turn.
    next(standin, before, sent).await;
    settled(standin).await;
    let new = standin.requests()[from..].to_vec();
    (sent_since(standin, from), new)
}

/// The interaction tokens koers answered, with how many responses each got.
fn responses_per_token(standin: &StandIn) -> std::collections::HashMap<String, usize> {
    let mut per = std::collections::HashMap::new();
    for r in standin.requests().iter().filter(|r| callback(r)) {
        let token = r.route().split('/').nth(3).unwrap_or_default().to_string();
        *per.entry(token).or_insert(0) += 1;
    }
    per
}

fn team_name(db: &Db, channel: u64) -> Option<String> {
    db.run(move |s| {
        Ok(s.find_team("discord", &channel.to_string())?
            .map(|t| t.name))
    })
    .expect("team")
}

/// The text of a message koers sent: its content, or its embed's title and description.
fn text_of(r: &Recorded) -> String {
    let Some(body) = &r.body else {
        return String::new();
    };
    let message = if callback(r) { &body["data"] } else { body };
    let embeds: String = message["embeds"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| format!("{} {}", e["title"], e["description"]))
        .collect();
    format!(
        "{}{embeds}",
        message["content"].as_str().unwrap_or_default()
    )
}
