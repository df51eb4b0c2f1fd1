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
            to: "olena@example.org".into(),
            subject: "Підтвердьте адресу електронної пошти".into(),
            body,
            message_id: Some("<17.1796000000@hromada.example.org>".into()),
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
    assert!(
        m.raw.lines().any(|l| l.eq_ignore_ascii_case("Message-ID: <17.1796000000@hromada.example.org>")),
        "the letter's own stable Message-ID, by which a resend is known as the same letter: {}",
        m.raw
    );
}

#[tokio::test]
async fn a_bad_recipient_or_an_unreachable_server_is_an_error_not_a_panic() {
    let sink = SmtpSink::start().await;
    let mailer = SmtpMailer::new(&sink.url(), "noreply@hromada.example.org").expect("mailer");
    let bad = mailer.send(&Email { to: "not an address".into(), subject: "x".into(), body: "x".into(), message_id: None }).await;
    assert!(matches!(bad, Err(MailError::BadAddress(_))), "{bad:?}");

    let port = sink.port;
    drop(sink);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let down = SmtpMailer::new(&format!("smtp://127.0.0.1:{port}"), "noreply@hromada.example.org").expect("mailer");
    let result = down.send(&Email { to: "a@example.org".into(), subject: "x".into(), body: "x".into(), message_id: None }).await;
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
        .send(&Email {
            to: "olena@example.org".into(), subject: "Тема".into(), body: "Посилання: http://x/y".into(), message_id: None
        })
        .await
        .expect("kept");
    let files: Vec<_> = std::fs::read_dir(&dir).expect("outbox").filter_map(Result::ok).collect();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(files[0].path()).expect("read");
    assert!(text.contains("To: olena@example.org") && text.contains("Subject: Тема") && text.contains("http://x/y"), "{text}");
    assert!(matches!(
        mailer.send(&Email { to: "nobody".into(), subject: "x".into(), body: "x".into(), message_id: None }).await,
        Err(MailError::BadAddress(_))
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_outbox_letter_is_its_message_id_and_sending_it_again_replaces_it() {
    let dir = std::env::temp_dir().join(format!("hromada-outbox-id-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mailer = OutboxMailer::new(&dir);
    let letter = Email {
        to: "olena@example.org".into(),
        subject: "Тема".into(),
        body: "Посилання: http://x/y".into(),
        message_id: Some("<42.1796000000@hromada.example.org>".into()),
    };
    mailer.send(&letter).await.expect("kept");
    // A worker that crashed after writing and before recording it writes the same letter again.
    mailer.send(&letter).await.expect("kept again");
    let names: Vec<String> =
        std::fs::read_dir(&dir).expect("outbox").filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, vec!["42.1796000000@hromada.example.org.txt".to_string()], "one letter, no second file, no temporary file left");
    let text = std::fs::read_to_string(dir.join(&names[0])).expect("read");
    assert_eq!(text, "Message-ID: <42.1796000000@hromada.example.org>\nTo: olena@example.org\nSubject: Тема\n\nПосилання: http://x/y\n");
    // An id that is not a plain file name cannot lead elsewhere.
    let odd = Email { message_id: Some("<a/../../x@y>".into()), ..letter.clone() };
    mailer.send(&odd).await.expect("kept");
    assert!(dir.join("a_.._.._x@y.txt").is_file());
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_outbox_that_cannot_be_written_is_an_error_so_the_letter_is_tried_again() {
    let file = std::env::temp_dir().join(format!("hromada-outbox-blocked-{}", std::process::id()));
    std::fs::write(&file, "not a folder").expect("a file where the outbox should be");
    let mailer = OutboxMailer::new(&file);
    let result = mailer
        .send(&Email { to: "olena@example.org".into(), subject: "x".into(), body: "x".into(), message_id: Some("<1.2@h>".into()) })
        .await;
    assert!(matches!(result, Err(MailError::Transport(_))), "{result:?}");
    let _ = std::fs::remove_file(&file);
}
