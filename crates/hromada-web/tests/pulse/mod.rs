//! The pulse over HTTP: the figures of a small hand-built set of cases on the
//! pages and in the downloads (median, 90th percentile, share on time, the
//! threshold rule and the rounding of counts), the downloads against their
//! published schema, and a withdrawal from the web counted as one, not as a
//! decision.

use super::*;
use hromada_domain::case::{CaseChannel, CaseEventKind};
use hromada_domain::clock::FixedClock;
use hromada_domain::pulse::{Outcome, YearMonth};
use hromada_store::{CaseSchedule, DRAFT_STATE, NewCase, NewCaseEvent, Submission};
use serde_json::Value;

both!(
    the_pages_show_the_hand_counted_figures,
    the_downloads_hold_the_same_figures_in_the_published_shape,
    the_threshold_is_a_setting,
    no_small_count_follows_from_subtracting_published_counts,
    unknown_places_have_no_pulse,
    a_withdrawal_on_the_web_is_counted_apart_from_decisions,
);

const SERVICE: &str = "zapyt-na-publichnu-informatsiiu";

/// A submitted case of the request for information, made through the store.
async fn case(app: &App, community: &str, code: &str, channel: CaseChannel, submitted: time::OffsetDateTime, due: time::Date) -> i64 {
    let store = app.db.store.as_ref();
    let draft = store
        .create_case(&NewCase {
            community_slug: community.into(),
            service_slug: SERVICE.into(),
            service_version: 1,
            state: DRAFT_STATE.into(),
            created_at: submitted,
            applicant: None,
            lang: hromada_domain::Lang::Uk,
            contact_email: Some("resident@example.org".into()),
            owner_token_hash: None,
            channel,
            assisted_by: None,
            assisted_note: None,
        })
        .await
        .unwrap();
    let submission = Submission {
        case_id: draft.id,
        community_code: code.into(),
        year: 2026,
        state: "submitted".into(),
        at: submitted,
        due_on: Some(due),
        answers: Default::default(),
        contact_email: Some("resident@example.org".into()),
        owner_token_hash: None,
        jobs: Vec::new(),
    };
    store.submit_case(&submission).await.unwrap();
    draft.id
}

async fn end(app: &App, id: i64, at: time::OffsetDateTime, outcome: Outcome) {
    let due_on = app.db.store.case(id).await.unwrap().unwrap().due_on;
    let event = NewCaseEvent {
        case_id: id,
        at,
        kind: CaseEventKind::Action,
        action: Some("decide".into()),
        transition: Some(("submitted".into(), outcome.code().into())),
        by_applicant: false,
        actor: None,
        body: None,
        internal: false,
        files: Vec::new(),
        schedule: Some(CaseSchedule { due_on, paused_at: None, decided_at: Some(at), outcome: Some(outcome) }),
        inputs: None,
        document: None,
    };
    app.db.store.record_case_event(&event).await.unwrap();
}

/// Bucha, counted by hand ("now" is 27 November 2026; the 12 months are
/// December 2025 to November 2026):
/// - 10 decisions of cases submitted on 26 October and due on the 29th, after
///   0, 1, 1, 2, 3, 4, 9, 10, 12 and 30 days: median (3 + 4) / 2 = 3.5, 90th
///   percentile (rank 9 of 10) 12, on time 5 of 10 = 50 %. In October 6 of
///   them (published as 5; median 1.5; too few for a 90th percentile; 5 on
///   time and 1 late, so no share), in November 4 (none on time);
/// - 1 withdrawal, not a decision;
/// - 3 open: 2 made on behalf of residents without an account, due on the
///   20th (overdue), 1 online, due 5 December;
/// - 6 survey answers 5, 5, 4, 4, 3, 5 (published as 5): mean 26 / 6 = 4.33, published as 4.3;
/// - applications: 14 (published as 15), of them 12 online (hidden: 14 − 12
///   would tell the 2) and 2 on behalf ("fewer than 5"); 11 in October
///   (published as 10).
///
/// Irpin: 2 applications, both decided: too few for a median or an index.
/// The installation: 16 applications, published as 15 — as many as Bucha's.
async fn hand_built(app: &App) {
    let submitted = datetime!(2026-10-26 08:00 UTC);
    let due = time::macros::date!(2026 - 10 - 29);
    let scores = [5, 5, 4, 4, 3, 5];
    for (i, days) in [0, 1, 1, 2, 3, 4, 9, 10, 12, 30].into_iter().enumerate() {
        let id = case(app, "buchanska", "BUC", CaseChannel::Online, submitted, due).await;
        end(app, id, submitted + time::Duration::days(days), if i == 2 { Outcome::Rejected } else { Outcome::Approved }).await;
        if let Some(score) = scores.get(i) {
            assert!(app.db.store.put_satisfaction(id, *score, None, submitted + time::Duration::days(days)).await.unwrap());
        }
    }
    let withdrawn = case(app, "buchanska", "BUC", CaseChannel::Online, submitted, due).await;
    end(app, withdrawn, submitted + time::Duration::days(1), Outcome::Withdrawn).await;
    for _ in 0..2 {
        case(app, "buchanska", "BUC", CaseChannel::Assisted, datetime!(2026-11-10 08:00 UTC), time::macros::date!(2026 - 11 - 20)).await;
    }
    case(app, "buchanska", "BUC", CaseChannel::Online, datetime!(2026-11-25 08:00 UTC), time::macros::date!(2026 - 12 - 05)).await;
    let submitted = datetime!(2026-11-02 08:00 UTC);
    for _ in 0..2 {
        let id = case(app, "irpinska", "IRP", CaseChannel::Online, submitted, time::macros::date!(2026 - 11 - 09)).await;
        end(app, id, submitted + time::Duration::days(4), Outcome::Approved).await;
    }
}

/// The app's state with the clock at `NOW`, and the threshold given.
async fn pulse_state(app: &App, min_count: u64) -> AppState {
    let settings = WebSettings { pulse: hromada_web::PulseSettings { min_count }, ..(*app.state.settings).clone() };
    let mut state = AppState::new(Arc::clone(&app.db.store), Arc::clone(&app.state.mailer), settings).await.unwrap();
    state.clock = Arc::new(FixedClock(NOW));
    state
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = router(state.clone()).oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 10 << 20).await.unwrap();
    (status, headers, String::from_utf8_lossy(&bytes).into_owned())
}

async fn the_pages_show_the_hand_counted_figures(app: &App) {
    hand_built(app).await;
    let state = pulse_state(app, 5).await;

    let (status, _, page) = get(&state, "/buchanska/pulse").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("<h1>Пульс: Бучанська громада</h1>"), "{page}");
    assert!(page.contains("медіана — 3,5 дня, 90-й перцентиль — 12 днів"), "median and 90th percentile: {page}");
    assert!(page.contains("<dt>Рішення вчасно</dt><dd><strong>50 %</strong>"), "5 of 10 on time");
    assert!(
        page.contains("<strong>4,3 з 5</strong>") && page.contains("відповідей в опитуванні: 5"),
        "satisfaction, and 6 answers rounded to 5"
    );
    assert!(
        page.contains("самостійно онлайн: приховано; у ЦНАП: 0; від імені мешканця: менше ніж 5"),
        "2 on behalf are fewer than 5, and 12 is hidden with them: {page}"
    );
    assert!(page.contains("<strong>менше ніж 5, з них прострочено: менше ніж 5</strong>"), "3 open, 2 overdue: both hidden");
    assert!(
        page.contains("<strong>10</strong><br><span class=\"meta\">відкликано заяв: менше ніж 5</span>"),
        "10 decisions; the withdrawal apart"
    );
    assert!(page.contains("4 з 4 можна отримати повністю онлайн"), "{page}");
    assert!(page.contains("місце 1 з 1 в області"), "Irpin has too few decisions for an index: {page}");
    assert!(
        page.contains("<th scope=\"row\">жовтень 2026</th><td>10</td><td>0</td><td>0</td><td>10</td>"),
        "October's 11 applications by channel, rounded: {page}"
    );
    assert!(
        page.contains("<th scope=\"row\">листопад 2026</th><td>менше ніж 5</td><td>0</td><td>менше ніж 5</td><td>менше ніж 5</td>"),
        "November's: {page}"
    );
    assert!(
        page.contains("<th scope=\"row\">жовтень 2026</th><td>5</td><td>замало даних</td><td>1,5</td><td>замало даних</td><td>4,3</td>"),
        "6 decisions rounded to 5; 1 late of 6: no share; 6 are too few for a 90th percentile: {page}"
    );
    assert!(page.contains("<th scope=\"row\">листопад 2026</th><td>менше ніж 5</td><td>замало даних</td><td>замало даних</td><td>замало даних</td><td>немає даних</td>"), "{page}");
    // Charts: an accessible SVG with a title, a description and a summary; the table beside it.
    assert!(page.contains("<svg role=\"img\" aria-labelledby=\"pulse-applications-t pulse-applications-d\""));
    assert!(page.contains("<title id=\"pulse-applications-t\">Кількість заяв за місяцями</title>"));
    assert!(
        page.contains("<figcaption>Усього заяв за 12 місяців: 15. Місяць із найбільшою кількістю заяв — жовтень 2026 (10).</figcaption>"),
        "rounded in the summary too: {page}"
    );
    assert!(page.contains("округлено до найближчого числа, кратного 5"), "the page says counts are rounded: {page}");
    assert!(
        page.contains("<figcaption>Медіана за 12 місяців: 3,5 дня. Найдовша медіана за місяць — жовтень 2026 (1,5 дня).</figcaption>"),
        "{page}"
    );
    assert!(
        page.contains("href=\"/buchanska/pulse.csv\"")
            && page.contains("href=\"/buchanska/pulse.json\"")
            && page.contains("href=\"/pulse/data\"")
    );
    assert!(!page.contains("<script"), "no JavaScript");

    // Too few anywhere: no bar drawn, nothing hidden shows through the chart.
    let (_, _, irpin) = get(&state, "/irpinska/pulse").await;
    assert!(irpin.contains("медіана — замало даних"), "{irpin}");
    assert!(!irpin.contains("<rect"), "no bar for a hidden count: {irpin}");
    assert!(irpin.contains(">&#60;5</text>"), "the bar's label says fewer than 5: {irpin}");

    // The region compares its communities; the installation its regions.
    let (status, _, region) = get(&state, "/pulse/kyivska").await;
    assert_eq!(status, StatusCode::OK);
    assert!(region.contains("<a href=\"/buchanska/pulse\">Бучанська громада</a></th><td>1</td>"), "Bucha first, place 1: {region}");
    assert!(
        region.contains("<a href=\"/irpinska/pulse\">Ірпінська громада</a></th><td>–</td><td>замало даних</td><td>менше ніж 5</td>"),
        "{region}"
    );
    let (status, _, all) = get(&state, "/pulse").await;
    assert_eq!(status, StatusCode::OK);
    assert!(all.contains("<a href=\"/pulse/kyivska\">Київська область</a>") && all.contains("<a href=\"/pulse/ternopilska\">"), "{all}");
    assert!(all.contains("<td>15</td>") && !all.contains("<td>16</td>"), "14 in Bucha and 2 in Irpin, rounded to 15: {all}");

    let (_, _, en) = get(&state, "/buchanska/pulse?lang=en").await;
    assert!(en.contains("median 3.5 days, 90th percentile 12 days") && en.contains("<strong>50%</strong>"), "{en}");
    assert!(en.contains("self-service online: hidden; at a service centre: 0; on behalf of a resident: fewer than 5"), "{en}");
    assert!(en.contains("every other count is rounded to the nearest 5"), "{en}");

    // Every page links to the pulse.
    assert!(app.get("/").await.2.contains("href=\"/pulse\""));
}

fn rows(doc: &Value) -> &Vec<Value> {
    doc["rows"].as_array().expect("rows")
}

/// The row of `measure` of Bucha over the whole period, for all services (and `channel`).
fn bucha<'a>(doc: &'a Value, measure: &str, channel: Option<&str>) -> &'a Value {
    rows(doc)
        .iter()
        .find(|r| {
            r["scope"] == "buchanska"
                && r["measure"] == measure
                && r["period"] == "2025-12/2026-11"
                && r["service"].is_null()
                && r["channel"].as_str() == channel
        })
        .unwrap_or_else(|| panic!("no row of {measure}"))
}

/// A value's check against the part of JSON Schema the published schema uses.
fn conforms(value: &Value, schema: &Value) -> Result<(), String> {
    if let Some(c) = schema.get("const") {
        return if c == value { Ok(()) } else { Err(format!("{value} is not {c}")) };
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        return if options.contains(value) { Ok(()) } else { Err(format!("{value} is not one of {options:?}")) };
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "string" => value.is_string(),
            "number" => value.is_number(),
            "integer" => value.is_i64() || value.is_u64(),
            "null" => value.is_null(),
            "object" => value.is_object(),
            "array" => value.is_array(),
            _ => false,
        });
        if !ok {
            return Err(format!("{value} is not of type {types:?}"));
        }
    }
    if let (Some(Value::String(text)), Some(pattern)) = (Some(value), schema.get("pattern").and_then(Value::as_str)) {
        // The schema's patterns are of three kinds: slugs, periods; checked by their shape.
        let ok = if pattern.contains("a-z") {
            !text.is_empty() && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        } else {
            let month = |m: &str| YearMonth::parse(m).is_some();
            let day = |d: &str| {
                d.len() == 10
                    && d.get(..7).is_some_and(month)
                    && time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")).is_ok()
            };
            match text.split_once('/') {
                Some((a, b)) => month(a) && month(b),
                None if pattern.ends_with("/[0-9]{4}-[0-9]{2}$") => false,
                None => month(text) || day(text),
            }
        };
        if !ok {
            return Err(format!("{text:?} does not match {pattern}"));
        }
    }
    if let Some(Value::Object(object)) = Some(value).filter(|v| v.is_object()) {
        for name in schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
            if !object.contains_key(name) {
                return Err(format!("{name} is missing"));
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        for (name, v) in object {
            match properties.and_then(|p| p.get(name)) {
                Some(s) => conforms(v, s).map_err(|e| format!("{name}: {e}"))?,
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    return Err(format!("{name} is not in the schema"));
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            conforms(item, items).map_err(|e| format!("[{i}] {e}"))?;
        }
    }
    Ok(())
}

async fn the_downloads_hold_the_same_figures_in_the_published_shape(app: &App) {
    hand_built(app).await;
    let state = pulse_state(app, 5).await;
    let (status, headers, schema) = get(&state, "/pulse/schema.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/schema+json");
    let schema: Value = serde_json::from_str(&schema).unwrap();
    let columns: Vec<&str> = schema["properties"]["columns"]["const"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert_eq!(columns, ["snapshot_at", "scope_type", "scope", "region", "period", "service", "channel", "measure", "value", "flag"]);

    for path in ["/pulse", "/pulse/kyivska", "/pulse/ternopilska", "/buchanska/pulse", "/irpinska/pulse"] {
        let (status, headers, json) = get(&state, &format!("{path}.json")).await;
        assert_eq!(status, StatusCode::OK, "{path}.json");
        assert_eq!(headers[header::CONTENT_TYPE], "application/json; charset=utf-8");
        assert!(headers[header::LINK].to_str().unwrap().contains("creativecommons.org/licenses/by/4.0"), "the licence");
        let doc: Value = serde_json::from_str(&json).unwrap();
        conforms(&doc, &schema).unwrap_or_else(|e| panic!("{path}.json does not follow the schema: {e}"));
        assert_eq!(
            (doc["licence"]["name"].as_str(), doc["snapshot_at"].as_str(), doc["min_count"].as_u64()),
            (Some("CC BY 4.0"), Some("2026-11-27T10:00:00Z"), Some(5))
        );

        // The CSV has exactly the same rows, column by column.
        let (status, headers, csv) = get(&state, &format!("{path}.csv")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
        assert!(headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment; filename=\"pulse-"));
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[0], columns.join(","));
        assert_eq!(lines.len() - 1, rows(&doc).len(), "{path}: one CSV line per JSON row");
        for (line, row) in lines[1..].iter().zip(rows(&doc)) {
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(fields.len(), columns.len(), "{line}");
            for (field, column) in fields.iter().zip(&columns) {
                match &row[*column] {
                    Value::Null => assert_eq!(*field, "", "{path}: {column} of {line}"),
                    Value::String(s) => assert_eq!(field, s, "{path}: {column} of {line}"),
                    number => assert_eq!(field.parse::<f64>().ok(), number.as_f64(), "{path}: {column} of {line}"),
                }
            }
        }
    }

    let (_, _, json) = get(&state, "/buchanska/pulse.json").await;
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(bucha(&doc, "processing_days_median", None)["value"], 3.5);
    assert_eq!(bucha(&doc, "processing_days_p90", None)["value"], 12.0);
    assert_eq!(bucha(&doc, "on_time_share", None)["value"], 0.5);
    assert_eq!(bucha(&doc, "decisions", None)["value"], 10);
    assert_eq!(bucha(&doc, "decided_on_time", None)["value"], 5);
    assert_eq!(bucha(&doc, "satisfaction_mean", None)["value"], 4.3, "26 / 6 to one decimal: 4.33 would tell the 6 behind a published 5");
    assert_eq!(bucha(&doc, "satisfaction_answers", None)["value"], 5, "6 answers, rounded");
    assert_eq!(bucha(&doc, "applications", None)["value"], 15, "14 applications, rounded");
    let suppressed = |row: &Value| (row["value"].clone(), row["flag"].clone());
    assert_eq!(suppressed(bucha(&doc, "applications", Some("on_behalf"))), (Value::Null, Value::from("suppressed")), "2 is fewer than 5");
    assert_eq!(
        suppressed(bucha(&doc, "applications", Some("self_service"))),
        (Value::Null, Value::from("suppressed")),
        "14 − 12 would tell the 2"
    );
    assert_eq!(bucha(&doc, "applications", Some("assisted"))["value"], 0, "0 is no one: shown");
    assert_eq!(bucha(&doc, "withdrawn", None)["flag"], "suppressed");
    assert_eq!(bucha(&doc, "index_rank", None)["value"], 1);
    assert!(bucha(&doc, "index", None)["value"].as_f64().is_some_and(|i| (0.0..=100.0).contains(&i)));
    let open = rows(&doc).iter().find(|r| r["scope"] == "buchanska" && r["measure"] == "open_now" && r["service"].is_null()).unwrap();
    assert_eq!((open["period"].as_str(), open["flag"].as_str()), (Some("2026-11-27"), Some("suppressed")));
    let october = |measure: &str| rows(&doc).iter().find(|r| r["period"] == "2026-10" && r["measure"] == measure).cloned().unwrap();
    assert_eq!(october("processing_days_median")["value"], 1.5);
    assert_eq!(
        suppressed(&october("processing_days_p90")),
        (Value::Null, Value::from("suppressed")),
        "of 6, the 90th percentile is the slowest one"
    );
    assert_eq!(october("decisions")["value"], 5, "6 decisions, rounded");
    assert_eq!(suppressed(&october("on_time_share")), (Value::Null, Value::from("suppressed")), "5 of 6 would tell the 1 late");
    assert_eq!(suppressed(&october("decided_on_time")), (Value::Null, Value::from("suppressed")), "and so would 5 on time of 6 decisions");
    let service = rows(&doc).iter().find(|r| r["service"] == SERVICE && r["measure"] == "processing_days_p90").unwrap();
    assert_eq!(service["value"], 12.0);
    let (_, _, irpin) = get(&state, "/irpinska/pulse.json").await;
    let irpin: Value = serde_json::from_str(&irpin).unwrap();
    let median = rows(&irpin)
        .iter()
        .find(|r| r["measure"] == "processing_days_median" && r["period"] == "2025-12/2026-11" && r["service"].is_null())
        .unwrap();
    assert_eq!((&median["value"], median["flag"].as_str()), (&Value::Null, Some("suppressed")), "2 decisions are too few for a median");
    let december = rows(&irpin).iter().find(|r| r["measure"] == "processing_days_median" && r["period"] == "2025-12").unwrap();
    assert_eq!(december["flag"], "no_data");

    // The page describes every column and measure the files use.
    let (status, _, data) = get(&state, "/pulse/data").await;
    assert_eq!(status, StatusCode::OK);
    for column in &columns {
        assert!(data.contains(&format!("<code>{column}</code>")), "{column} is described");
    }
    for measure in schema["properties"]["rows"]["items"]["properties"]["measure"]["enum"].as_array().unwrap() {
        assert!(data.contains(&format!("<code>{}</code>", measure.as_str().unwrap())), "{measure} is described");
    }
    assert!(data.contains("CC BY 4.0") && data.contains("id=\"index\"") && data.contains("30 × on_time + 20 × satisfaction"), "{data}");
    assert!(data.contains("округлено до найближчого числа, кратного 5, половину — вгору (7 показано як 5, 8 — як 10"), "{data}");
    assert!(data.contains("90-й перцентиль — лише щонайменше з 10 рішень"), "{data}");
}

async fn the_threshold_is_a_setting(app: &App) {
    hand_built(app).await;
    let state = pulse_state(app, 2).await;
    let (_, _, page) = get(&state, "/buchanska/pulse").await;
    assert!(page.contains("самостійно онлайн: 12; у ЦНАП: 0; від імені мешканця: 2"), "2 is not fewer than 2: {page}");
    assert!(
        page.contains("<strong>4, з них прострочено: приховано</strong>"),
        "3 open rounded to 4; 2 of 3 would tell the 1 not overdue: {page}"
    );
    let (_, _, irpin) = get(&state, "/irpinska/pulse").await;
    assert!(
        irpin.contains("медіана — 4 дні, 90-й перцентиль — замало даних"),
        "two decisions are enough for a median now, not for a 90th percentile: {irpin}"
    );
    let (_, _, region) = get(&state, "/pulse/kyivska").await;
    assert!(region.contains("місце 1 з 1 серед областей"), "{region}");
    // Irpin: all on time, fast, nothing open — above Bucha now that it is ranked.
    assert!(region.contains("<a href=\"/irpinska/pulse\">Ірпінська громада</a></th><td>1</td>"), "Irpin ranks now: {region}");
    assert!(region.contains("<a href=\"/buchanska/pulse\">Бучанська громада</a></th><td>2</td>"), "{region}");
}

/// The measures that count people's cases.
const COUNTS: [&str; 7] = ["applications", "decisions", "decided_on_time", "withdrawn", "open_now", "overdue_now", "satisfaction_answers"];

/// A place's row of `measure` for all services and channels, over `period`.
fn row_of<'a>(doc: &'a Value, scope: Option<&str>, measure: &str, period: &str) -> &'a Value {
    rows(doc)
        .iter()
        .find(|r| {
            r["scope"].as_str() == scope
                && r["measure"] == measure
                && r["period"] == period
                && r["service"].is_null()
                && r["channel"].is_null()
        })
        .unwrap_or_else(|| panic!("no row of {measure} of {scope:?} in {period}"))
}

async fn json(state: &AppState, path: &str) -> Value {
    let (status, _, body) = get(state, path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    serde_json::from_str(&body).unwrap()
}

async fn no_small_count_follows_from_subtracting_published_counts(app: &App) {
    hand_built(app).await;
    let state = pulse_state(app, 5).await;
    // Every count on every page's data is 0, "fewer than 5" (no value), or a multiple of 5.
    let mut multiples = 0;
    for path in ["/pulse", "/pulse/kyivska", "/pulse/ternopilska", "/buchanska/pulse", "/irpinska/pulse"] {
        let doc = json(&state, &format!("{path}.json")).await;
        for row in rows(&doc).iter().filter(|r| COUNTS.contains(&r["measure"].as_str().unwrap_or_default())) {
            match row["value"].as_u64() {
                Some(n) => {
                    assert_eq!(n % 5, 0, "{path}: {row}");
                    multiples += usize::from(n > 0);
                }
                None => assert_eq!(row["flag"], "suppressed", "{path}: {row}"),
            }
        }
    }
    assert!(multiples > 20, "the fixture publishes counts to check: {multiples}");

    // Irpin's 2 applications: the installation's 16 less Bucha's 14 would tell them; 15 − 15 does not.
    let window = "2025-12/2026-11";
    let all = json(&state, "/pulse.json").await;
    let bucha = json(&state, "/buchanska/pulse.json").await;
    let irpin = json(&state, "/irpinska/pulse.json").await;
    let applications = |doc: &Value, scope| row_of(doc, scope, "applications", window)["value"].as_i64();
    assert_eq!(row_of(&irpin, Some("irpinska"), "applications", window)["flag"], "suppressed", "Irpin's own page: fewer than 5");
    let (installation, buchas) = (applications(&all, None).unwrap(), applications(&bucha, Some("buchanska")).unwrap());
    assert_ne!(installation - buchas, 2, "installation {installation} − Bucha {buchas}");
    let region = json(&state, "/pulse/kyivska.json").await;
    assert_ne!(
        applications(&region, Some("kyivska")).unwrap() - applications(&region, Some("buchanska")).unwrap(),
        2,
        "nor from the region's own file"
    );

    // October's one late decision: the period's on-time count less November's, from October's decisions.
    let on_time = |period: &str| row_of(&bucha, Some("buchanska"), "decided_on_time", period)["value"].as_i64();
    assert_eq!(on_time("2026-10"), None, "October's on-time count is hidden");
    let october_on_time = on_time(window).unwrap() - on_time("2026-11").unwrap();
    let october_decisions = row_of(&bucha, Some("buchanska"), "decisions", "2026-10")["value"].as_i64().unwrap();
    assert_ne!(october_decisions - october_on_time, 1, "{october_decisions} − {october_on_time}");

    // Nor does a share or a mean give the exact count back: the installation's 7 of 12 on time
    // to three decimals (0.583) fits only 12 behind its published 10; 0.6 fits 6 of 10 too.
    let share = row_of(&all, None, "on_time_share", window)["value"].as_f64();
    let decisions = row_of(&all, None, "decisions", window)["value"].as_i64();
    assert_eq!((share, decisions), (Some(0.6), Some(10)), "7 of 12, coarse");

    // A threshold of 1 is the administrator's choice of exact counts: then the subtraction works.
    let exact = pulse_state(app, 1).await;
    let (all, bucha) = (json(&exact, "/pulse.json").await, json(&exact, "/buchanska/pulse.json").await);
    assert_eq!((applications(&all, None), applications(&bucha, Some("buchanska"))), (Some(16), Some(14)));
    let (_, _, page) = get(&exact, "/pulse?lang=en").await;
    assert!(
        page.contains("This installation publishes exact figures (its threshold is 1)") && !page.contains("rounded to the nearest"),
        "{page}"
    );
}

async fn unknown_places_have_no_pulse(app: &App) {
    let state = pulse_state(app, 5).await;
    for path in ["/nowhere/pulse", "/nowhere/pulse.csv", "/pulse/nowhere", "/pulse/nowhere.json", "/pulse/buchanska"] {
        assert_eq!(get(&state, path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    // With no cases at all the pages still answer, with nothing hidden and nothing invented.
    let (status, _, page) = get(&state, "/buchanska/pulse").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("медіана — немає даних"), "{page}");
    assert!(page.contains("<dt>Індекс</dt><dd><strong>немає даних</strong>"), "{page}");
}

async fn a_withdrawal_on_the_web_is_counted_apart_from_decisions(app: &App) {
    let mut browser = Browser::new(app);
    let first = start(&mut browser, INFORMATION).await;
    let id = case_id(&first);
    let next = location(&answer(&mut browser, &first, &[("request_text", "Скільки коштував ремонт дороги"), ("urgent", "no")]).await);
    let next = location(&answer(&mut browser, &next, &[("answer_channel", "email")]).await);
    let next = location(
        &answer(&mut browser, &next, &[("requester_kind", "person"), ("full_name", "Іван Петренко"), ("email", "ivan@example.org")]).await,
    );
    let check = location(&answer(&mut browser, &next, &[("contacts_correct", "yes")]).await);
    location(&browser.submit(&check, &format!("/applications/{id}/submit"), &[]).await);
    let now = time::OffsetDateTime::now_utc();
    let month = YearMonth::of(now);
    let today = hromada_domain::clock::kyiv_time(now).date();
    let counted = app.db.store.pulse_rollups(month, month, today).await.unwrap();
    assert_eq!((counted.applications.len(), counted.open.first().map(|o| o.open)), (1, Some(1)), "{counted:?}");

    let withdrawn = browser
        .submit(&format!("/applications/{id}/withdraw"), &format!("/applications/{id}/withdraw"), &[("reason", "Уже не потрібно")])
        .await;
    assert_eq!(location(&withdrawn), format!("/applications/{id}/status"));
    let case = app.db.store.case(id).await.unwrap().unwrap();
    assert!(case.decided_at.is_some(), "a withdrawn case is over: out of the queues");
    let counted = app.db.store.pulse_rollups(month, month, today).await.unwrap();
    assert!(counted.open.is_empty() && counted.decisions.is_empty(), "{counted:?}");
    assert_eq!(counted.withdrawals.iter().map(|w| w.count).sum::<u64>(), 1);
}
