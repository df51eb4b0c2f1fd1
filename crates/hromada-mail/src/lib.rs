//! Outgoing e-mail. Messages are plain text (light, readable by every client
//! and screen reader) in UTF-8, sent over SMTP by lettre: `smtp://` (STARTTLS
//! when the server offers it, `?tls=required` to insist), `smtps://` (TLS from
//! the start), user and password in the URL.
//!
//! [`testing::SmtpSink`] is a real SMTP server on loopback that tests start, so
//! that e-mail in tests travels the same way it does in production.

pub mod durable;
pub mod testing;

use async_trait::async_trait;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// One message to one person.
#[derive(Clone, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    /// Plain text; links written out in full.
    pub body: String,
    /// The `Message-ID` header, angle brackets included (`<…@host>`), stable
    /// for one letter however often it is sent: a letter sent again after a
    /// crash carries the same one, which receiving mail systems use to drop
    /// duplicates, and the outbox names its file by it. `None`: one is made up.
    pub message_id: Option<String>,
}

impl std::fmt::Debug for Email {
    // Bodies carry single-use links: never print them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Email")
            .field("to", &self.to)
            .field("subject", &self.subject)
            .field("message_id", &self.message_id)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the mail settings are wrong: {0}")]
    Settings(String),
    #[error("\"{0}\" is not an e-mail address we can send to")]
    BadAddress(String),
    #[error("the mail server refused or could not be reached: {0}")]
    Transport(String),
}

#[async_trait]
pub trait Mailer: Send + Sync + 'static {
    async fn send(&self, email: &Email) -> Result<(), MailError>;
}

/// Sends through an SMTP server.
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    /// `url` as described at the top of this module; `from` like `Громада <noreply@example.org>`.
    /// Call it inside the tokio runtime: the connection pool lives there.
    pub fn new(url: &str, from: &str) -> Result<SmtpMailer, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailError::Settings(format!("smtp_url: {}", scrub(&e.to_string(), url))))?
            .build();
        let from = from.parse::<Mailbox>().map_err(|_| MailError::Settings(format!("mail_from: \"{from}\" is not an address")))?;
        Ok(SmtpMailer { transport, from })
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, email: &Email) -> Result<(), MailError> {
        let to = email.to.parse::<Mailbox>().map_err(|_| MailError::BadAddress(email.to.clone()))?;
        let message = Message::builder()
            .message_id(email.message_id.clone())
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(email.body.clone())
            .map_err(|e| MailError::Settings(e.to_string()))?;
        self.transport.send(message).await.map_err(|e| MailError::Transport(e.to_string()))?;
        // The server's acceptance is the letter's durability: it is the server's to keep now.
        tracing::info!(subject = %email.subject, message_id = email.message_id.as_deref().unwrap_or(""), "e-mail sent");
        Ok(())
    }
}

/// Keeps messages as text files in a folder instead of sending them: for the
/// demo and for installations without a mail server yet. A letter with a
/// Message-ID is the file named by it (`<17.1796…@host>` → `17.1796…@host.txt`),
/// so writing it again after a crash replaces it rather than adding a second
/// letter; one without is named by time and a counter. Each is written
/// durably ([`durable::write_file`]): `send` returns `Ok` only once the file
/// and its folder entry are on disk, and the file never shows half-written
/// under its name. The log says where it went, never what it says.
pub struct OutboxMailer {
    dir: std::path::PathBuf,
    counter: std::sync::atomic::AtomicU64,
}

impl OutboxMailer {
    pub fn new(dir: impl Into<std::path::PathBuf>) -> OutboxMailer {
        OutboxMailer { dir: dir.into(), counter: std::sync::atomic::AtomicU64::new(0) }
    }

    /// The file name of a letter: its Message-ID without brackets, in
    /// characters safe in a file name, or the time and a counter.
    fn file_name(&self, email: &Email) -> String {
        let from_id = email.message_id.as_deref().map(|id| {
            id.trim_matches(|c| c == '<' || c == '>')
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '@' | '-' | '_') { c } else { '_' })
                .collect::<String>()
        });
        match from_id.filter(|name| !name.is_empty() && !name.starts_with('.')) {
            Some(name) => format!("{name}.txt"),
            None => {
                let n = self.counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0);
                format!("{stamp}-{n}.txt")
            }
        }
    }
}

#[async_trait]
impl Mailer for OutboxMailer {
    async fn send(&self, email: &Email) -> Result<(), MailError> {
        if email.to.parse::<Mailbox>().is_err() {
            return Err(MailError::BadAddress(email.to.clone()));
        }
        let name = self.file_name(email);
        let id = email.message_id.as_deref().map(|id| format!("Message-ID: {id}\n")).unwrap_or_default();
        let text = format!("{id}To: {}\nSubject: {}\n\n{}\n", email.to, email.subject, email.body);
        let dir = self.dir.clone();
        let path = tokio::task::spawn_blocking(move || durable::write_file(&dir, &name, text.as_bytes()))
            .await
            .map_err(|e| MailError::Transport(format!("{}: {e}", self.dir.display())))?
            .map_err(|e| MailError::Transport(format!("{}: {e}", self.dir.display())))?;
        tracing::info!(path = %path.display(), "e-mail kept in the outbox (no mail server configured)");
        Ok(())
    }
}

/// An error text with the URL's password (if any) removed.
fn scrub(text: &str, url: &str) -> String {
    let password = url
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('@'))
        .and_then(|(userinfo, _)| userinfo.split_once(':'))
        .map(|(_, p)| p)
        .filter(|p| !p.is_empty());
    match password {
        Some(p) => text.replace(p, "***"),
        None => text.to_string(),
    }
}
