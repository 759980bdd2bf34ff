//! Just enough URL parsing to tell where a configured base URL points: its scheme, and whether
//! its host is this machine.
//!
//! Deliberately stricter than a browser: user info (`user@`), percent-escapes, backslashes,
//! spaces and numeric host forms other than dotted IPv4 are refused, so a host can only count
//! as loopback when it is plainly written as one (`127.x.y.z`, `localhost`, `[::1]`).
//! `http://127.0.0.1.evil.example` and `http://localhost@evil.example` point elsewhere.

use std::net::{Ipv4Addr, Ipv6Addr};

use anyhow::{Result, anyhow, bail};

// A test setting left in a production config must stop koers, not send its traffic (and the
// bot token) somewhere else.

/// `discord_api_base` replaces <https://discord.com> for the offline stand-in: loopback only.
pub(super) fn check_discord_api_base(url: &str) -> Result<()> {
    let parsed =
        BaseUrl::parse(url).map_err(|why| anyhow!("discord_api_base {url:?} is refused: {why}"))?;
    if !parsed.loopback {
        bail!(
            "discord_api_base is only for the offline test stand-in and must point at this \
             machine (http://127.0.0.1:PORT, http://localhost:PORT or http://[::1]:PORT), not \
             {url:?}; leave it out in production"
        );
    }
    Ok(())
}

/// `matrix_homeserver`: https, or plain http to a homeserver on this machine (tests).
pub(super) fn check_matrix_homeserver(url: &str) -> Result<()> {
    let parsed = BaseUrl::parse(url)
        .map_err(|why| anyhow!("matrix_homeserver {url:?} is refused: {why}"))?;
    if parsed.scheme == Scheme::Http && !parsed.loopback {
        bail!(
            "matrix_homeserver must be an https:// URL (plain http:// only for a homeserver on \
             this machine: 127.0.0.1, localhost or [::1]), not {url:?}"
        );
    }
    Ok(())
}

/// `web_public_url`: the address people open the web page at; http or https (the README says
/// why it belongs behind HTTPS), without user info, query or fragment.
pub(super) fn check_web_public_url(url: &str) -> Result<()> {
    BaseUrl::parse(url).map_err(|why| anyhow!("web_public_url {url:?} is refused: {why}"))?;
    if url.contains(['?', '#']) {
        bail!("web_public_url {url:?} is refused: write it without a query or fragment");
    }
    Ok(())
}

/// `http` or `https`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scheme {
    /// Plain `http://`.
    Http,
    /// `https://`.
    Https,
}

/// The parts of a base URL that decide where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct BaseUrl {
    /// The scheme.
    pub scheme: Scheme,
    /// The host as written (brackets of an IPv6 address removed).
    pub host: String,
    /// Whether the host is this machine: 127.0.0.0/8, `localhost` or `::1`.
    pub loopback: bool,
}

impl BaseUrl {
    /// Read `url`; the error says what is wrong with it (without naming the setting).
    pub(super) fn parse(url: &str) -> Result<BaseUrl, String> {
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| "it is not a URL such as https://host".to_string())?;
        let scheme = match scheme.to_ascii_lowercase().as_str() {
            "http" => Scheme::Http,
            "https" => Scheme::Https,
            _ => return Err(format!("its scheme is {scheme:?}, not http or https")),
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        if let Some(c) = authority.chars().find(|c| !host_char(*c)) {
            return Err(format!(
                "its host part {authority:?} holds {c:?}; write a plain host[:port]"
            ));
        }
        if let Some(c) = tail.chars().find(|c| c.is_whitespace() || *c == '\\') {
            return Err(format!("it holds {c:?}"));
        }
        let (host, port) = split_host_port(authority)?;
        if let Some(port) = port
            && !matches!(port.parse::<u32>(), Ok(1..=65535))
        {
            return Err(format!("its port {port:?} is not a number from 1 to 65535"));
        }
        let loopback = is_loopback(host);
        Ok(BaseUrl {
            scheme,
            host: host.to_string(),
            loopback,
        })
    }
}

/// What a host[:port] may be written with: letters and digits (also non-ASCII ones, for
/// international domain names), `.`, `-`, `:` and IPv6 brackets.
fn host_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']')
}

/// `host[:port]` or `[v6][:port]`.
fn split_host_port(authority: &str) -> Result<(&str, Option<&str>), String> {
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let (v6, after) = inner
            .split_once(']')
            .ok_or_else(|| format!("its IPv6 host {authority:?} lacks a closing ]"))?;
        if v6.parse::<Ipv6Addr>().is_err() {
            return Err(format!("[{v6}] is not an IPv6 address"));
        }
        match after {
            "" => (v6, None),
            _ => match after.strip_prefix(':') {
                Some(port) => (v6, Some(port)),
                None => return Err(format!("{after:?} follows its IPv6 host")),
            },
        }
    } else {
        if authority.contains(['[', ']']) {
            return Err(format!("its host {authority:?} has stray brackets"));
        }
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err("it has no host".into());
    }
    Ok((host, port))
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
        || host.parse::<Ipv6Addr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback(url: &str) -> bool {
        BaseUrl::parse(url)
            .unwrap_or_else(|e| panic!("{url} should parse: {e}"))
            .loopback
    }

    #[test]
    fn loopback_hosts_are_recognised() {
        for url in [
            "http://127.0.0.1:3000",
            "http://127.0.0.1",
            "http://127.5.6.7:80/api",
            "http://localhost",
            "HTTP://LocalHost:8008/",
            "http://[::1]:8008",
            "http://[::1]",
            "https://127.0.0.1:8448?x=1",
            "http://localhost:3000#frag",
        ] {
            assert!(loopback(url), "{url} is loopback");
        }
    }

    #[test]
    fn hosts_that_only_look_like_loopback_are_not() {
        for url in [
            "http://127.0.0.1.evil.example",
            "http://127.0.0.1.evil.example:3000/",
            "http://localhost.evil.example",
            "http://evil.example/127.0.0.1",
            "http://evil.example?localhost",
            "http://128.0.0.1:3000",
            "http://[::2]:3000",
            "http://2130706433",
            "https://matrix.example.org",
            "https://bücher.example",
        ] {
            assert!(!loopback(url), "{url} is not loopback");
        }
    }

    #[test]
    fn tricks_and_broken_urls_are_refused() {
        for url in [
            "http://localhost@evil.example",
            "http://user:pw@127.0.0.1:3000",
            "http://127.0.0.1\\@evil.example",
            "http://127.0.0.1%2eevil.example",
            "http://127.0.0.1 .evil.example",
            " http://127.0.0.1",
            "http://127.0.0.1:3000/ path",
            "http://127.0.0.1:3000/\\x",
            "http://[::1",
            "http://[::1]x",
            "http://[nope]:1",
            "http://a]b",
            "http://::1:3000",
            "http://:3000",
            "http://",
            "http://localhost:",
            "http://localhost:0",
            "http://localhost:65536",
            "http://localhost:80:80",
            "http://localhost:x",
            "ftp://127.0.0.1",
            "ws://127.0.0.1",
            "127.0.0.1:3000",
            "localhost",
            "",
        ] {
            assert!(BaseUrl::parse(url).is_err(), "{url:?} is refused");
        }
    }

    #[test]
    fn the_discord_test_base_is_accepted_on_loopback_only() {
        for url in [
            "http://127.0.0.1:3000",
            "http://localhost:3000",
            "http://[::1]:3000",
            "https://localhost:3000/",
        ] {
            check_discord_api_base(url).unwrap_or_else(|e| panic!("{url} accepted: {e:#}"));
        }
        for url in [
            "https://discord.com",
            "http://127.0.0.1.evil.example",
            "http://localhost@evil.example",
            "http://evil.example/127.0.0.1",
            "http://10.0.0.1:3000",
            "127.0.0.1:3000",
        ] {
            let err = check_discord_api_base(url).expect_err(url);
            assert!(
                format!("{err:#}").contains("discord_api_base"),
                "{url}: {err:#}"
            );
        }
    }

    #[test]
    fn the_matrix_homeserver_needs_https_unless_it_is_on_loopback() {
        for url in [
            "https://matrix.example.org",
            "https://matrix.example.org:8448/",
            "HTTPS://matrix.example.org",
            "http://127.0.0.1:8008",
            "http://localhost:8008",
            "http://[::1]:8008",
            "https://127.0.0.1:8448",
        ] {
            check_matrix_homeserver(url).unwrap_or_else(|e| panic!("{url} accepted: {e:#}"));
        }
        for url in [
            "http://matrix.example.org",
            "http://127.0.0.1.evil.example:8008",
            "http://localhost@evil.example",
            "https://koers@matrix.example.org",
            "matrix.example.org",
            "ftp://matrix.example.org",
        ] {
            let err = check_matrix_homeserver(url).expect_err(url);
            assert!(
                format!("{err:#}").contains("matrix_homeserver"),
                "{url}: {err:#}"
            );
        }
    }

    #[test]
    fn scheme_and_host_are_read() {
        let url = BaseUrl::parse("https://Matrix.Example.org:8448/_matrix").expect("parses");
        assert_eq!(url.scheme, Scheme::Https);
        assert_eq!(url.host, "Matrix.Example.org");
        assert!(!url.loopback);
        let url = BaseUrl::parse("http://[::1]:8008").expect("parses");
        assert_eq!((url.scheme, url.host.as_str()), (Scheme::Http, "::1"));
    }
}
