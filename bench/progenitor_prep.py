"""Write a copy of an OpenAPI spec that progenitor (cargo-progenitor) accepts; used by bench/compile.

    python3 bench/progenitor_prep.py IN OUT     # IN: JSON or YAML; OUT: JSON

Progenitor refuses some specs sdkgen compiles. This applies the smallest edits that let it
generate, each counted and printed (stdout, one line: "edits: ..."), and nothing else:

- `openapi: 3.1.x` becomes `3.0.3`: progenitor reads 3.0 only (its `openapiv3` crate); the
  Wickr spec uses no 3.1-only construct progenitor rejects.
- a `format` on an `array` schema (Commvault's `type: array, format: int32`) is removed: it
  means nothing there, and typify (progenitor's type generator) panics on it.
- a schema's `title` is removed: typify names a type after its title, and Commvault's inline
  schemas titled like a component (`CommcellInfo`, `LaptopOwnerOption`) then define one name
  twice, which does not compile.
- an operationId equal to an earlier one but for case (Commvault's `GetPlanSummary` and
  `getPlanSummary`) gets `_2`: progenitor would define one method twice (sdkgen renames it
  itself, with a warning).
- an operation without `operationId` gets one, `<method>_<path>` in snake case (progenitor
  names methods after it; sdkgen derives a name itself).
- an operation whose success responses (2xx), or whose error responses (the other codes and
  `default`), have more than one distinct body gets, for that group, one body for all: JSON whose
  schema is a new component `ProgenitorBenchOneOfN`, a `oneOf` of the distinct JSON schemas
  (the same set of schemas shares one component; a group with one JSON schema gets that one,
  with none, no body). Progenitor asserts that each group has at most
  one response type (`response_types.len() <= 1` in progenitor-impl's method.rs). Every error
  type is still generated and reachable, so the peer's crate keeps (a little more than) the
  code it would need; a group whose bodies are all "no body" or all the same is untouched.
"""
import json
import re
import sys

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def load(path):
    text = open(path, encoding="utf-8").read()
    try:
        return json.loads(text)
    except ValueError:
        import yaml  # PyYAML, only needed for YAML specs

        return yaml.safe_load(text)


def resolve(spec, node):
    """A `$ref` to a local component (`#/components/responses/X`) followed to its target."""
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        target = spec
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def json_schema(response):
    """The response's body as a comparable key: its JSON schema, another media type, or none."""
    content = (response or {}).get("content") or {}
    if not content:
        return None
    for media, body in content.items():
        if media.split(";")[0].strip().endswith("json"):
            return ("json", json.dumps((body or {}).get("schema") or {}, sort_keys=True))
    return ("other", json.dumps(sorted(content), sort_keys=True))


def drop_array_formats(node):
    """Remove `format` from every `type: array` schema under node; returns how many."""
    count = 0
    if isinstance(node, dict):
        if node.get("type") == "array" and "format" in node:
            del node["format"]
            count += 1
        for value in node.values():
            count += drop_array_formats(value)
    elif isinstance(node, list):
        for value in node:
            count += drop_array_formats(value)
    return count


SCHEMA_KEYS = ("type", "properties", "allOf", "oneOf", "anyOf", "$ref", "enum", "items")


def drop_titles(node):
    """Remove the `title` of every schema under node (a dict with a schema keyword); returns how many."""
    count = 0
    if isinstance(node, dict):
        if isinstance(node.get("title"), str) and any(k in node for k in SCHEMA_KEYS):
            del node["title"]
            count += 1
        for value in node.values():
            count += drop_titles(value)
    elif isinstance(node, list):
        for value in node:
            count += drop_titles(value)
    return count


def main(src, dst):
    spec = load(src)
    edits = {"version": 0, "array format": 0, "title": 0, "operationId": 0, "operationId case": 0,
             "merged response groups": 0}
    if str(spec.get("openapi", "")).startswith("3.1"):
        spec["openapi"] = "3.0.3"
        edits["version"] += 1
    edits["array format"] = drop_array_formats(spec)
    edits["title"] = drop_titles(spec)
    seen_ids = set()
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    one_ofs = {}  # sorted schema set -> component name
    for path, item in (spec.get("paths") or {}).items():
        for method in METHODS:
            op = (item or {}).get(method)
            if not isinstance(op, dict):
                continue
            if not op.get("operationId"):
                op["operationId"] = re.sub(r"[^A-Za-z0-9]+", "_", f"{method}_{path}").strip("_").lower()
                edits["operationId"] += 1
            folded = re.sub(r"[^a-z0-9]", "", op["operationId"].lower())
            if folded in seen_ids:
                op["operationId"] += "_2"
                folded += "2"
                edits["operationId case"] += 1
            seen_ids.add(folded)
            responses = op.get("responses") or {}
            groups = {True: [], False: []}
            for code in responses:
                groups[str(code).startswith("2")].append(code)
            for codes in groups.values():
                keys = {json_schema(resolve(spec, responses[c])) for c in codes}
                if len(keys) <= 1:
                    continue
                members = sorted(k[1] for k in keys if k and k[0] == "json")
                if len(members) > 1:
                    name = one_ofs.get(tuple(members))
                    if name is None:
                        name = f"ProgenitorBenchOneOf{len(one_ofs) + 1}"
                        one_ofs[tuple(members)] = name
                        schemas[name] = {"oneOf": [json.loads(m) for m in members]}
                    schema = {"$ref": f"#/components/schemas/{name}"}
                else:
                    schema = json.loads(members[0]) if members else None
                for c in codes:
                    response = responses[c] = dict(resolve(spec, responses[c]) or {})
                    response.pop("content", None)
                    if schema is not None:
                        response["content"] = {"application/json": {"schema": schema}}
                edits["merged response groups"] += 1
    json.dump(spec, open(dst, "w", encoding="utf-8"))
    print("edits: " + ", ".join(f"{k} {v}" for k, v in edits.items()))


if __name__ == "__main__":
    main(*sys.argv[1:])
