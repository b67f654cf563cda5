//! A property test over random spec trees: whatever the spec, the generator returns its
//! crate or located errors, and never panics.
//!
//! The trees are OpenAPI-shaped, so that most of them get past the loader and exercise the
//! model and emit stages: paths with operations, parameters, bodies and responses; schemas
//! with properties, items, `allOf` / `oneOf` / `anyOf`, discriminators, enums and `$ref`s
//! (mostly to schemas that exist, sometimes not); servers, security schemes. Names come from
//! a small pool, so that they collide and refs hit, mixed with awkward ones (keywords,
//! Unicode that may not start an identifier, empty, punctuation) and random strings;
//! keywords get values of the wrong type now and then, numbers beyond `u64` and `f64` among
//! them. Each tree is written as YAML, JSON or one-line JSON with all but ASCII escaped, and
//! generated strictly and leniently, twice (the output must be the same bytes).
//!
//! The seed and the case count are fixed, so the test command runs the same cases in a few
//! seconds; a failure is shrunk to a small spec and printed. Longer, by hand:
//! `SDKGEN_FUZZ_CASES=20000 SDKGEN_FUZZ_SEED=7 cargo test -p sdkgen --test fuzz_specs`
//! (`SDKGEN_FUZZ_VERBOSE=1` and `--nocapture` print every error a strict run reports, to see
//! what the trees exercise).

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::{json, Map, Value};

/// Cases run by the test command (a few seconds in a debug build).
const DEFAULT_CASES: u32 = 160;

/// Names: a small pool that collides with itself, awkward names, and random strings.
fn name() -> BoxedStrategy<String> {
    const POOL: [&str; 12] = ["Pet", "pet", "PET", "pet_id", "petId", "Item", "id", "name", "Option", "type", "self", "2fa"];
    const AWKWARD: [&str; 20] = [
        "", "_", "__", "Self", "super", "crate", "r#type", "٣", "１", "ำ", "ा", "a b", "x-y", "a/b", "~0", "①", "x²", "😀",
        "\u{202e}rtl", "default",
    ];
    prop_oneof![
        6 => proptest::sample::select(&POOL[..]).prop_map(str::to_owned),
        3 => proptest::sample::select(&AWKWARD[..]).prop_map(str::to_owned),
        1 => proptest::collection::vec(any::<char>(), 0..6).prop_map(String::from_iter),
    ]
    .boxed()
}

/// Schemas every tree has, so that most `$ref`s resolve.
const ALWAYS_THERE: [&str; 2] = ["Pet", "Item"];

fn reference() -> BoxedStrategy<String> {
    let to_schema = |n: String| format!("#/components/schemas/{}", n.replace('~', "~0").replace('/', "~1"));
    prop_oneof![
        12 => proptest::sample::select(&ALWAYS_THERE[..]).prop_map(move |n| to_schema(n.to_owned())),
        4 => name().prop_map(to_schema),
        1 => Just("#/components/schemas".to_owned()),
        1 => Just("#/paths".to_owned()),
        1 => Just("other.yaml#/X".to_owned()),
        1 => name(),
    ]
    .boxed()
}

/// Stand-ins for numbers a JSON tree cannot hold, replaced in the text once it is written.
const WIDE_NUMBERS: [(&str, &str); 2] = [("WIDE_INTEGER", "18446744073709552000"), ("WIDE_FLOAT", "-1e400")];

/// A scalar of any kind, for values and for keywords given the wrong type.
fn scalar() -> BoxedStrategy<Value> {
    prop_oneof![
        name().prop_map(Value::String),
        proptest::sample::select(&WIDE_NUMBERS[..]).prop_map(|(marker, _)| Value::String(marker.to_owned())),
        Just(Value::from(u64::MAX)),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Null),
    ]
    .boxed()
}

fn schema() -> BoxedStrategy<Value> {
    const TYPES: [&str; 12] =
        ["string", "string", "integer", "integer", "number", "boolean", "object", "object", "array", "array", "null", "strng"];
    const FORMATS: [&str; 8] = ["int32", "int64", "date-time", "date", "byte", "binary", "uuid", "epoch-seconds"];
    let leaf = prop_oneof![
        5 => (proptest::sample::select(&TYPES[..]), proptest::option::of(proptest::sample::select(&FORMATS[..])))
            .prop_map(|(t, f)| match f {
                Some(f) => json!({"type": t, "format": f}),
                None => json!({"type": t}),
            }),
        3 => reference().prop_map(|r| json!({"$ref": r})),
        1 => proptest::collection::vec(scalar(), 0..4).prop_map(|values| json!({"enum": values})),
        2 => (proptest::collection::vec(name(), 1..4), any::<bool>())
            .prop_map(|(values, typed)| if typed { json!({"type": "string", "enum": values}) } else { json!({"enum": values}) }),
        1 => scalar().prop_map(|v| json!({"const": v})),
        1 => Just(json!({})),
        1 => scalar(),
    ];
    leaf.prop_recursive(4, 48, 5, |inner| {
        prop_oneof![
            4 => (proptest::collection::vec((name(), inner.clone()), 0..5), proptest::collection::vec(name(), 0..3))
                .prop_map(|(props, required)| {
                    json!({"type": "object", "properties": Map::from_iter(props), "required": required})
                }),
            2 => inner.clone().prop_map(|items| json!({"type": "array", "items": items})),
            2 => (proptest::sample::select(&["allOf", "oneOf", "anyOf"][..]), proptest::collection::vec(inner.clone(), 0..4), discriminator())
                .prop_map(|(keyword, members, discriminator)| {
                    let mut schema = Map::new();
                    schema.insert(keyword.to_owned(), Value::Array(members));
                    if let Some(d) = discriminator {
                        schema.insert("discriminator".to_owned(), d);
                    }
                    Value::Object(schema)
                }),
            1 => prop_oneof![inner.clone(), any::<bool>().prop_map(Value::Bool)]
                .prop_map(|additional| json!({"type": "object", "additionalProperties": additional})),
            1 => (inner.clone(), name()).prop_map(|(mut schema, title)| {
                if let Value::Object(map) = &mut schema {
                    map.insert("title".to_owned(), Value::String(title));
                    map.insert("nullable".to_owned(), Value::Bool(true));
                }
                schema
            }),
            1 => (inner, keyword_noise()).prop_map(|(mut schema, (key, value))| {
                if let Value::Object(map) = &mut schema {
                    map.insert(key.to_owned(), value);
                }
                schema
            }),
        ]
    })
    .boxed()
}

fn discriminator() -> BoxedStrategy<Option<Value>> {
    proptest::option::weighted(
        0.4,
        (name(), proptest::collection::vec((name(), reference()), 0..3))
            .prop_map(|(property, mapping)| json!({"propertyName": property, "mapping": Map::from_iter(mapping.into_iter().map(|(k, v)| (k, Value::String(v))))})),
    )
    .boxed()
}

/// A schema keyword with a value that may well be of the wrong type.
fn keyword_noise() -> BoxedStrategy<(&'static str, Value)> {
    const KEYWORDS: [&str; 16] = [
        "type", "properties", "items", "required", "enum", "default", "minimum", "maximum", "minLength", "format",
        "x-integer-values", "x-sensitive", "readOnly", "additionalProperties", "discriminator", "$ref",
    ];
    let value = prop_oneof![scalar(), proptest::collection::vec(scalar(), 0..3).prop_map(Value::Array), Just(json!({}))];
    (proptest::sample::select(&KEYWORDS[..]), value).boxed()
}

fn parameter() -> BoxedStrategy<Value> {
    const PLACES: [&str; 8] = ["query", "query", "query", "header", "cookie", "path", "path", "body"];
    (name(), proptest::sample::select(&PLACES[..]), any::<bool>(), schema(), proptest::option::of(any::<bool>()))
        .prop_map(|(name, place, required, schema, explode)| {
            let mut p = json!({"name": name, "in": place, "required": required, "schema": schema});
            if let Some(explode) = explode {
                p["explode"] = Value::Bool(explode);
                p["style"] = json!("deepObject");
            }
            p
        })
        .boxed()
}

fn operation() -> BoxedStrategy<Value> {
    const MEDIA: [&str; 5] =
        ["application/json", "application/x-www-form-urlencoded", "multipart/form-data", "application/octet-stream", "text/plain"];
    const STATUSES: [&str; 7] = ["200", "201", "204", "404", "default", "4XX", "x"];
    let body = proptest::option::of(
        (proptest::sample::select(&MEDIA[..]), schema()).prop_map(|(media, schema)| json!({"content": {media: {"schema": schema}}})),
    );
    let responses = proptest::collection::vec((proptest::sample::select(&STATUSES[..]), proptest::option::of(schema())), 0..3);
    (proptest::option::of(name()), proptest::collection::vec(parameter(), 0..3), body, responses, proptest::collection::vec(name(), 0..2))
        .prop_map(|(id, parameters, body, responses, tags)| {
            let responses: Map<String, Value> = responses
                .into_iter()
                .map(|(status, schema)| {
                    let mut response = json!({"description": "d"});
                    if let Some(schema) = schema {
                        response["content"] = json!({"application/json": {"schema": schema}});
                    }
                    (status.to_owned(), response)
                })
                .collect();
            let mut op = json!({"parameters": parameters, "responses": responses, "tags": tags});
            if let Some(id) = id {
                op["operationId"] = Value::String(id);
            }
            if let Some(body) = body {
                op["requestBody"] = body;
            }
            op
        })
        .boxed()
}

fn path() -> BoxedStrategy<String> {
    let segment = prop_oneof![
        6 => name(),
        2 => name().prop_map(|n| format!("{{{n}}}")),
        1 => name().prop_map(|n| format!("{{{{{n}}}}}")),
        1 => Just("{".to_owned()),
    ];
    proptest::collection::vec(segment, 0..3).prop_map(|s| format!("/{}", s.join("/"))).boxed()
}

fn spec() -> BoxedStrategy<Value> {
    const METHODS: [&str; 4] = ["get", "post", "put", "delete"];
    let paths = proptest::collection::vec(
        (path(), proptest::collection::vec((proptest::sample::select(&METHODS[..]), operation()), 0..3)),
        0..3,
    );
    let always_there = proptest::collection::vec(schema(), ALWAYS_THERE.len());
    let schemas = (always_there, proptest::collection::vec((name(), schema()), 0..4)).prop_map(|(fixed, more)| {
        ALWAYS_THERE.iter().map(|n| n.to_string()).zip(fixed).chain(more).collect::<Vec<_>>()
    });
    let server = proptest::option::of((name(), proptest::collection::vec(name(), 0..3)).prop_map(|(var, allowed)| {
        json!([{"url": format!("https://{{{var}}}.example.com/v1"), "variables": {var: {"default": "a", "enum": allowed}}}])
    }));
    let security = proptest::option::of((name(), proptest::sample::select(&["apiKey", "http", "oauth2", "openIdConnect", "mutualTLS"][..])));
    let version = proptest::sample::select(&["3.0.3", "3.1.0", "3.0.3", "3.1.0", "3.0.3", "3.1.0", "2.0"][..]);
    (version, name(), paths, schemas, server, security)
        .prop_map(|(version, title, paths, schemas, servers, security)| {
            let paths: Map<String, Value> = paths
                .into_iter()
                .map(|(path, ops)| (path, Value::Object(ops.into_iter().map(|(m, op)| (m.to_owned(), op)).collect())))
                .collect();
            let mut spec = json!({
                "openapi": version,
                "info": {"title": title, "version": "1"},
                "paths": paths,
                "components": {"schemas": Map::from_iter(schemas)},
            });
            if let Some(servers) = servers {
                spec["servers"] = servers;
            }
            if let Some((scheme, kind)) = security {
                spec["components"]["securitySchemes"] =
                    json!({&scheme: {"type": kind, "in": "header", "name": "X-Key", "scheme": "bearer"}});
                spec["security"] = json!([{scheme: []}]);
            }
            spec
        })
        .boxed()
}

/// The ways a tree is written: block YAML, pretty JSON, one-line JSON with every character
/// beyond ASCII escaped (`\ud83d\ude00` for `😀`).
#[derive(Debug, Clone, Copy)]
enum Syntax {
    Yaml,
    Json,
    JsonAscii,
}

fn text(spec: &Value, syntax: Syntax) -> String {
    let mut text = match syntax {
        Syntax::Yaml => serde_yaml::to_string(spec).expect("a JSON tree is YAML"),
        Syntax::Json => serde_json::to_string_pretty(spec).expect("a JSON tree prints"),
        Syntax::JsonAscii => serde_json::to_string(spec).expect("a JSON tree prints").chars().fold(String::new(), |mut out, c| {
            if c.is_ascii() {
                out.push(c);
            } else {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            out
        }),
    };
    for (marker, number) in WIDE_NUMBERS {
        text = text.replace(&format!("\"{marker}\""), number).replace(marker, number);
    }
    text
}

/// Runs that produced a crate, strict and lenient: the trees must reach the emit stage, not
/// only fail.
static GENERATED: [AtomicU32; 2] = [AtomicU32::new(0), AtomicU32::new(0)];
/// Runs in all (each mode runs once per case).
static RUNS: AtomicU32 = AtomicU32::new(0);

/// Generates the spec at `path`: Ok, or errors that each name the file and a place in it.
fn generate(path: &Path, lenient: bool) -> Result<Option<sdkgen::Generated>, TestCaseError> {
    let options = sdkgen::Options { lenient, ..sdkgen::Options::default() };
    match sdkgen::generate_spec(path, &options) {
        Ok(generated) => Ok(Some(generated)),
        Err(failure) => {
            prop_assert!(!failure.diagnostics.is_empty(), "a failure without a diagnostic");
            if std::env::var_os("SDKGEN_FUZZ_VERBOSE").is_some() && !lenient {
                for d in failure.diagnostics.iter().filter(|d| d.severity == sdkgen::diag::Severity::Error) {
                    eprintln!("FAIL {}", d.message);
                }
            }
            for d in &failure.diagnostics {
                prop_assert!(!d.message.contains("internal error"), "a bug of sdkgen: {}", d.message);
                prop_assert_eq!(&d.file, path);
                prop_assert!(d.line.is_some() || d.pointer.is_some(), "an error without a place: {}", d.message);
            }
            Ok(None)
        }
    }
}

fn check(dir: &Path, spec: &Value, syntax: Syntax) -> Result<(), TestCaseError> {
    let extension = if matches!(syntax, Syntax::Yaml) { "yaml" } else { "json" };
    let path = dir.join(format!("fuzz.{extension}"));
    let text = text(spec, syntax);
    std::fs::write(&path, &text).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let runs = || -> Result<(), TestCaseError> {
        for lenient in [false, true] {
            let first = generate(&path, lenient)?;
            RUNS.fetch_add(u32::from(!lenient), Ordering::Relaxed);
            GENERATED[usize::from(lenient)].fetch_add(u32::from(first.is_some()), Ordering::Relaxed);
            let second = generate(&path, lenient)?;
            let files = |g: &Option<sdkgen::Generated>| g.as_ref().map(|g| g.crates.clone());
            prop_assert_eq!(files(&first), files(&second), "two runs differ");
        }
        Ok(())
    };
    // A panic inside is caught by the runner; a failed assertion names the spec as written.
    runs().map_err(|e| TestCaseError::fail(format!("{e}\n--- the spec ({extension}):\n{text}")))
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| v.parse().unwrap_or_else(|_| panic!("{name} is a number")))
}

#[test]
fn random_specs_generate_or_fail_located_and_never_panic() {
    let cases = env_number("SDKGEN_FUZZ_CASES").map_or(DEFAULT_CASES, |n| n as u32);
    let seed = env_number("SDKGEN_FUZZ_SEED").unwrap_or(14);
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes));

    let dir = std::env::temp_dir().join(format!("sdkgen-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let syntax = prop_oneof![Just(Syntax::Yaml), Just(Syntax::Json), Just(Syntax::JsonAscii)];
    let result = runner.run(&(spec(), syntax), |(spec, syntax)| check(&dir, &spec, syntax));
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = result {
        panic!("{e}");
    }
    let [strict, lenient] = [0, 1].map(|i| GENERATED[i].load(Ordering::Relaxed));
    let runs = RUNS.load(Ordering::Relaxed);
    eprintln!("of {runs} random specs, {strict} generated a crate strictly and {lenient} leniently");
    // Most random trees have some problem, so strict mode mostly fails (located); lenient
    // mode must get most of them through the model and emit stages, or the trees have
    // stopped exercising them.
    assert!(lenient * 3 >= runs && strict > 0, "only {strict} (strict) and {lenient} (lenient) of {runs} random specs generated");
}
