//! Embed the demo catalogue (`services/*.toml` at the workspace root) so that
//! `hromada demo` works from any directory.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let services = manifest.join("../../services");
    println!("cargo:rerun-if-changed={}", services.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&services)
        .map(|dir| dir.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "toml")).collect())
        .unwrap_or_default();
    files.sort();
    let mut code =
        String::from("/// (file name, contents) of every demo service definition.\npub const DEMO_SERVICES: &[(&str, &str)] = &[\n");
    for file in &files {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let _ = writeln!(code, "    ({name:?}, include_str!({:?})),", file.display().to_string());
        println!("cargo:rerun-if-changed={}", file.display());
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("demo_services.rs");
    if let Err(error) = std::fs::write(&out, code) {
        println!("cargo:warning=could not write {}: {error}", out.display());
        std::process::exit(1);
    }
}
