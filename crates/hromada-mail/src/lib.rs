//! Outgoing e-mail. Messages are plain text (light, readable by every client
//! and screen reader) in UTF-8, sent over SMTP by lettre: `smtp://` (STARTTLS
//! when the server offers it, `?tls=required` to insist), `smtps://` (TLS from
//! the start), user and password in the URL.
//!
//! [`testing::SmtpSink`] is a real SMTP server on loopback that tests start, so
//! that e-mail in tests travels the same way it does in production.

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
}

impl std::fmt::Debug for Email {
    // Bodies carry single-use links: never print them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Email").field("to", &self.to).field("subject", &self.subject).finish_non_exhaustive()
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
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(email.body.clone())
            .map_err(|e| MailError::Settings(e.to_string()))?;
        self.transport.send(message).await.map_err(|e| MailError::Transport(e.to_string()))?;
        tracing::info!(subject = %email.subject, "e-mail sent");
        Ok(())
    }
}

/// Keeps messages as text files in a folder instead of sending them: for the
/// demo and for installations without a mail server yet. Each file is named by
/// time and a counter; the log says where it went, never what it says.
pub struct OutboxMailer {
    dir: std::path::PathBuf,
    counter: std::sync::atomic::AtomicU64,
}

impl OutboxMailer {
    pub fn new(dir: impl Into<std::path::PathBuf>) -> OutboxMailer {
        OutboxMailer { dir: dir.into(), counter: std::sync::atomic::AtomicU64::new(0) }
    }
}

#[async_trait]
impl Mailer for OutboxMailer {
    async fn send(&self, email: &Email) -> Result<(), MailError> {
        if email.to.parse::<Mailbox>().is_err() {
            return Err(MailError::BadAddress(email.to.clone()));
        }
        tokio::fs::create_dir_all(&self.dir).await.map_err(|e| MailError::Transport(format!("{}: {e}", self.dir.display())))?;
        let n = self.counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0);
        let path = self.dir.join(format!("{stamp}-{n}.txt"));
        let text = format!("To: {}\nSubject: {}\n\n{}\n", email.to, email.subject, email.body);
        tokio::fs::write(&path, text).await.map_err(|e| MailError::Transport(format!("{}: {e}", path.display())))?;
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
