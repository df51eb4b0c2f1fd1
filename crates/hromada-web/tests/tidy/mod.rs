//! The web crate's house rules, read from its source (in the spirit of
//! rust-analyzer's `tidy`): the rooms of `src/` depend on each other one way
//! only. Features use services, services use `access`, `access` uses `http`;
//! never the other way, and no feature uses another. ARCHITECTURE.md draws the
//! same floors.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each room and its floor: a room may use rooms on lower floors only.
/// `documents` is a service that tells people about what it did, so it sits
/// above `notify`.
const FLOORS: &[(&str, u8)] = &[
    ("http", 0),
    ("access", 1),
    ("notify", 2),
    ("uploads", 2),
    ("workflow", 2),
    ("documents", 3),
    ("account", 4),
    ("admin", 4),
    ("operations", 4),
    ("public", 4),
    ("resident", 4),
    ("staff", 4),
];

/// The floors inside the two lowest rooms, which everything else stands on.
const INNER_FLOORS: &[(&str, &[(&str, u8)])] = &[
    (
        "http",
        &[
            ("i18n", 0),
            ("glossary", 0),
            ("metrics", 0),
            ("secret", 0),
            ("url", 0),
            ("layout", 1),
            ("render", 2),
            ("csrf", 3),
            ("widgets", 4),
            ("forms", 5),
        ],
    ),
    ("access", &[("client", 0), ("ids", 0), ("session", 0), ("staff", 1), ("audit", 2), ("owner", 2)]),
];

fn floor(room: &str) -> Option<u8> {
    FLOORS.iter().find(|(name, _)| *name == room).map(|(_, floor)| *floor)
}

fn inner_floor(room: &str, module: &str) -> Option<u8> {
    let (_, floors) = INNER_FLOORS.iter().find(|(name, _)| *name == room)?;
    floors.iter().find(|(name, _)| *name == module).map(|(_, floor)| *floor)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The room a file of `src/` belongs to (`None` for the crate root, which composes them all).
fn room_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).expect("under src");
    let first = relative.components().next()?.as_os_str().to_str()?.to_string();
    let room = first.trim_end_matches(".rs").to_string();
    (room != "lib").then_some(room)
}

/// Every `crate::ROOM::MODULE` path in this source (MODULE empty when there is none), comments left out.
fn rooms_used(source: &str) -> BTreeSet<(String, String)> {
    let word = |text: &str| -> String { text.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect() };
    let mut used = BTreeSet::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or("");
        for piece in code.split("crate::").skip(1) {
            let room = word(piece);
            if floor(&room).is_some() {
                let module = piece[room.len()..].strip_prefix("::").map(word).unwrap_or_default();
                used.insert((room, module));
            }
        }
    }
    used
}

/// The module of a file inside its room (`http/render.rs` → `render`).
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).expect("under src");
    relative.components().nth(1).and_then(|c| c.as_os_str().to_str()).unwrap_or("").trim_end_matches(".rs").to_string()
}

/// The edges against the floors, as `from -> to (file)`.
fn violations(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut wrong = Vec::new();
    for file in files {
        let Some(room) = room_of(src, &file) else { continue };
        let Some(from) = floor(&room) else {
            wrong.push(format!("{room} ({}) is on no floor: add it to FLOORS and ARCHITECTURE.md", file.display()));
            continue;
        };
        let source = std::fs::read_to_string(&file).expect("read");
        let shown = file.strip_prefix(src).unwrap_or(&file).display().to_string();
        let module = module_of(src, &file);
        for (used, used_module) in rooms_used(&source) {
            if used != room {
                if floor(&used).unwrap_or(u8::MAX) >= from {
                    wrong.push(format!("{room} -> {used} ({shown})"));
                }
                continue;
            }
            // Inside http and access, modules stand on each other one way too.
            let (Some(here), Some(there)) = (inner_floor(&room, &module), inner_floor(&room, &used_module)) else {
                if INNER_FLOORS.iter().any(|(name, _)| *name == room) && module != "mod" && inner_floor(&room, &module).is_none() {
                    wrong.push(format!("{room}::{module} ({shown}) is on no floor: add it to INNER_FLOORS and ARCHITECTURE.md"));
                }
                continue;
            };
            if used_module != module && there >= here {
                wrong.push(format!("{room}::{module} -> {room}::{used_module} ({shown})"));
            }
        }
    }
    wrong
}

#[test]
fn rooms_of_the_web_crate_depend_on_lower_floors_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let wrong = violations(&src);
    assert!(wrong.is_empty(), "dependencies against the floors of ARCHITECTURE.md:\n{}", wrong.join("\n"));
}

#[test]
fn the_check_sees_an_edge_against_the_floors() {
    // The rule itself: a planted upward or sideways edge is found.
    let dir = std::env::temp_dir().join(format!("hromada-tidy-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("http")).expect("mkdir");
    std::fs::create_dir_all(dir.join("resident")).expect("mkdir");
    std::fs::write(dir.join("http/render.rs"), "use crate::access::session::Visitor;\n").expect("write");
    std::fs::write(dir.join("resident/journey.rs"), "// crate::staff in a comment is fine\nfn f() { crate::staff::assist::form(); }\n")
        .expect("write");
    std::fs::write(dir.join("http/layout.rs"), "use crate::http::csrf::CsrfToken;\nuse crate::http::url::cookie;\n").expect("write");
    std::fs::write(dir.join("lib.rs"), "mod staff; use crate::resident::journey;\n").expect("write");
    let found = violations(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found.iter().any(|f| f.starts_with("http::layout -> http::csrf")), "{found:?}");
    assert!(found[0].starts_with("http -> access") || found[1].starts_with("http -> access"), "{found:?}");
    assert!(found.iter().any(|f| f.starts_with("resident -> staff")), "{found:?}");
}
