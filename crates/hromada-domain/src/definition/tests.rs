use super::*;

/// A small but complete definition; tests break one thing at a time.
const GOOD: &str = r#"
id = "zapyt"
category = "transparency"
life_situations = ["need-information"]
account = "required"
title = { uk = "Запит", en = "Request" }
summary = { uk = "Запитайте", en = "Ask" }
who_can_apply = { uk = "Будь-хто", en = "Anyone" }
legal_basis = { uk = "Закон", en = "Law" }

[fee]
kind = "free"

[deadline]
kind = "working"
days = 5
extendable_to = 20

[[required_documents]]
uk = "Нічого"
en = "Nothing"

[[pages]]
id = "answer"
title = { uk = "Як відповісти?", en = "How to answer?" }

  [[pages.fields]]
  id = "channel"
  type = "choice"
  required = true
  label = { uk = "Спосіб", en = "Channel" }
  options = [
    { value = "email", uk = "Пошта", en = "E-mail" },
    { value = "post", uk = "Пошта", en = "Post" },
  ]

  [[pages.fields]]
  id = "postal_address"
  type = "address"
  required = true
  show_if = { field = "channel", equals = "post" }
  label = { uk = "Адреса", en = "Address" }

[[pages]]
id = "declaration"
title = { uk = "Підтвердження", en = "Declaration" }

  [[pages.fields]]
  id = "truthful"
  type = "declaration"
  required = true
  label = { uk = "Правда", en = "True" }

[workflow]
start = "submitted"

  [[workflow.states]]
  id = "submitted"
  phase = "submitted"
  title = { uk = "Подано", en = "Submitted" }

  [[workflow.states]]
  id = "in_review"
  phase = "in_review"
  title = { uk = "Розгляд", en = "In review" }

  [[workflow.states]]
  id = "answered"
  phase = "approved"
  title = { uk = "Відповідь надано", en = "Answered" }

  [[workflow.transitions]]
  action = "claim"
  label = { uk = "Взяти", en = "Claim" }
  from = ["submitted"]
  to = "in_review"
  roles = ["officer"]

  [[workflow.transitions]]
  action = "answer"
  label = { uk = "Відповісти", en = "Answer" }
  from = ["in_review"]
  to = "answered"
  roles = ["officer"]
  issues = "reply"
  inputs = [{ id = "reply_text", type = "textarea", required = true, label = { uk = "Відповідь", en = "Answer" } }]

[documents.reply]
title = { uk = "Відповідь", en = "Reply" }
shows = ["reply_text"]
"#;

fn errors_of(src: &str) -> Vec<String> {
    parse_definition(src, None).errors().map(|d| d.to_string()).collect()
}

fn line_of(src: &str, needle: &str) -> usize {
    src.lines().position(|l| l.contains(needle)).map(|i| i + 1).unwrap_or(0)
}

#[test]
fn a_complete_definition_parses_into_the_model() {
    let parsed = parse_definition(GOOD, Some("zapyt"));
    assert_eq!(parsed.diagnostics, vec![]);
    let def = parsed.definition.expect("definition");
    assert_eq!(def.id, "zapyt");
    assert_eq!(def.category, Category::Transparency);
    assert_eq!(def.account, AccountRule::Required);
    assert_eq!(def.deadline, DeadlineRule { kind: DeadlineKind::Working, days: 5, extendable_to: Some(20), note: None });
    assert_eq!(def.pages.len(), 2);
    assert_eq!(
        def.field("postal_address").and_then(|f| f.show_if.clone()),
        Some(Condition { field: "channel".into(), test: ConditionTest::Equals("post".into()) })
    );
    assert_eq!(def.workflow.transition("answer").map(|t| t.to.as_str()), Some("answered"));
    assert_eq!(def.documents[0].shows, vec!["reply_text".to_string()]);
    assert_eq!(def.title.get(crate::Lang::En), "Request");
}

#[test]
fn an_unknown_field_type_is_reported_at_its_line_with_a_suggestion() {
    let src = GOOD.replace("type = \"address\"", "type = \"adress\"");
    let errors = errors_of(&src);
    let line = line_of(&src, "type = \"adress\"");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with(&format!("{line}:10: error: unknown field type `adress`; did you mean `address`?")), "{errors:?}");
}

#[test]
fn every_mistake_of_a_file_is_reported_in_one_run() {
    let src = GOOD
        .replace("id = \"postal_address\"", "id = \"channel\"")
        .replace("to = \"answered\"", "to = \"done\"")
        .replace("title = { uk = \"Розгляд\", en = \"In review\" }", "title = { en = \"In review\" }");
    let errors = errors_of(&src);
    assert!(errors.iter().any(|e| e.contains("field id \"channel\" is used twice")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("goes to \"done\", which is not a defined state")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("has no Ukrainian text")), "{errors:?}");
}

#[test]
fn a_condition_must_name_an_earlier_field_and_one_of_its_options() {
    let src = GOOD.replace("show_if = { field = \"channel\", equals = \"post\" }", "show_if = { field = \"chanel\", equals = \"post\" }");
    assert!(errors_of(&src).iter().any(|e| e.contains("names field \"chanel\", which is not a field that comes before it")));
    let src = GOOD.replace("equals = \"post\"", "equals = \"pigeon\"");
    assert!(errors_of(&src).iter().any(|e| e.contains("\"channel\" has no option \"pigeon\"; its options are: email, post")));
}

#[test]
fn an_unreachable_state_and_a_stuck_state_are_refused() {
    let src = GOOD.replace(
        "[[workflow.transitions]]\n  action = \"claim\"",
        "[[workflow.states]]\n  id = \"limbo\"\n  phase = \"in_review\"\n  title = { uk = \"Лімб\", en = \"Limbo\" }\n\n  [[workflow.transitions]]\n  action = \"claim\"",
    );
    let errors = errors_of(&src);
    assert!(errors.iter().any(|e| e.contains("state \"limbo\" cannot be reached from the start state \"submitted\"")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("state \"limbo\" is not final but no transition leaves it")), "{errors:?}");
}

#[test]
fn a_case_issues_one_document_at_most() {
    // "answer" issues and goes to a state from which "reissue" issues again.
    let src = GOOD.replace("phase = \"approved\"\n  title = { uk = \"Відповідь надано\"", "phase = \"in_review\"\n  title = { uk = \"Відповідь надано\"").replace(
        "[documents.reply]",
        "  [[workflow.states]]\n  id = \"closed\"\n  phase = \"approved\"\n  title = { uk = \"Закрито\", en = \"Closed\" }\n\n  [[workflow.transitions]]\n  action = \"reissue\"\n  label = { uk = \"Ще раз\", en = \"Again\" }\n  from = [\"answered\"]\n  to = \"closed\"\n  roles = [\"officer\"]\n  issues = \"reply\"\n\n[documents.reply]",
    );
    assert!(src.contains("action = \"reissue\""));
    let errors = errors_of(&src);
    // Reported at the second `issues`, the last one in the file.
    let line = src.lines().collect::<Vec<_>>().iter().rposition(|l| l.contains("issues = \"reply\"")).map_or(0, |i| i + 1);
    assert!(
        errors.iter().any(|e| e.starts_with(&format!("{line}:"))
            && e.contains("transition \"reissue\" issues a document after \"answer\" already issued one")),
        "{errors:?}"
    );
    assert!(errors_of(GOOD).is_empty(), "one issuing step is fine");
}

#[test]
fn a_workflow_without_a_final_state_is_refused() {
    let src = GOOD.replace("phase = \"approved\"", "phase = \"in_review\"");
    let errors = errors_of(&src);
    assert!(errors.iter().any(|e| e.contains("the workflow has no final state")), "{errors:?}");
}

#[test]
fn unknown_roles_documents_and_keys_are_named() {
    let src = GOOD
        .replace("roles = [\"officer\"]\n  issues", "roles = [\"oficer\"]\n  issues")
        .replace("issues = \"reply\"", "issues = \"letter\"")
        .replace("required = true\n  label = { uk = \"Правда\"", "requird = true\n  label = { uk = \"Правда\"");
    let errors = errors_of(&src);
    assert!(errors.iter().any(|e| e.contains("unknown role \"oficer\"")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("issues \"letter\", but no `[documents.letter]` is defined")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("unknown key `requird` in a field; did you mean `required`?")), "{errors:?}");
}

#[test]
fn a_toml_syntax_error_is_located() {
    let src = GOOD.replace("kind = \"free\"", "kind = free\"");
    let parsed = parse_definition(&src, None);
    let first = parsed.errors().next().expect("an error");
    assert_eq!(first.line, line_of(&src, "kind = free"));
    assert!(first.message.contains("not valid TOML"));
    assert!(parsed.definition.is_none());
}

#[test]
fn the_id_must_match_the_file_name() {
    let parsed = parse_definition(GOOD, Some("zapyt-na-informatsiiu"));
    assert!(parsed.errors().any(|e| e.message.contains("the file is named \"zapyt-na-informatsiiu.toml\"")));
}

#[test]
fn a_missing_english_text_is_a_warning_not_an_error() {
    let src = GOOD.replace("summary = { uk = \"Запитайте\", en = \"Ask\" }", "summary = { uk = \"Запитайте\" }");
    let parsed = parse_definition(&src, None);
    assert_eq!(parsed.errors().count(), 0);
    assert!(parsed.diagnostics.iter().any(|d| d.severity == Severity::Warning && d.message.contains("`summary` has no English text")));
    assert_eq!(parsed.definition.map(|d| d.summary.get(crate::Lang::En).to_string()), Some("Запитайте".to_string()));
}

#[test]
fn deadline_rules_are_checked() {
    let src = GOOD.replace("extendable_to = 20", "extendable_to = 3");
    assert!(errors_of(&src).iter().any(|e| e.contains("`extendable_to` (3) must be more than `days` (5)")));
    let src = GOOD.replace("kind = \"working\"\ndays = 5\nextendable_to = 20", "kind = \"same_day\"");
    assert_eq!(parse_definition(&src, None).definition.map(|d| d.deadline.kind), Some(DeadlineKind::SameDay));
}

#[test]
fn a_definition_may_leave_the_fee_to_each_community() {
    let fee = |block: &str| GOOD.replace("[fee]\nkind = \"free\"", block);
    let src =
        fee("[fee]\nkind = \"set_by_community\"\nmax_uah = 250.5\nnote = { uk = \"Розмір встановлює рада\", en = \"Set by the council\" }");
    let parsed = parse_definition(&src, None);
    assert_eq!(parsed.errors().count(), 0, "{:?}", parsed.diagnostics);
    let def = parsed.definition.expect("definition");
    assert_eq!(
        def.fee,
        Fee::SetByCommunity {
            max_kopiykas: Some(25_050), note: Some(Text::new("Розмір встановлює рада", "Set by the council"))
        }
    );
    assert!(def.fee.is_set_by_community());
    let without_ceiling = parse_definition(&fee("[fee]\nkind = \"set_by_community\""), None).definition.expect("definition");
    assert_eq!(without_ceiling.fee, Fee::SetByCommunity { max_kopiykas: None, note: None });
    assert!(!parse_definition(GOOD, None).definition.expect("free").fee.is_set_by_community());
}

const GOOD_FEE_FIXED: &str = "[fee]\nkind = \"fixed\"\namount_uah = 85.5";

#[test]
fn a_fee_left_to_communities_is_refused_at_its_line_when_it_is_not_one() {
    let fee = |block: &str| GOOD.replace("[fee]\nkind = \"free\"", block);
    // An amount belongs to a fixed fee: the line of `amount_uah` says so.
    let src = fee("[fee]\nkind = \"set_by_community\"\namount_uah = 100");
    let line = line_of(&src, "amount_uah = 100");
    let errors = errors_of(&src);
    assert!(errors.iter().any(|e| e.starts_with(&format!("{line}:")) && e.contains("each community sets this fee itself")), "{errors:?}");
    // A ceiling belongs to a fee set by the community.
    let src = fee(&format!("{GOOD_FEE_FIXED}\nmax_uah = 100"));
    let line = line_of(&src, "max_uah = 100");
    let errors = errors_of(&src);
    assert!(
        errors.iter().any(|e| e.starts_with(&format!("{line}:")) && e.contains("only a fee set by the community has `max_uah`")),
        "{errors:?}"
    );
    // A ceiling is an amount like any other.
    for bad in ["max_uah = 0", "max_uah = -5", "max_uah = 2000000", "max_uah = \"сто\""] {
        let src = fee(&format!("[fee]\nkind = \"set_by_community\"\n{bad}"));
        let line = line_of(&src, bad);
        let errors = errors_of(&src);
        assert!(errors.iter().any(|e| e.starts_with(&format!("{line}:")) && e.contains("`max_uah`")), "{bad}: {errors:?}");
    }
    // An unknown kind names the three there are.
    let errors = errors_of(&fee("[fee]\nkind = \"by_community\""));
    assert!(errors.iter().any(|e| e.contains("write \"free\", \"fixed\" or \"set_by_community\"")), "{errors:?}");
}

#[test]
fn conditions_decide_on_answers() {
    let cond = Condition { field: "channel".into(), test: ConditionTest::Equals("post".into()) };
    let mut answers = Answers::new();
    assert!(!cond.holds(&answers));
    answers.insert("channel".into(), vec!["post".into()]);
    assert!(cond.holds(&answers));
    let includes = Condition { field: "items".into(), test: ConditionTest::Includes("roof".into()) };
    answers.insert("items".into(), vec!["walls".into(), "roof".into()]);
    assert!(includes.holds(&answers));
    let not = Condition { field: "channel".into(), test: ConditionTest::NotEquals("post".into()) };
    assert!(!not.holds(&answers));
}

#[test]
fn the_sketch_format_gets_a_hint_towards_this_one() {
    let src = format!("version = 1\n{GOOD}").replace("start = \"submitted\"", "start = \"submitted\"\nfinal = [\"answered\"]");
    let errors = errors_of(&src);
    assert!(
        errors.iter().any(|e| e.starts_with("1:1: error: unknown key `version`") && e.contains("numbered by `hromada services import`")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("unknown key `final`") && e.contains("`phase` is approved, rejected or withdrawn")),
        "{errors:?}"
    );
}

mod hostile_input {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever bytes arrive, the reader answers with diagnostics, never a panic,
        /// and a file with errors never yields a definition.
        #[test]
        fn arbitrary_text_never_panics(src in "\\PC{0,400}") {
            let parsed = parse_definition(&src, Some("x"));
            prop_assert!(parsed.definition.is_none() || parsed.errors().count() == 0);
        }

        /// Cutting a valid file anywhere or deleting a slice of it is reported, located inside the file.
        #[test]
        fn damaged_valid_files_are_located(start in 0usize..GOOD.len(), len in 1usize..80) {
            let mut bytes = GOOD.as_bytes().to_vec();
            let end = (start + len).min(bytes.len());
            bytes.drain(start..end);
            let src = String::from_utf8_lossy(&bytes);
            let parsed = parse_definition(&src, None);
            let lines = src.lines().count().max(1) + 1;
            for d in &parsed.diagnostics {
                prop_assert!(d.line >= 1 && d.line <= lines, "{d} is outside the file ({lines} lines)");
            }
        }
    }
}

#[test]
fn a_service_without_accounts_must_ask_for_an_email_address() {
    let source = include_str!("../../../../services/zapyt-na-publichnu-informatsiiu.toml");
    assert!(parse_definition(source, None).definition.is_some(), "the demo request asks for an e-mail");
    let without = source.replace("  id = \"email\"\n  type = \"email\"", "  id = \"email\"\n  type = \"text\"");
    assert_ne!(without, source);
    let parsed = parse_definition(&without, None);
    let error = parsed.errors().find(|d| d.message.contains("must ask for an e-mail address")).expect("refused");
    assert_eq!(error.line, 4, "the error points at `account`: {error}");
}

#[test]
fn autocomplete_names_an_input_purpose_browsers_know() {
    let source = include_str!("../../../../services/zapyt-na-publichnu-informatsiiu.toml");
    let parsed = parse_definition(source, None).definition.expect("valid");
    assert_eq!(parsed.field("full_name").and_then(|f| f.autocomplete.as_deref()), Some("name"));
    let wrong = source.replace("autocomplete = \"name\"", "autocomplete = \"full-name\"");
    let error =
        parse_definition(&wrong, None).errors().find(|d| d.message.contains("`autocomplete` \"full-name\"")).cloned().expect("refused");
    assert!(error.message.contains("name, given-name"), "{error}");
}

const GLOSSARY: &str = r#"
[[glossary]]
id = "vytiah"
term = { uk = "витяг", en = "extract" }
forms = ["витягу", "витягом", "extracts"]
explanation = { uk = "Документ з реєстру.", en = "A document from a register." }
"#;

#[test]
fn a_service_may_add_its_own_glossary_terms() {
    let src = format!("{GOOD}{GLOSSARY}");
    let parsed = parse_definition(&src, Some("zapyt"));
    assert_eq!(parsed.diagnostics, vec![]);
    let def = parsed.definition.expect("definition");
    assert_eq!(def.glossary.len(), 1);
    assert_eq!(def.glossary[0].id, "vytiah");
    assert_eq!(def.glossary[0].forms, vec!["витягу", "витягом", "extracts"]);
    assert_eq!(def.glossary[0].explanation.get(crate::Lang::En), "A document from a register.");
}

#[test]
fn glossary_mistakes_are_reported_at_their_place() {
    let src = format!(
        "{GOOD}{}{}",
        GLOSSARY.replace("\"витягом\"", "\"витягом,\"").replace("explanation = ", "explanaton = "),
        GLOSSARY.replace("id = \"vytiah\"", "id = \"Vytiah\"").replace("\"витягу\", ", "")
    );
    let errors = errors_of(&src);
    let line = line_of(&src, "\"витягом,\"");
    assert!(
        errors.iter().any(|e| e.starts_with(&format!("{line}:")) && e.contains("\"витягом,\" must begin and end with a letter")),
        "{errors:?}"
    );
    assert!(errors.iter().any(|e| e.contains("unknown key `explanaton` in a glossary term; did you mean `explanation`?")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("`explanation` is missing")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("`id` must be a slug")), "{errors:?}");
    // The second term repeats the first one's words.
    assert!(errors.iter().any(|e| e.contains("the form \"extracts\" already belongs to the glossary term \"vytiah\"")), "{errors:?}");
    let dup = format!("{GOOD}{GLOSSARY}{}", GLOSSARY.replace("витяг", "довідка").replace("extract", "certificate"));
    assert!(errors_of(&dup).iter().any(|e| e.contains("glossary term id \"vytiah\" is used twice")), "{:?}", errors_of(&dup));
    let not_a_list = format!("glossary = \"витяг\"\n{GOOD}");
    assert!(errors_of(&not_a_list).iter().any(|e| e.contains("`glossary` must be a list of terms")), "{:?}", errors_of(&not_a_list));
}

#[test]
fn a_glossary_file_holds_terms_and_nothing_else() {
    let parsed = parse_glossary(GLOSSARY);
    assert_eq!(parsed.diagnostics, vec![]);
    assert_eq!(parsed.terms.expect("terms")[0].term.uk, "витяг");
    let parsed = parse_glossary(&format!("id = \"x\"\n{GLOSSARY}"));
    assert!(parsed.terms.is_none());
    assert_eq!(
        parsed.diagnostics[0].to_string(),
        "1:1: error: unknown key `id` in a glossary file; the keys of a glossary file are: glossary"
    );
}
