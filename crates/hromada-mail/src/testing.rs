//! A small SMTP server on loopback for tests: it accepts every message, keeps
//! it, and decodes what a test needs to read (subject and text body).
#![allow(clippy::expect_used, clippy::panic)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A message as the sink received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// Decoded from RFC 2047 when encoded.
    pub subject: String,
    /// The text body, decoded from quoted-printable or base64.
    pub body: String,
    /// Headers and body as they arrived.
    pub raw: String,
}

impl Received {
    /// The first `http(s)://` link in the body.
    pub fn first_link(&self) -> Option<String> {
        let start = self.body.find("http://").or_else(|| self.body.find("https://"))?;
        let link: String = self.body[start..].chars().take_while(|c| !c.is_whitespace() && *c != '>' && *c != '"').collect();
        Some(link)
    }
}

pub struct SmtpSink {
    pub port: u16,
    messages: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind the SMTP sink");
        let port = listener.local_addr().expect("sink address").port();
        let messages = Arc::new(Mutex::new(Vec::new()));
        let store = Arc::clone(&messages);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let store = Arc::clone(&store);
                tokio::spawn(async move {
                    let _ = serve(stream, store).await;
                });
            }
        });
        SmtpSink { port, messages, task }
    }

    /// An `smtp://` URL for `SmtpMailer::new` (no TLS: loopback only).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn messages(&self) -> Vec<Received> {
        self.messages.lock().map(|m| m.clone()).unwrap_or_default()
    }

    /// Wait until at least `n` messages arrived (up to `timeout`), then return all.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let got = self.messages();
            if got.len() >= n || tokio::time::Instant::now() >= deadline {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

async fn serve(stream: TcpStream, store: Arc<Mutex<Vec<Received>>>) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 hromada-test-sink ESMTP\r\n").await?;
    let mut mail_from = String::new();
    let mut rcpt_to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_string();
        let verb = command.split(' ').next().unwrap_or("").to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => write.write_all(b"250-hromada-test-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n").await?,
            "HELO" | "NOOP" => write.write_all(b"250 OK\r\n").await?,
            "RSET" => {
                mail_from.clear();
                rcpt_to.clear();
                write.write_all(b"250 OK\r\n").await?;
            }
            "MAIL" => {
                mail_from = angle(&command);
                write.write_all(b"250 OK\r\n").await?;
            }
            "RCPT" => {
                rcpt_to.push(angle(&command));
                write.write_all(b"250 OK\r\n").await?;
            }
            "DATA" => {
                write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
                let mut raw = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    raw.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                let (subject, body) = decode(&raw);
                if let Ok(mut all) = store.lock() {
                    all.push(Received { mail_from: mail_from.clone(), rcpt_to: std::mem::take(&mut rcpt_to), subject, body, raw });
                }
                write.write_all(b"250 OK: queued\r\n").await?;
            }
            "QUIT" => {
                write.write_all(b"221 Bye\r\n").await?;
                return Ok(());
            }
            _ => write.write_all(b"502 Command not implemented\r\n").await?,
        }
    }
}

fn angle(command: &str) -> String {
    match (command.find('<'), command.find('>')) {
        (Some(a), Some(b)) if b > a => command[a + 1..b].to_string(),
        _ => String::new(),
    }
}

/// (subject, text body) of a single-part message.
fn decode(raw: &str) -> (String, String) {
    let raw = raw.replace("\r\n", "\n");
    let (head, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
    // Unfold continuation lines.
    let head = head.replace("\n ", " ").replace("\n\t", " ");
    let header = |name: &str| {
        head.lines()
            .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim().to_string()))
            .unwrap_or_default()
    };
    let subject = decode_words(&header("Subject"));
    let encoding = header("Content-Transfer-Encoding").to_ascii_lowercase();
    let bytes = match encoding.as_str() {
        "base64" => base64(&body.split_whitespace().collect::<String>()),
        "quoted-printable" => quoted_printable(body, false),
        _ => body.as_bytes().to_vec(),
    };
    (subject, String::from_utf8_lossy(&bytes).into_owned())
}

/// RFC 2047 encoded words (`=?utf-8?b?…?=` and `=?utf-8?q?…?=`), joined.
fn decode_words(value: &str) -> String {
    let mut out = Vec::new();
    let mut rest = value;
    while let Some(start) = rest.find("=?") {
        let before = &rest[..start];
        if !before.trim().is_empty() {
            out.extend_from_slice(before.as_bytes());
        }
        let word = &rest[start + 2..];
        let parts: Vec<&str> = word.splitn(3, '?').collect();
        let (Some(kind), Some(tail)) = (parts.get(1), parts.get(2)) else { break };
        let Some(end) = tail.find("?=") else { break };
        let text = &tail[..end];
        match kind.to_ascii_lowercase().as_str() {
            "b" => out.extend(base64(text)),
            _ => out.extend(quoted_printable(text, true)),
        }
        rest = &tail[end + 2..];
    }
    out.extend_from_slice(rest.as_bytes());
    String::from_utf8_lossy(&out).into_owned()
}

fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some(u32::from(c - b'A')),
            b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
            b'+' | b'-' => Some(62),
            b'/' | b'_' => Some(63),
            _ => None,
        }
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for v in text.bytes().filter_map(value) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn quoted_printable(text: &str, underscore_is_space: bool) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'=' if bytes.get(i + 1) == Some(&b'\n') => i += 1,
            b'=' if bytes.get(i + 1) == Some(&b'\r') => i += 2,
            b'=' => {
                let hex = text.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'='),
                }
            }
            b'_' if underscore_is_space => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    out
}
