//! An independent peer for the generated Commvault client: Prism (`@stoplight/prism-cli`,
//! pinned in `.ci/install-prism`), run as a validating mock of `specs/commvault.yaml`, judges
//! every request the client sends for the UserGroup operations, and the client must parse
//! every response Prism mocks from the same spec.
//!
//! # Setup
//!
//! Prism lives in `.tooling/node/` (git-ignored). Each test runs `.ci/install-prism` first,
//! which returns at once when the pinned version is installed and otherwise installs it (one
//! process at a time, under a lock), so `cargo test --workspace` works on a fresh machine; a
//! failed installation fails the test with the installer's message. The test then starts
//! `prism mock -h 127.0.0.1 -p <free port> --errors specs/commvault.yaml`, waits (60 s at most)
//! until Prism says it listens and the port answers, and kills it when the test ends, also when
//! an assertion fails (the [`Prism`] guard).
//!
//! Prism ignores the spec's `servers` base path by design (its FAQ: a request to
//! `/webconsole/api/V4/UserGroup` is "no path matched"). So the client is built as a user
//! builds it, `server_url("http://127.0.0.1:<port>")`, and talks to a small recording proxy
//! ([`Proxy`]) that checks every request arrives under `/webconsole/api`, strips that prefix,
//! forwards the request otherwise untouched (method, headers, body bytes) to Prism, and passes
//! Prism's answer back untouched, keeping a copy of both.
//!
//! # The acceptance signal
//!
//! A request counts as accepted when Prism answered it with a 2xx status and without an
//! `sl-violations` header ([`Exchange::verdict`]). That is what Prism 5's source (the
//! `prism-http` mocker and `prism-http-server`, read for the pinned 5.14.2) does, and what the
//! negative controls below show:
//!
//! - a request with an error-level violation (a missing required body property, a wrong type
//!   in the path, query, header or body, no `Authtoken`) never gets a mocked 2xx: Prism answers
//!   with the operation's documented 422 or 400 response, adding the violations as a JSON
//!   array in the `sl-violations` header, or, when the spec documents neither, with a
//!   `422 application/problem+json` whose `validation` array lists them (401 for a missing API
//!   key);
//! - any violation of lower severity, of the request or of Prism's own mocked response, still
//!   adds `sl-violations` to the answer; and with `--errors` a mocked response that breaks the
//!   spec becomes a `500 VIOLATIONS` problem.
//!
//! The signal is read from the wire by the proxy, not from the generated client, so it does not
//! depend on the client's parsing. A second witness is Prism's own log (human-readable only:
//! the CLI has no JSON log option): its validator logs "The request passed the validation
//! rules" or "Request did not pass the validation rules" for each request, and those counts
//! must match too. The client's parsing is then checked against the wire: each call must
//! return `Ok`, and its output, serialized again, must equal the JSON Prism sent (nothing
//! dropped or changed), while the body Prism received must equal the body given to the
//! builder. Retries are off, so each call is exactly one exchange.
//!
//! Prism answers in its default static mode: every property of the response schema filled
//! (strings `"string"`, integers the int32 minimum, the first enum value), deterministic.

use std::fs::File;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use commvault::types::{
    ConsoleTypes, CreateUserGroup, DeleteMultipleUserGroups, DeleteUserGroups, IdName, Mode, Operations,
    RestrictConsoleTypes, TfaOptions, UpdateUserGroup, UpdateUserGroupConsoleTypeOperationType,
    UpdateUserGroupExternalUserGroupsOperationType, UpdateUserGroupLocalUserGroupsOperationType,
};
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use sdkgen_tests::TempDir;
use serde_json::{json, Value};

/// The spec's `servers` URL, which Prism ignores and the proxy strips.
const BASE_PATH: &str = "/webconsole/api";
/// How long Prism may take to load the spec and listen (it takes a few seconds here).
const STARTUP_LIMIT: Duration = Duration::from_secs(60);
/// The `Authtoken` every request carries.
const TOKEN: &str = "QSDK 3f2a77";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_owned()
}

/// Runs `.ci/install-prism` (a no-op when the pinned Prism is installed) and returns the path of
/// the `prism` executable. Panics with the installer's output if it fails: never skips.
fn install_prism() -> PathBuf {
    let root = repo_root();
    let script = root.join(".ci/install-prism");
    let output = Command::new("bash")
        .arg(&script)
        .current_dir(&root)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("could not run `bash {}`: {e}", script.display()));
    let said = String::from_utf8_lossy(&output.stderr).into_owned() + &String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "Prism is not installed and `{}` could not install it ({}):\n{said}",
        script.display(),
        output.status
    );
    if !said.trim().is_empty() {
        eprintln!("{said}");
    }
    let prism = root.join(".tooling/node/node_modules/.bin/prism");
    assert!(
        prism.exists(),
        "{} succeeded but {} is missing",
        script.display(),
        prism.display()
    );
    prism
}

/// A free TCP port on 127.0.0.1: bound, read and released (Prism binds it next).
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}

/// A running `prism mock` of `specs/commvault.yaml`. Killed when dropped, so a failing test
/// does not leave it behind.
struct Prism {
    child: Child,
    port: u16,
    log: PathBuf,
    _dir: TempDir,
}

impl Prism {
    fn start(test: &str) -> Prism {
        let prism = install_prism();
        let root = repo_root();
        let dir = TempDir::new(&format!("prism-{test}"));
        let log = dir.0.join("prism.log");
        // stdout and stderr go to a file: a pipe nobody reads would block Prism once full.
        let out = File::create(&log).expect("create Prism's log");
        let err = out.try_clone().expect("clone Prism's log handle");
        let port = free_port();
        let child = Command::new(&prism)
            .args([
                "mock",
                "-h",
                "127.0.0.1",
                "-p",
                &port.to_string(),
                "--errors",
                "specs/commvault.yaml",
            ])
            .current_dir(&root)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {}: {e}", prism.display()));
        let mut prism = Prism {
            child,
            port,
            log,
            _dir: dir,
        };
        prism.wait_until_listening();
        prism
    }

    /// Polls until Prism logs that it listens on our port and the port accepts a connection
    /// (both: the port alone could have been taken by another process meanwhile).
    fn wait_until_listening(&mut self) {
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let listening = format!("Prism is listening on http://127.0.0.1:{}", self.port);
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll Prism") {
                panic!(
                    "Prism exited ({status}) before listening on {addr}. Its output:\n{}",
                    self.output()
                );
            }
            if self.output().contains(&listening) && TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_ok() {
                return;
            }
            if started.elapsed() > STARTUP_LIMIT {
                panic!(
                    "Prism did not listen on {addr} within {} s. Its output:\n{}",
                    STARTUP_LIMIT.as_secs(),
                    self.output()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Everything Prism printed so far.
    fn output(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// How many requests Prism's validator logged as passed and as failed so far. Prism writes
    /// its log through a stream, so the log may trail the responses by a moment: this waits (10 s
    /// at most) until the two add up to `requests`.
    async fn validator_verdicts(&self, requests: usize) -> (usize, usize) {
        let counts = || {
            let log = self.requests_log();
            (
                log.matches("The request passed the validation rules").count(),
                log.matches("Request did not pass the validation rules").count(),
            )
        };
        let started = Instant::now();
        loop {
            let (passed, failed) = counts();
            if passed + failed >= requests || started.elapsed() > Duration::from_secs(10) {
                return (passed, failed);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Prism's output after its start-up listing, for failure messages.
    fn requests_log(&self) -> String {
        let output = self.output();
        match output.find("is listening on") {
            Some(at) => output[at..].to_owned(),
            None => output,
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One request the client sent and the answer it got, as seen on the wire.
#[derive(Debug, Clone)]
struct Exchange {
    method: String,
    /// Path and query as the client sent them (with the base path).
    target: String,
    request_headers: Vec<(String, String)>,
    request_body: Vec<u8>,
    status: u16,
    response_headers: Vec<(String, String)>,
    response_body: Vec<u8>,
}

impl Exchange {
    fn response_header(&self, name: &str) -> Option<&str> {
        self.response_headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn request_header(&self, name: &str) -> Option<&str> {
        self.request_headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Prism's verdict on the request: `Ok` if it accepted it, else why not (its status, its
    /// `sl-violations` header and its body, which name each violation).
    fn verdict(&self) -> Result<(), String> {
        let violations = self.response_header("sl-violations");
        if (200..300).contains(&self.status) && violations.is_none() {
            return Ok(());
        }
        Err(format!(
            "{} {} -> {}; sl-violations: {}; body: {}",
            self.method,
            self.target,
            self.status,
            violations.unwrap_or("(none)"),
            String::from_utf8_lossy(&self.response_body)
        ))
    }

    fn response_json(&self) -> Result<Value, String> {
        serde_json::from_slice(&self.response_body).map_err(|e| {
            format!(
                "Prism's body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.response_body)
            )
        })
    }
}

/// An HTTP/1.1 proxy on an ephemeral port of 127.0.0.1 in front of Prism: requests must be under
/// [`BASE_PATH`], which it strips before forwarding; everything else passes through as is.
/// Records every exchange. Stops when dropped.
struct Proxy {
    addr: SocketAddr,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
    /// How many requests went to Prism so far.
    forwarded: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Proxy {
    async fn start(prism_port: u16) -> Proxy {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let exchanges = Arc::new(Mutex::new(Vec::new()));
        let forwarded = Arc::new(AtomicUsize::new(0));
        let upstream = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .expect("a forwarding client");
        let task = {
            let exchanges = Arc::clone(&exchanges);
            let forwarded = Arc::clone(&forwarded);
            tokio::spawn(async move {
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        return;
                    };
                    let exchanges = Arc::clone(&exchanges);
                    let forwarded = Arc::clone(&forwarded);
                    let upstream = upstream.clone();
                    tokio::spawn(async move {
                        let service = service_fn(move |request| {
                            let exchanges = Arc::clone(&exchanges);
                            let forwarded = Arc::clone(&forwarded);
                            let upstream = upstream.clone();
                            async move {
                                let exchange = forward(request, &upstream, prism_port, &forwarded).await;
                                let response = to_response(&exchange);
                                exchanges.lock().expect("lock").push(exchange);
                                Ok::<_, std::convert::Infallible>(response)
                            }
                        });
                        let _ = hyper::server::conn::http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                }
            })
        };
        Proxy {
            addr,
            exchanges,
            forwarded,
            task,
        }
    }

    /// What the client is given as its server: `http://127.0.0.1:<proxy port>`.
    fn server_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many requests went to Prism so far.
    fn forwarded(&self) -> usize {
        self.forwarded.load(Ordering::SeqCst)
    }

    /// The exchanges recorded since the last call.
    fn take(&self) -> Vec<Exchange> {
        std::mem::take(&mut *self.exchanges.lock().expect("lock"))
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Headers that belong to one connection, not to the request or response.
fn hop_by_hop(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "host" | "connection" | "keep-alive" | "transfer-encoding" | "content-length" | "te" | "trailer" | "upgrade"
    )
}

async fn forward(
    request: hyper::Request<hyper::body::Incoming>,
    upstream: &reqwest::Client,
    prism_port: u16,
    forwarded: &AtomicUsize,
) -> Exchange {
    let (parts, body) = request.into_parts();
    let request_body = body.collect().await.map(|b| b.to_bytes().to_vec()).unwrap_or_default();
    let target = parts
        .uri
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or_default();
    let request_headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let mut exchange = Exchange {
        method: parts.method.as_str().to_owned(),
        target: target.clone(),
        request_headers,
        request_body,
        status: 0,
        response_headers: Vec::new(),
        response_body: Vec::new(),
    };
    let Some(rest) = target.strip_prefix(BASE_PATH).filter(|r| r.starts_with('/')) else {
        exchange.status = 404;
        exchange.response_body =
            format!("test proxy: `{target}` is not under the spec's base path {BASE_PATH}").into_bytes();
        return exchange;
    };
    let mut outgoing = upstream.request(parts.method.clone(), format!("http://127.0.0.1:{prism_port}{rest}"));
    for (name, value) in &parts.headers {
        if !hop_by_hop(name.as_str()) {
            outgoing = outgoing.header(name, value);
        }
    }
    if !exchange.request_body.is_empty() {
        outgoing = outgoing.body(exchange.request_body.clone());
    }
    forwarded.fetch_add(1, Ordering::SeqCst);
    match outgoing.send().await {
        Ok(response) => {
            exchange.status = response.status().as_u16();
            exchange.response_headers = response
                .headers()
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            exchange.response_body = response.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
        }
        Err(e) => {
            exchange.status = 502;
            exchange.response_body = format!("test proxy: Prism did not answer: {e}").into_bytes();
        }
    }
    exchange
}

fn to_response(exchange: &Exchange) -> hyper::Response<Full<Bytes>> {
    let mut response = hyper::Response::builder().status(exchange.status);
    for (name, value) in &exchange.response_headers {
        if !hop_by_hop(name) {
            response = response.header(name, value);
        }
    }
    response
        .body(Full::new(Bytes::from(exchange.response_body.clone())))
        .expect("a response Prism sent is a valid response")
}

fn client(proxy: &Proxy) -> commvault::Client {
    commvault::Client::builder()
        .server_url(proxy.server_url())
        .token(TOKEN)
        // One call, one exchange: a rejected request is not hidden behind a retried one.
        .retry(commvault::RetryConfig::disabled())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("valid configuration")
}

/// Runs `body` on a fresh runtime while Prism and its proxy run; Prism is killed afterwards
/// whatever happens (the guard lives outside the runtime).
fn with_prism(test: &str, body: impl AsyncFnOnce(&Prism, &Proxy)) {
    let prism = Prism::start(test);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async {
        let proxy = Proxy::start(prism.port).await;
        body(&prism, &proxy).await;
    });
}

/// Checks one call of the generated client: exactly one exchange, accepted by Prism, the body
/// Prism received equal to `sent` (the builder's body, if any), the call `Ok`, and its output
/// equal to the JSON Prism answered. Returns the problems found, each prefixed with `operation`.
fn check_call(operation: &str, proxy: &Proxy, sent: Option<Value>, outcome: Result<Value, String>) -> Vec<String> {
    let mut problems = Vec::new();
    let exchanges = proxy.take();
    let [exchange] = &exchanges[..] else {
        return vec![format!(
            "{operation}: expected exactly one request, the proxy saw {}: {exchanges:#?}",
            exchanges.len()
        )];
    };
    if let Err(why) = exchange.verdict() {
        problems.push(format!("{operation}: Prism rejected the request: {why}"));
    }
    if exchange.request_header("authtoken") != Some(TOKEN) {
        problems.push(format!(
            "{operation}: no `Authtoken: {TOKEN}` header: {:?}",
            exchange.request_headers
        ));
    }
    // Prism validates a body by the media type it is declared as: it must be the spec's.
    let content_type = exchange.request_header("content-type");
    if sent.is_some() && !content_type.is_some_and(|t| t.starts_with("application/json")) {
        problems.push(format!(
            "{operation}: the body is sent as {content_type:?}, not application/json"
        ));
    }
    match sent {
        Some(sent) => match serde_json::from_slice::<Value>(&exchange.request_body) {
            Ok(received) if received == sent => {}
            Ok(received) => problems.push(format!(
                "{operation}: Prism received body {received}, the builder was given {sent}"
            )),
            Err(e) => problems.push(format!(
                "{operation}: the request body is not JSON ({e}): {:?}",
                String::from_utf8_lossy(&exchange.request_body)
            )),
        },
        None if !exchange.request_body.is_empty() => problems.push(format!(
            "{operation}: unexpected request body {:?}",
            String::from_utf8_lossy(&exchange.request_body)
        )),
        None => {}
    }
    match outcome {
        Err(e) => problems.push(format!(
            "{operation}: the client did not return Ok: {e}\n  Prism answered {} with {}",
            exchange.status,
            String::from_utf8_lossy(&exchange.response_body)
        )),
        Ok(parsed) => match exchange.response_json() {
            Ok(answered) if answered == parsed => {}
            Ok(answered) => problems.push(format!(
                "{operation}: the parsed output differs from Prism's answer\n  answered: {answered}\n  parsed:   {parsed}"
            )),
            Err(e) => problems.push(format!("{operation}: the client returned Ok, but {e}")),
        },
    }
    problems
}

/// `Ok(output as JSON)` or `Err(the error, displayed)`; [`check_call`] adds Prism's whole answer.
fn outcome<T: serde::Serialize, E: std::fmt::Display>(result: Result<T, commvault::SdkError<E>>) -> Result<Value, String> {
    result
        .map(|out| serde_json::to_value(&out).expect("an output serializes"))
        .map_err(|e| e.to_string())
}

fn id_name(id: i32, name: &str) -> IdName {
    IdName::builder().id(id).name(name).build()
}

#[test]
fn prism_accepts_every_user_group_request_and_the_client_parses_every_answer() {
    with_prism("operations", async |prism, proxy| {
        let client = client(proxy);
        let mut problems = Vec::new();

        // GET /V4/UserGroup
        let result = client.get_user_groups().mode(Mode::EdgeMode).send().await;
        if let Ok(list) = &result {
            // Prism's static mock lists one group: the client saw a non-empty list.
            if list.user_groups.as_ref().is_none_or(|g| g.is_empty()) {
                problems.push(format!("GetUserGroups: no user groups parsed: {list:?}"));
            }
        }
        problems.extend(check_call("GetUserGroups", proxy, None, outcome(result)));

        // POST /V4/UserGroup
        let body = CreateUserGroup::builder()
            .name("Tenant Admins")
            .description("administrators of the Acme tenant")
            .enforce_fs_quota(true)
            .quota_limit_in_gb(250)
            .local_user_groups(vec![id_name(4, "local-admins")])
            .build()
            .expect("every required member");
        let sent = serde_json::to_value(&body).expect("serializes");
        let result = client.create_user_group().body(body).send().await;
        problems.extend(check_call("CreateUserGroup", proxy, Some(sent), outcome(result)));

        // PUT /V4/UserGroup/action/delete: the three cases of the spec's example.
        let body = DeleteMultipleUserGroups::builder()
            .user_groups(vec![
                DeleteUserGroups::builder()
                    .skip_owner_transfer(false)
                    .new_user(id_name(7, "alice"))
                    .user_group(id_name(17, "Tenant Admins"))
                    .build(),
                DeleteUserGroups::builder()
                    .skip_owner_transfer(false)
                    .new_user_group(id_name(3, "master"))
                    .user_group(id_name(18, "Old Admins"))
                    .build(),
                DeleteUserGroups::builder()
                    .skip_owner_transfer(true)
                    .user_group(IdName::builder().name("Temporary").build())
                    .build(),
            ])
            .build();
        let sent = serde_json::to_value(&body).expect("serializes");
        let result = client.delete_multiple_user_groups().body(body).send().await;
        problems.extend(check_call(
            "DeleteMultipleUserGroups",
            proxy,
            Some(sent),
            outcome(result),
        ));

        // GET /V4/UserGroup/{userGroupId}
        let result = client
            .get_user_group_details()
            .user_group_id(17)
            .mode(Mode::EdgeMode)
            .send()
            .await;
        problems.extend(check_call("GetUserGroupDetails", proxy, None, outcome(result)));

        // PUT /V4/UserGroup/{userGroupId}: every property set.
        let body = UpdateUserGroup::builder()
            .new_name("Tenant Administrators")
            .new_description("administrators of the Acme tenant")
            .laptop_plan(id_name(5, "Laptop Gold"))
            .plan_operation_type(Operations::Add)
            .enabled(true)
            .enforce_fs_quota(true)
            .quota_limit_in_gb(500)
            .enable_two_factor_authentication(TfaOptions::On)
            .enable_local_authentication(TfaOptions::Off)
            .associated_external_groups(vec![id_name(30, "ACME\\Domain Admins")])
            .external_user_groups_operation_type(UpdateUserGroupExternalUserGroupsOperationType::Overwrite)
            .laptop_admins(false)
            .associated_local_groups(vec![id_name(4, "local-admins")])
            .local_user_groups_operation_type(UpdateUserGroupLocalUserGroupsOperationType::Add)
            .users(vec![id_name(7, "alice"), id_name(8, "bob")])
            .user_operation_type(Operations::Add)
            .allow_multiple_company_members(true)
            .console_type_operation_type(UpdateUserGroupConsoleTypeOperationType::Overwrite)
            .restrict_console_types(
                RestrictConsoleTypes::builder()
                    .console_type(vec![ConsoleTypes::Commcellconsole, ConsoleTypes::Mobile])
                    .build(),
            )
            .azure_guid("6f1c2a9e-1b7d-4c53-9a0e-2f4b8d7c1e55")
            .build();
        let sent = serde_json::to_value(&body).expect("serializes");
        let result = client.modify_user_group().user_group_id(17).body(body).send().await;
        problems.extend(check_call("ModifyUserGroup", proxy, Some(sent), outcome(result)));

        // PUT /V4/UserGroup/{userGroupId} with the smallest body: only a new name.
        let body = UpdateUserGroup::builder().new_name("Renamed").build();
        let sent = serde_json::to_value(&body).expect("serializes");
        let result = client.modify_user_group().user_group_id(17).body(body).send().await;
        problems.extend(check_call(
            "ModifyUserGroup (new name only)",
            proxy,
            Some(sent),
            outcome(result),
        ));

        // DELETE /V4/UserGroup/{userGroupId}, ownership transferred to a user and a group.
        let result = client
            .delete_user_group()
            .user_group_id(17)
            .skip_owner_ship_transfer(false)
            .transfer_to_user(7)
            .transferto_user_group(3)
            .send()
            .await;
        problems.extend(check_call("DeleteUserGroup", proxy, None, outcome(result)));

        // DELETE /V4/UserGroup/{userGroupId} with only the required path parameter.
        let result = client.delete_user_group().user_group_id(18).send().await;
        problems.extend(check_call("DeleteUserGroup (no options)", proxy, None, outcome(result)));

        // Prism's own log agrees: its validator passed every request and failed none.
        let requests = proxy.forwarded();
        let (passed, failed) = prism.validator_verdicts(requests).await;
        if (passed, failed) != (requests, 0) {
            problems.push(format!(
                "Prism's log: {passed} request(s) passed and {failed} did not pass its validation, of {requests}"
            ));
        }

        assert!(
            problems.is_empty(),
            "{} problem(s):\n- {}\n\nPrism's log of the requests:\n{}",
            problems.len(),
            problems.join("\n- "),
            prism.requests_log()
        );
    });
}

/// Sends a request through the proxy with a plain HTTP client (not the generated one) and
/// returns the one exchange it made.
async fn raw(proxy: &Proxy, method: &str, target: &str, token: Option<&str>, body: Option<Value>) -> Exchange {
    let http = reqwest::Client::builder().no_proxy().build().expect("an HTTP client");
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("a method");
    let mut request = http.request(method, format!("{}{target}", proxy.server_url()));
    if let Some(token) = token {
        request = request.header("Authtoken", token);
    }
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    request.send().await.expect("the proxy answers");
    let mut exchanges = proxy.take();
    assert_eq!(exchanges.len(), 1, "one request, one exchange: {exchanges:#?}");
    exchanges.remove(0)
}

/// The negative controls: requests that each break the spec in one place are rejected by the
/// same verdict the operations test relies on, and the same request with that one place fixed
/// is accepted. So a rejected request of the generated client would fail that test.
#[test]
fn prism_rejects_requests_that_break_the_spec() {
    with_prism("controls", async |prism, proxy| {
        let token = Some(TOKEN);
        let group = "/webconsole/api/V4/UserGroup";

        // Control: valid, accepted.
        let ok = raw(proxy, "POST", group, token, Some(json!({"name": "Tenant Admins"}))).await;
        assert_eq!(ok.verdict(), Ok(()), "a valid CreateUserGroup must be accepted");

        // The required `name` missing: the documented 400, violations in `sl-violations`.
        let e = raw(proxy, "POST", group, token, Some(json!({"description": "no name"}))).await;
        let why = e
            .verdict()
            .expect_err("a CreateUserGroup body without `name` must be rejected");
        assert_eq!(e.status, 400, "{why}");
        let violations = e.response_header("sl-violations").expect("violations reported");
        assert!(violations.contains("required property 'name'"), "{violations}");

        // A property of the wrong type (DeleteMultipleUserGroups documents 400 too).
        let body = json!({"userGroups": [{"userGroup": {"id": "seventeen"}}]});
        let e = raw(proxy, "PUT", &format!("{group}/action/delete"), token, Some(body)).await;
        let why = e.verdict().expect_err("a string id must be rejected");
        assert_eq!(e.status, 400, "{why}");
        assert!(
            e.response_header("sl-violations")
                .is_some_and(|v| v.contains("must be integer")),
            "{why}"
        );

        // A path parameter that is not an integer: no 400 or 422 documented, so Prism's 422.
        let e = raw(proxy, "GET", &format!("{group}/seventeen"), token, None).await;
        let why = e.verdict().expect_err("a non-integer userGroupId must be rejected");
        assert_eq!(e.status, 422, "{why}");
        let problem = e.response_json().expect("a problem+json body");
        assert!(
            problem["validation"].to_string().contains("must be integer"),
            "{problem}"
        );

        // A query parameter of the wrong type.
        let e = raw(
            proxy,
            "DELETE",
            &format!("{group}/17?skipOwnerShipTransfer=maybe"),
            token,
            None,
        )
        .await;
        let why = e
            .verdict()
            .expect_err("a non-boolean skipOwnerShipTransfer must be rejected");
        assert_eq!(e.status, 422, "{why}");

        // A header outside its enum.
        let e = raw(proxy, "GET", group, token, None).await;
        assert_eq!(e.verdict(), Ok(()), "GetUserGroups without `mode` must be accepted");
        let http = reqwest::Client::builder().no_proxy().build().expect("an HTTP client");
        http.get(format!("{}{group}", proxy.server_url()))
            .header("Authtoken", TOKEN)
            .header("mode", "ClassicMode")
            .send()
            .await
            .expect("the proxy answers");
        let [e] = &proxy.take()[..] else { panic!("one exchange") };
        let why = e.verdict().expect_err("mode: ClassicMode must be rejected");
        assert_eq!(e.status, 422, "{why}");

        // No `Authtoken`: the spec's only security scheme unmet.
        let e = raw(proxy, "GET", group, None, None).await;
        let why = e.verdict().expect_err("a request without Authtoken must be rejected");
        assert_eq!(e.status, 401, "{why}");

        // Outside the base path: the proxy refuses it (the client must send `/webconsole/api/..`).
        let e = raw(proxy, "GET", "/V4/UserGroup", token, None).await;
        assert!(
            e.verdict().is_err(),
            "a request outside {BASE_PATH} must not count as accepted"
        );

        // Prism's own log agrees: one "passed" per accepted request, one "did not pass" per rejected
        // one (the proxy's refusal never reached Prism).
        assert_eq!(proxy.forwarded(), 8);
        assert_eq!(
            prism.validator_verdicts(8).await,
            (2, 6),
            "(passed, did not pass) in Prism's log:\n{}",
            prism.requests_log()
        );
    });
}
