//! The secret in a team's web link: 256 random bits from the operating system (`getrandom`),
//! written base64url without padding (43 characters) so it fits a URL path as it is. koers
//! stores only its SHA-256 ([`hash`]) and compares hashes in constant time (`subtle`), over
//! every working link, so neither a copy of the database nor the time an answer takes gives a
//! token away. Nothing here knows about HTTP.

use anyhow::{Context, Result};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::store::WebLink;

/// Random bytes in a token: 256 bits, twice the least a guess must face.
pub const TOKEN_BYTES: usize = 32;

/// Characters of a token as written in a link.
pub const TOKEN_CHARS: usize = 43;

/// A fresh token, base64url without padding.
pub fn generate() -> Result<String> {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("the operating system gave no random bytes for a link")?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// The SHA-256 of a token as typed in the link: what the database keeps.
pub fn hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Whether `token` has the shape of one koers makes; anything else is not looked up at all.
pub fn well_formed(token: &str) -> bool {
    token.len() == TOKEN_CHARS
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The link whose hash is `token`'s. Every link is compared, each in constant time, and the
/// match is chosen without an early return, so the time taken says nothing about how close a
/// guess came or which link it matched.
pub fn find<'a>(links: &'a [WebLink], token: &str) -> Option<&'a WebLink> {
    let wanted = hash(token);
    let mut found = None;
    for link in links {
        let same: bool = link.token_hash.as_slice().ct_eq(&wanted).into();
        if same {
            found = Some(link);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(token: &str, team: &str) -> WebLink {
        WebLink {
            token_hash: hash(token).to_vec(),
            platform: "terminal".into(),
            external_id: team.into(),
            name: team.into(),
        }
    }

    #[test]
    fn tokens_are_43_url_safe_characters_of_fresh_randomness() {
        let tokens: Vec<String> = (0..64).map(|_| generate().expect("token")).collect();
        for t in &tokens {
            assert_eq!(t.len(), TOKEN_CHARS, "{t}");
            assert!(well_formed(t), "{t}");
            let bytes = URL_SAFE_NO_PAD.decode(t).expect("base64url");
            assert_eq!(bytes.len(), TOKEN_BYTES);
        }
        let distinct: std::collections::BTreeSet<_> = tokens.iter().collect();
        assert_eq!(distinct.len(), tokens.len(), "no token comes twice");
        // Every bit position takes both values across 64 tokens: they are not a constant, a
        // counter or mostly zero.
        let all: Vec<Vec<u8>> = tokens
            .iter()
            .map(|t| URL_SAFE_NO_PAD.decode(t).expect("decode"))
            .collect();
        for bit in 0..TOKEN_BYTES * 8 {
            let ones = all
                .iter()
                .filter(|b| b[bit / 8] >> (bit % 8) & 1 == 1)
                .count();
            assert!(ones > 0 && ones < all.len(), "bit {bit} never changes");
        }
    }

    #[test]
    fn the_hash_is_sha256_of_the_token() {
        // The SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        let h = hash("abc");
        assert_eq!(
            h[..4],
            [0xba, 0x78, 0x16, 0xbf],
            "a known SHA-256 test vector"
        );
        assert_ne!(hash("abd"), h);
    }

    #[test]
    fn find_matches_only_the_exact_token() {
        let (a, b) = (generate().expect("a"), generate().expect("b"));
        let links = [link(&a, "A"), link(&b, "B")];
        assert_eq!(find(&links, &a).map(|l| l.name.as_str()), Some("A"));
        assert_eq!(find(&links, &b).map(|l| l.name.as_str()), Some("B"));
        let mut near = a.clone();
        near.pop();
        near.push(if a.ends_with('A') { 'B' } else { 'A' });
        assert!(find(&links, &near).is_none(), "one character off");
        assert!(find(&links, "").is_none());
        assert!(!well_formed("../../etc/passwd"));
        assert!(!well_formed(&format!("{a}x")));
    }

    #[test]
    fn the_comparison_is_subtle_constant_time_not_slice_equality() {
        // The source of `find` compares with `ct_eq`; this guards the choice against a
        // refactoring to `==` (which returns at the first differing byte).
        let source = include_str!("token.rs");
        let body = source
            .split("pub fn find")
            .nth(1)
            .and_then(|s| s.split("#[cfg(test)]").next())
            .expect("find's body");
        assert!(
            body.contains(".ct_eq("),
            "find compares with subtle's ct_eq"
        );
        assert!(!body.contains("=="), "no early-exit equality in find");
    }
}
