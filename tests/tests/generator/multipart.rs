//! Multipart bodies whose members cannot all be parts: the warning is located at the body's
//! schema and says what is not sent (the README's "Not supported yet" promises no silent drop).

use sdkgen::diag::Severity;

#[test]
fn members_beside_the_properties_of_a_multipart_body_are_reported_not_sent() {
    let yaml = r##"openapi: 3.0.3
info: {title: Parts, version: '1'}
paths:
  /upload:
    post:
      operationId: Upload
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                file: {type: string, format: binary}
                notify: {type: boolean, default: false}
              additionalProperties: {type: string}
      responses:
        '204': {description: Stored.}
"##;
    let dir = sdkgen_tests::TempDir::new("multipart-flattened");
    let path = dir.0.join("parts.yaml");
    std::fs::write(&path, yaml).expect("the spec is written");
    let generated = sdkgen::generate_spec(&path, &sdkgen::Options::default()).expect("the spec generates");
    let warnings: Vec<_> = generated.warnings.iter().filter(|w| w.severity == Severity::Warning).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let w = warnings[0];
    assert_eq!(
        w.pointer.as_deref(),
        Some("/paths/~1upload/post/requestBody/content/multipart~1form-data/schema")
    );
    // Line 11: the `schema:` key of the multipart media type.
    assert_eq!((w.line, w.column), (Some(11), Some(13)));
    assert!(w.message.contains("`additionalProperties`") && w.message.contains("is not sent"), "{}", w.message);
    // The properties are parts all the same; the plain `bool` is one without `.as_ref()`.
    let code: String = generated.crates.iter().flat_map(|c| c.files.values()).map(String::as_str).collect();
    assert!(code.contains("let form = match Some(&members.notify) {"), "the notify part");
    assert!(code.contains("let form = match members.file.as_ref() {"), "the file part");
}
