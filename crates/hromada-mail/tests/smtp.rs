//! E-mail travels over real SMTP, to a sink the test starts, and arrives readable.

use std::time::Duration;

use hromada_mail::testing::SmtpSink;
use hromada_mail::{Email, MailError, Mailer, OutboxMailer, SmtpMailer};

#[tokio::test]
async fn a_ukrainian_message_with_a_link_arrives_intact() {
    let sink = SmtpSink::start().await;
    let mailer = SmtpMailer::new(&sink.url(), "Громада <noreply@hromada.example.org>").expect("mailer");
    let link = "http://127.0.0.1:8080/account/confirm?token=Zm9vYmFyLWJhei1xdXV4LWNvcmdlLWdyYXVsdC1nYXJwbHk";
    let body =
        format!("Вітаємо, Олено!\n\nЩоб підтвердити адресу, відкрийте посилання:\n{link}\n\nЯкщо ви не реєструвалися, нічого не робіть.\n");
    mailer
        .send(&Email {
            to: "olena@example.org".into(), subject: "Підтвердьте адресу електронної пошти".into(), body
        })
        .await
        .expect("send");
    let received = sink.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(received.len(), 1);
    let m = &received[0];
    assert_eq!(m.rcpt_to, vec!["olena@example.org".to_string()]);
    assert_eq!(m.mail_from, "noreply@hromada.example.org");
    assert_eq!(m.subject, "Підтвердьте адресу електронної пошти");
    assert!(m.body.contains("Вітаємо, Олено!"), "{}", m.body);
    assert_eq!(m.first_link().as_deref(), Some(link), "a long link survives line wrapping and encoding");
}

#[tokio::test]
async fn a_bad_recipient_or_an_unreachable_server_is_an_error_not_a_panic() {
    let sink = SmtpSink::start().await;
    let mailer = SmtpMailer::new(&sink.url(), "noreply@hromada.example.org").expect("mailer");
    let bad = mailer.send(&Email { to: "not an address".into(), subject: "x".into(), body: "x".into() }).await;
    assert!(matches!(bad, Err(MailError::BadAddress(_))), "{bad:?}");

    let port = sink.port;
    drop(sink);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let down = SmtpMailer::new(&format!("smtp://127.0.0.1:{port}"), "noreply@hromada.example.org").expect("mailer");
    let result = down.send(&Email { to: "a@example.org".into(), subject: "x".into(), body: "x".into() }).await;
    assert!(matches!(result, Err(MailError::Transport(_))), "{result:?}");
}

#[tokio::test]
async fn settings_errors_never_show_the_password() {
    let err = SmtpMailer::new("smtp://user:topsecret@[bad host", "noreply@example.org").err().expect("must fail");
    assert!(!err.to_string().contains("topsecret"), "{err}");
    let err = SmtpMailer::new("smtp://127.0.0.1:25", "not an address").err().expect("must fail");
    assert!(err.to_string().contains("mail_from"), "{err}");
}

#[tokio::test]
async fn without_a_mail_server_letters_wait_in_the_outbox_folder() {
    let dir = std::env::temp_dir().join(format!("hromada-outbox-{}", std::process::id()));
    let mailer = OutboxMailer::new(&dir);
    mailer
        .send(&Email { to: "olena@example.org".into(), subject: "Тема".into(), body: "Посилання: http://x/y".into() })
        .await
        .expect("kept");
    let files: Vec<_> = std::fs::read_dir(&dir).expect("outbox").filter_map(Result::ok).collect();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(files[0].path()).expect("read");
    assert!(text.contains("To: olena@example.org") && text.contains("Subject: Тема") && text.contains("http://x/y"), "{text}");
    assert!(matches!(
        mailer.send(&Email { to: "nobody".into(), subject: "x".into(), body: "x".into() }).await,
        Err(MailError::BadAddress(_))
    ));
    let _ = std::fs::remove_dir_all(&dir);
}
