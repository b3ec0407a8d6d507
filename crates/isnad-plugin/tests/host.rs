//! Loads the example plugins through the host API and proves each fault: its message, and that
//! no other document is lost.

mod common;

use std::path::Path;

use isnad_core::{Claim, Document, Layer, QuoteKind, Stage};
use isnad_plugin::host::{PluginError, PluginStage, ProcessError, resolve_plugin_path};
use serde_json::{Value, json};

const AR: &str = "قال وزير المالية إن التضخم ارتفع إلى 12% في عام 2024، وربما يتراجع لاحقاً.";
const EN: &str = "The minister said that inflation rose to 12% in 2024, higher than in France.";

fn claim(doc: &Document, id: &str, content: &str) -> Claim {
    let start = doc.text.find(content).expect("content in text");
    Claim {
        confidence: 0.9,
        ..Claim::new(
            id.to_string(),
            QuoteKind::Indirect,
            doc.span(0, 0).unwrap(),
            doc.span(start, start + content.len()).unwrap(),
        )
    }
}

/// Four documents; the one whose id contains "fail" is the fault-injector's target.
fn documents() -> Vec<Document> {
    let mut docs = Vec::new();
    for (i, text) in [AR, EN, AR, EN].into_iter().enumerate() {
        let id = if i == 2 { "doc-2-fail".to_string() } else { format!("doc-{i}") };
        let mut doc = Document::new(id, text);
        let content = if text == AR {
            "التضخم ارتفع إلى 12% في عام 2024"
        } else {
            "inflation rose to 12% in 2024"
        };
        let c = claim(&doc, "c1", content);
        doc.layers.claims.push(c);
        doc.layers.provided.insert(Layer::Quotes);
        docs.push(doc);
    }
    docs
}

fn fault_injector(config: Value) -> Result<PluginStage, PluginError> {
    PluginStage::load(&common::rust_plugin("fault-injector"), config)
}

/// Runs `stage` over the documents from several threads at once (as the rayon pool does) and
/// returns each result beside its document.
fn run_concurrently(
    stage: &PluginStage,
    docs: Vec<Document>,
) -> Vec<(Document, Result<(), ProcessError>)> {
    std::thread::scope(|s| {
        let handles: Vec<_> = docs
            .into_iter()
            .map(|mut doc| {
                s.spawn(move || {
                    let result = stage.try_process(&mut doc);
                    (doc, result)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("no panic reaches the host")).collect()
    })
}

/// Runs a fault and checks that exactly the target document failed, unchanged, and the others
/// carry the plugin's output. Returns the error message.
fn fault_message(fault: &str) -> String {
    let stage = fault_injector(json!({ "fault": fault })).expect("load");
    let originals = documents();
    let results = run_concurrently(&stage, originals.clone());
    let mut message = None;
    for ((doc, result), original) in results.into_iter().zip(&originals) {
        if doc.id.contains("fail") {
            let err = result.expect_err("the target document fails");
            // The document is exactly as it was: a rejected patch is not half-applied.
            assert_eq!(
                serde_json::to_value(&doc).unwrap(),
                serde_json::to_value(original).unwrap()
            );
            // Through the Stage trait the fault is a StageError carrying the same message.
            let mut again = original.clone();
            let stage_err = Stage::process(&stage, &mut again).expect_err("fails as a stage too");
            assert_eq!(stage_err.to_string(), err.to_string());
            message = Some(err.to_string());
        } else {
            result.unwrap_or_else(|e| panic!("document {} should not fail: {e}", doc.id));
            assert_eq!(
                doc.layers.extensions["fault-probe"],
                json!({ "bytes": doc.text.len(), "claims": 1 })
            );
        }
    }
    message.expect("one document failed")
}

#[test]
fn loads_a_rust_plugin_and_takes_its_info() {
    let stage = fault_injector(Value::Null).expect("load");
    assert_eq!(stage.name(), "fault-injector");
    assert!(stage.requires().is_empty());
    assert_eq!(stage.provides(), &[Layer::Extension("fault-probe".into())]);
    assert_eq!(stage.info().reads, vec![Layer::Quotes]);
    assert_eq!(stage.info().version, env!("CARGO_PKG_VERSION"));
    let results = run_concurrently(&stage, documents());
    assert!(results.iter().all(|(_, r)| r.is_ok()));
}

#[test]
fn inspect_reads_the_info_without_a_config() {
    // A config the plugin would reject does not matter: no instance is built.
    let info = PluginStage::inspect(&common::rust_plugin("check-worthiness")).expect("inspect");
    assert_eq!(info.name, "check-worthiness");
    assert_eq!(info.requires, vec![Layer::Quotes]);
    assert_eq!(info.reads, vec![Layer::Mentions, Layer::Timexes]);
    assert!(info.description.contains("check-worthiness"));
    let info = PluginStage::inspect(&common::c_plugin()).expect("inspect C");
    assert_eq!(info.config_schema.unwrap()["properties"]["short"]["default"], json!(1500));
}

#[test]
fn only_declared_layers_are_sent() {
    // fault-injector reads `quotes`: a token layer present in the document is not sent, so the
    // plugin cannot see it, and it comes back untouched.
    let stage = fault_injector(Value::Null).expect("load");
    let mut doc = documents().remove(0);
    doc.layers.extensions.insert("other".into(), json!([1, 2, 3]));
    stage.try_process(&mut doc).unwrap();
    assert_eq!(doc.layers.extensions["other"], json!([1, 2, 3]));
    let input = isnad_plugin::payload::input_json(&doc, &stage.info().input_layers());
    let input: Value = serde_json::from_slice(&input).unwrap();
    assert!(input["layers"].get("extensions").is_none());
    assert_eq!(input["layers"]["claims"].as_array().unwrap().len(), 1);
}

#[test]
fn error_in_process_fails_that_document_only() {
    let msg = fault_message("error");
    assert_eq!(msg, "plugin 'fault-injector' failed: fault-injector: error on document doc-2-fail");
}

#[test]
fn panic_in_process_is_caught_and_fails_that_document_only() {
    let msg = fault_message("panic");
    // The location is the plugin's source line, for whoever has to fix it.
    assert!(
        msg.starts_with("plugin 'fault-injector' panicked: fault-injector: panic on document doc-2-fail (at plugins/fault-injector/src/lib.rs:"),
        "{msg}"
    );
}

#[test]
fn malformed_json_is_rejected_naming_the_plugin() {
    let msg = fault_message("malformed-json");
    assert!(msg.starts_with("plugin 'fault-injector' returned malformed JSON: "), "{msg}");
}

#[test]
fn span_past_the_end_is_rejected() {
    let msg = fault_message("span-past-end");
    assert!(msg.starts_with("plugin 'fault-injector' returned a rejected patch: offset-breaking output: mentions[0].span: span "), "{msg}");
    assert!(msg.contains("reaches past the end of a text of"), "{msg}");
}

#[test]
fn span_inside_a_character_is_rejected() {
    let msg = fault_message("span-mid-char");
    assert!(msg.contains("offset-breaking output: mentions[0].span: span offset"), "{msg}");
    assert!(msg.contains("falls inside a UTF-8 character"), "{msg}");
}

#[test]
fn undeclared_extension_is_rejected() {
    let msg = fault_message("undeclared-extension");
    assert_eq!(
        msg,
        "plugin 'fault-injector' returned a rejected patch: extension 'not-declared' is not declared in the plugin's provides (fault-probe)"
    );
}

#[test]
fn changing_the_text_is_refused() {
    let msg = fault_message("change-text");
    assert_eq!(
        msg,
        "plugin 'fault-injector' failed: the plugin changed the document text; plugins may only add"
    );
}

#[test]
fn config_rejected_by_the_plugin_shows_its_message() {
    let err = fault_injector(json!({ "reject": "threshold must be below 1" })).unwrap_err();
    assert!(matches!(err, PluginError::ConfigRejected { .. }));
    assert_eq!(
        err.to_string(),
        "plugin 'fault-injector' rejected its config: threshold must be below 1"
    );
    let err = fault_injector(json!({ "thresold": 0.5 })).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with(
            "plugin 'fault-injector' rejected its config: invalid config: unknown field `thresold`"
        ),
        "{msg}"
    );
}

#[test]
fn panic_in_create_is_caught() {
    let err = fault_injector(json!({ "fault": "panic-in-create" })).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("plugin 'fault-injector' panicked while reading its config: fault-injector: panic in create, as configured (at "),
        "{msg}"
    );
}

#[test]
fn missing_file_is_reported() {
    let path = common::temp_dir("missing").join("libnothing.so");
    let err = PluginStage::load(&path, Value::Null).unwrap_err();
    assert!(matches!(err, PluginError::FileMissing { .. }));
    assert_eq!(err.to_string(), format!("plugin file not found: {}", path.display()));
}

#[test]
fn a_file_that_is_not_a_library_is_reported() {
    let path = common::temp_dir("not-a-lib").join(common::lib_name("text"));
    std::fs::write(&path, "this is not a shared library\n").unwrap();
    let err = PluginStage::load(&path, Value::Null).unwrap_err();
    assert!(matches!(err, PluginError::NotALibrary { .. }), "{err}");
    assert!(
        err.to_string()
            .starts_with(&format!("{} is not a loadable plugin library: ", path.display()))
    );
}

/// Compiles a small C library from `source` into a temp dir.
fn compile_c(name: &str, source: &str) -> std::path::PathBuf {
    let dir = common::temp_dir(name);
    let src = dir.join(format!("{name}.c"));
    std::fs::write(&src, source).unwrap();
    isnad_plugin::host::testing::compile_c(&src, &dir).expect("compile")
}

#[test]
fn a_library_without_the_symbols_is_reported() {
    let path = compile_c("no_symbols", "int not_a_plugin(void) { return 42; }\n");
    let err = PluginStage::load(&path, Value::Null).unwrap_err();
    assert!(
        matches!(err, PluginError::SymbolMissing { symbol: "isnad_plugin_abi_version", .. }),
        "{err}"
    );
    assert!(err.to_string().contains("does not export 'isnad_plugin_abi_version'"), "{err}");
}

#[test]
fn abi_mismatch_is_reported_before_the_vtable_is_touched() {
    // The vtable function would crash if called: the host must stop at the version.
    let path = compile_c(
        "old_abi",
        "#include <stdint.h>\n#include <stddef.h>\n\
         uint32_t isnad_plugin_abi_version(void) { return 999; }\n\
         const void *isnad_plugin_vtable(void) { volatile int *p = NULL; return (const void *)(intptr_t)*p; }\n",
    );
    let err = PluginStage::load(&path, Value::Null).unwrap_err();
    assert!(matches!(err, PluginError::AbiMismatch { found: 999, expected: 1, .. }), "{err}");
    assert_eq!(
        err.to_string(),
        format!(
            "{} was built for plugin ABI version 999, this isnad speaks version 1: rebuild the plugin against this isnad-plugin",
            path.display()
        )
    );
}

#[test]
fn a_null_vtable_entry_is_reported() {
    let path = compile_c(
        "null_entry",
        "#include \"isnad_plugin.h\"\n\
         static const IsnadPluginVTable VT = { 0, 0, 0, 0, 0 };\n\
         uint32_t isnad_plugin_abi_version(void) { return ISNAD_PLUGIN_ABI_VERSION; }\n\
         const IsnadPluginVTable *isnad_plugin_vtable(void) { return &VT; }\n",
    );
    let err = PluginStage::load(&path, Value::Null).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{} has an incomplete vtable: info is null", path.display())
    );
}

/// A C plugin whose `info` returns `info_json` and whose `process` returns `status` with `out`.
fn odd_c_plugin(name: &str, info_json: &str, status: i32, out: &str) -> std::path::PathBuf {
    let escape = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    compile_c(
        name,
        &format!(
            "#include \"isnad_plugin.h\"\n#include <stdlib.h>\n#include <string.h>\n\
             static IsnadStatus put(IsnadBuf *o, const char *t, IsnadStatus s) {{ o->len = strlen(t); o->ptr = malloc(o->len + 1); memcpy(o->ptr, t, o->len); return s; }}\n\
             static IsnadStatus info(IsnadBuf *o) {{ return put(o, \"{info}\", ISNAD_OK); }}\n\
             static IsnadStatus create(const uint8_t *c, size_t n, void **i, IsnadBuf *o) {{ (void)c; (void)n; (void)o; *i = NULL; return ISNAD_OK; }}\n\
             static IsnadStatus process(void *i, const uint8_t *d, size_t n, IsnadBuf *o) {{ (void)i; (void)d; (void)n; return put(o, \"{out}\", {status}); }}\n\
             static void destroy(void *i) {{ (void)i; }}\n\
             static void free_buf(IsnadBuf b) {{ free(b.ptr); }}\n\
             static const IsnadPluginVTable VT = {{ info, create, process, destroy, free_buf }};\n\
             ISNAD_EXPORT uint32_t isnad_plugin_abi_version(void) {{ return ISNAD_PLUGIN_ABI_VERSION; }}\n\
             ISNAD_EXPORT const IsnadPluginVTable *isnad_plugin_vtable(void) {{ return &VT; }}\n",
            info = escape(info_json),
            out = escape(out),
        ),
    )
}

#[test]
fn an_unknown_status_is_an_error_for_that_document() {
    let path = odd_c_plugin("odd_status", r#"{"name":"odd"}"#, 7, "something odd");
    // A stateless C plugin may leave its instance NULL.
    let stage = PluginStage::load(&path, Value::Null).expect("load");
    let mut doc = documents().remove(0);
    let err = stage.try_process(&mut doc).unwrap_err();
    assert_eq!(err.to_string(), "plugin 'odd' returned unknown status 7: something odd");
}

#[test]
fn unusable_info_is_reported() {
    let path = odd_c_plugin("bad_info", "not json", 0, "{}");
    let err = PluginStage::load(&path, Value::Null).unwrap_err();
    assert!(matches!(err, PluginError::BadInfo { .. }), "{err}");
    assert!(
        err.to_string()
            .starts_with(&format!("{}: plugin info is unusable: expected ident", path.display())),
        "{err}"
    );
    let path = odd_c_plugin("bad_name", r#"{"name":"has space"}"#, 0, "{}");
    let err = PluginStage::load(&path, Value::Null).unwrap_err();
    assert!(
        err.to_string().ends_with(
            "plugin name 'has space' must be non-empty ASCII letters, digits, '-', '_' or '.'"
        ),
        "{err}"
    );
}

#[test]
fn plugin_paths_resolve_by_the_convention() {
    let base = common::temp_dir("resolve-base");
    let installed = common::temp_dir("resolve-installed");
    let name = common::lib_name("demo");
    std::fs::write(installed.join(&name), b"").unwrap();
    std::fs::create_dir_all(base.join("sub")).unwrap();
    std::fs::write(base.join("sub").join(&name), b"").unwrap();
    let search = std::env::join_paths([Path::new("/nonexistent"), &installed]).unwrap();
    // A relative path with a directory: relative to the pipeline's directory.
    let rel = format!("sub/{name}");
    assert_eq!(
        resolve_plugin_path(&rel, &base, Some(&search)).unwrap(),
        base.join("sub").join(&name)
    );
    // A bare name: the pipeline's directory first, then the search path.
    assert_eq!(resolve_plugin_path(&name, &base, Some(&search)).unwrap(), installed.join(&name));
    // A bare name without extension: the platform's library name.
    assert_eq!(resolve_plugin_path("demo", &base, Some(&search)).unwrap(), installed.join(&name));
    // Absolute.
    let abs = installed.join(&name);
    assert_eq!(resolve_plugin_path(abs.to_str().unwrap(), &base, None).unwrap(), abs);
    // Missing: every place tried is listed.
    let err = resolve_plugin_path("nothere", &base, Some(&search)).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("plugin file not found: nothere (looked in: "), "{msg}");
    assert!(
        msg.contains(&installed.join(common::lib_name("nothere")).display().to_string()),
        "{msg}"
    );
}

#[test]
fn the_c_plugin_loads_and_tags_documents() {
    let path = common::c_plugin();
    let stage =
        PluginStage::load(&path, json!({ "short": 80, "long": 120 })).expect("load C plugin");
    assert_eq!(stage.name(), "length-tagger");
    assert_eq!(stage.provides(), &[Layer::Extension("doc-length".into())]);
    let results = run_concurrently(&stage, documents());
    for (doc, result) in results {
        result.unwrap();
        let chars = doc.text.chars().count();
        let class = if chars < 80 {
            "short"
        } else if chars >= 120 {
            "long"
        } else {
            "medium"
        };
        assert_eq!(
            doc.layers.extensions["doc-length"],
            json!({ "bytes": doc.text.len(), "chars": chars, "class": class }),
            "{}",
            doc.id
        );
    }
    // Escapes in the JSON text are decoded before counting.
    let mut doc = Document::new("esc", "a\"b\\c\n\u{1F600}\u{0627}");
    stage.try_process(&mut doc).unwrap();
    assert_eq!(doc.layers.extensions["doc-length"]["bytes"], json!(doc.text.len()));
    assert_eq!(doc.layers.extensions["doc-length"]["chars"], json!(8));
}

#[test]
fn the_c_plugin_rejects_bad_config() {
    let path = common::c_plugin();
    let err = PluginStage::load(&path, json!({ "shrot": 10 })).unwrap_err();
    assert_eq!(
        err.to_string(),
        "plugin 'length-tagger' rejected its config: unknown field 'shrot' (expected 'short' or 'long')"
    );
    let err = PluginStage::load(&path, json!({ "short": 500, "long": 100 })).unwrap_err();
    assert_eq!(
        err.to_string(),
        "plugin 'length-tagger' rejected its config: 'short' (500) must be below 'long' (100)"
    );
}

#[test]
fn check_worthiness_scores_claims() {
    let stage =
        PluginStage::load(&common::rust_plugin("check-worthiness"), json!({ "threshold": 0.5 }))
            .expect("load");
    assert_eq!(stage.name(), "check-worthiness");
    assert_eq!(stage.requires(), &[Layer::Quotes]);
    let schema = stage.info().config_schema.as_ref().expect("schema");
    assert!(schema["properties"]["threshold"]["description"].is_string(), "{schema}");
    let results = run_concurrently(&stage, documents());
    for (doc, result) in results {
        result.unwrap();
        let score = doc.layers.claims[0].ext["check_worthiness"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        // Numbers, a year, a comparison: these claims are worth checking.
        assert!(score >= 0.5, "{}: {score}", doc.id);
        assert_eq!(doc.layers.claims[0].ext["check_worthy"], json!(true));
    }
}

#[test]
fn dropping_a_stage_destroys_the_instance_and_keeps_the_library() {
    // Load, drop, load again: the leaked library stays mapped and a new instance works.
    for _ in 0..3 {
        let stage = fault_injector(Value::Null).expect("load");
        let mut doc = documents().remove(0);
        stage.try_process(&mut doc).unwrap();
    }
}
