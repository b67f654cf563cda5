//! Server variables: a value that would move the request (another host, port, path, a user
//! info or fragment trick) or is not one of the spec's `enum` is refused at `build()`.

use sdkgen_runtime::{ClientBuilder, ServerVariable, UrlPart};
use sdkgen_tests::raw::{Misbehaviour, RawServer};

#[tokio::test]
async fn a_region_that_would_move_the_host_is_refused_at_build() {
    // What the bad value would make the host: this server, which must see nothing.
    let server = RawServer::start(Misbehaviour::Silent).await;
    let port = server.url().rsplit(':').next().unwrap().to_owned();
    for bad in [format!("x@127.0.0.1:{port}/#"), "us-east-1.evil/".into(), "us east".into(), "a?b".into(), "".into()] {
        let err = wickr::Client::builder()
            .region(bad.as_str())
            .credentials(wickr::Credentials::new("AKIDEXAMPLE", "s", None))
            .build()
            .expect_err(&bad);
        let text = err.to_string();
        // Checked as a region code before it reaches the URL (and the signature's scope).
        assert!(text.contains("not a region code") && text.contains("builder's `region`"), "{text}");
    }
    assert_eq!(server.connections(), 0);
    // The valid ones still build.
    wickr::Client::builder().region("eu-west-2").credentials(wickr::Credentials::new("A", "s", None)).build().unwrap();
}

#[test]
fn ports_paths_and_the_spec_enum_are_enforced() {
    let build = |variables: Vec<ServerVariable>| ClientBuilder::new("safety").server("http://{host}:{port}/{region}/api", variables).build();
    let vars = |host: &str, port: &str, region: &str| {
        vec![
            ServerVariable::new("host", host, UrlPart::Host, &[]),
            ServerVariable::new("port", port, UrlPart::Port, &[]),
            ServerVariable::new("region", region, UrlPart::Path, &["eu", "us"]),
        ]
    };
    let client = build(vars("127.0.0.1", "8080", "eu")).unwrap();
    assert_eq!(client.base_url(), "http://127.0.0.1:8080/eu/api");
    for (vars, says) in [
        (vars("127.0.0.1", "80@evil", "eu"), "`port`"),
        (vars("127.0.0.1", "8080", "mars"), "`eu`, `us`"),
        (vars("evil.example#", "8080", "eu"), "`host`"),
    ] {
        let err = build(vars).unwrap_err().to_string();
        assert!(err.contains(says), "{err}");
    }
    let path = vec![ServerVariable::new("region", "../admin", UrlPart::Path, &[])];
    assert!(ClientBuilder::new("safety").server("http://h/{region}", path).build().is_err());
}

#[test]
fn a_spec_whose_default_is_outside_its_enum_is_refused() {
    let dir = sdkgen_tests::TempDir::new("safety-server-enum");
    let (specs, out) = (dir.0.join("specs"), dir.0.join("out"));
    std::fs::create_dir_all(&specs).unwrap();
    std::fs::write(
        specs.join("bad.yaml"),
        "openapi: 3.0.3\ninfo: {title: Bad, version: '1'}\nservers:\n  - url: 'https://{region}.example.com'\n    variables:\n      region:\n        default: mars\n        enum: [eu, us]\npaths: {}\n",
    )
    .unwrap();
    let args = ["--specs", &specs.display().to_string(), "--out", &out.display().to_string(), "--format", "short"].map(String::from);
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = sdkgen::cli::run(&args, &mut stdout, &mut stderr);
    let stderr = String::from_utf8(stderr).unwrap();
    assert_eq!(code, sdkgen::cli::exit::INVALID, "{stderr}");
    assert!(stderr.contains("bad.yaml:7") && stderr.contains("`mars`, which is not in its `enum` (eu, us)"), "{stderr}");
}
