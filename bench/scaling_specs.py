#!/usr/bin/env python3
"""Synthetic OpenAPI specs for bench/scaling, one pathological shape each, at a scale.

    python3 bench/scaling_specs.py SHAPE SCALE OUT.yaml     # writes one spec
    python3 bench/scaling_specs.py --list                    # the shapes and their 1x sizes

Each shape is one that issue 14 found super-linear (or memory-hungry); SCALE multiplies its
size (bench/scaling uses 1, 4 and 16), so a linear generator takes about 4x the time and
memory from one scale to the next. The specs are valid OpenAPI 3.0 that sdkgen generates
(no errors), so every stage runs: load, model, emit. Nothing here is committed output: the
specs are written to a temporary folder and deleted afterwards.

Standard library only, and deterministic (no randomness), so runs compare.
"""

import json
import sys

# ---- a small YAML writer: block style, every string a JSON string (valid YAML) ----------------


def _scalar(v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, (int, float)):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


def _emit(v, indent, out):
    pad = "  " * indent
    if isinstance(v, dict):
        if not v:
            out.append(" {}\n")
            return
        out.append("\n")
        for k, x in v.items():
            out.append(f"{pad}{_scalar(str(k))}:")
            _emit_value(x, indent, out)
    elif isinstance(v, list):
        if not v:
            out.append(" []\n")
            return
        out.append("\n")
        for x in v:
            out.append(f"{pad}-")
            _emit_value(x, indent, out)
    else:
        out.append(f" {_scalar(v)}\n")


def _emit_value(x, indent, out):
    if isinstance(x, (dict, list)) and x:
        _emit(x, indent + 1, out)
    else:
        _emit(x, indent, out)


def to_yaml(doc):
    out = []
    for k, v in doc.items():
        out.append(f"{k}:")
        _emit_value(v, 0, out)
    return "".join(out)


# ---- building blocks ---------------------------------------------------------------------------


def suffix(k):
    """The k-th distinct string of separators: `` , `-`, `_`, `.`, `--`, `-_`, ... Appended to
    a word, every one of them gives the same Rust name (heck drops separators), so N of them
    are N distinct wire names that all collide, in O(log N) characters each."""
    seps = "-_."
    s = ""
    while k > 0:
        k -= 1
        s += seps[k % 3]
        k //= 3
    return s


def spec(title, schemas, paths=None, servers=None, description="A synthetic spec of bench/scaling."):
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": "1", "description": description},
        "servers": servers or [{"url": "https://api.example.com"}],
        "paths": paths if paths is not None else {},
        "components": {"schemas": schemas},
    }


def one_get(schema_ref, extra=None):
    """A path item with one GET returning `schema_ref`: what keeps the types alive (only the
    types an operation uses are emitted)."""
    op = {
        "operationId": "GetRoot",
        "description": "Returns the root.",
        "responses": {
            "200": {
                "description": "The root.",
                "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}},
            }
        },
    }
    op.update(extra or {})
    return {"/root": {"get": op}}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


# ---- the shapes -------------------------------------------------------------------------------
# Each takes n (the size at this scale) and returns the spec document.


def enum_collide(n):
    # n enum values that all become the variant `A`: renamed A, A2, A3, ...
    values = ["a" + suffix(k) for k in range(n)]
    return spec("Enum collide", {"Root": {"type": "string", "enum": values}}, one_get("Root"))


def prop_collide(n):
    # n properties that all become the field `a`: renamed a, a_2, a_3, ...
    props = {"a" + suffix(k): {"type": "string"} for k in range(n)}
    return spec("Prop collide", {"Root": {"type": "object", "properties": props}}, one_get("Root"))


def schema_collide(n):
    # n component schemas that all become the type `S`: renamed S, S2, S3, ...
    schemas = {"S" + suffix(k): {"type": "object", "properties": {"v": {"type": "string"}}} for k in range(n)}
    schemas["Root"] = {"type": "object", "properties": {f"p{k}": ref("S" + suffix(k)) for k in range(n)}}
    return spec("Schema collide", schemas, one_get("Root"))


def alias_chain(n):
    # A0 -> A1 -> ... -> A(n-1), a string: n `$ref` aliases in a chain.
    schemas = {f"A{k}": ref(f"A{k + 1}") for k in range(n - 1)}
    schemas[f"A{n - 1}"] = {"type": "string"}
    schemas["Root"] = {"type": "object", "properties": {"a": ref("A0")}}
    return spec("Alias chain", schemas, one_get("Root"))


def allof_chain(n):
    # S0 = allOf [Base, {f0, next: S1}], S1 = allOf [Base, {f1, next: S2}], ...: a chain of
    # merged structs through their properties (each struct stays small: the output is linear).
    schemas = {"Base": {"type": "object", "properties": {"id": {"type": "string"}}}}
    for k in range(n):
        own = {f"f{k}": {"type": "string"}}
        if k + 1 < n:
            own["next"] = ref(f"S{k + 1}")
        schemas[f"S{k}"] = {"allOf": [ref("Base"), {"type": "object", "properties": own}]}
    return spec("Allof chain", schemas, one_get("S0"))


def allof_wide(n):
    # One allOf merging two members of n required properties each (the second refines the first).
    props = {f"p{k}": {"type": "string"} for k in range(n)}
    names = list(props)
    schemas = {
        "Left": {"type": "object", "required": names, "properties": props},
        "Root": {"allOf": [ref("Left"), {"type": "object", "required": names, "properties": props}]},
    }
    return spec("Allof wide", schemas, one_get("Root"))


def property_chain(n):
    # S0.next: S1, S1.next: S2, ...: a chain of structs through properties.
    schemas = {
        f"S{k}": {"type": "object", "properties": {"v": {"type": "string"}, "next": ref(f"S{k + 1}")}}
        for k in range(n - 1)
    }
    schemas[f"S{n - 1}"] = {"type": "object", "properties": {"v": {"type": "string"}}}
    return spec("Property chain", schemas, one_get("S0"))


def oneof_chain(n):
    # U0 = oneOf [U1, {u0}], U1 = oneOf [U2, {u1}], ...: a chain of untagged unions.
    schemas = {
        f"U{k}": {"oneOf": [ref(f"U{k + 1}"), {"type": "object", "properties": {f"u{k}": {"type": "string"}}}]}
        for k in range(n - 1)
    }
    schemas[f"U{n - 1}"] = {"type": "object", "properties": {"last": {"type": "string"}}}
    return spec("Oneof chain", schemas, one_get("U0"))


def enum_distinct(n):
    # n distinct enum values, no collision.
    values = [f"value_{k}" for k in range(n)]
    return spec("Enum distinct", {"Root": {"type": "string", "enum": values}}, one_get("Root"))


def urls(n):
    # One description with n URLs (autolinked in rustdoc).
    text = " ".join(f"see https://example.com/docs/page{k}." for k in range(n))
    schemas = {"Root": {"type": "object", "description": text, "properties": {"v": {"type": "string"}}}}
    return spec("Urls", schemas, one_get("Root"), description=text)


def param_collide(n):
    # One operation with n query parameters that all become the setter `a`.
    params = [{"name": "a" + suffix(k), "in": "query", "schema": {"type": "string"}} for k in range(n)]
    schemas = {"Root": {"type": "object", "properties": {"v": {"type": "string"}}}}
    return spec("Param collide", schemas, one_get("Root", {"parameters": params}))


def server_var_collide(n):
    # One server with n variables that all become the builder setter `a`. The URL uses a
    # few of them only: each setter's rustdoc quotes the URL, so a URL of all n would make
    # the output itself quadratic.
    names = ["a" + suffix(k) for k in range(n)]
    url = "https://{" + names[0] + "}.example.com/" + "/".join("{" + v + "}" for v in names[1:4])
    server = {"url": url, "variables": {v: {"default": "x"} for v in names}}
    schemas = {"Root": {"type": "object", "properties": {"v": {"type": "string"}}}}
    return spec("Server var collide", schemas, one_get("Root"), servers=[server])


def repeated_paths(n):
    # n paths of the same shape, everything inline: memory per path, not renaming.
    paths = {}
    for k in range(n):
        item = {
            "type": "object",
            "required": ["id", "name"],
            "properties": {
                "id": {"type": "integer", "format": "int64"},
                "name": {"type": "string", "description": "The name."},
                "tags": {"type": "array", "items": {"type": "string"}},
                "state": {"type": "string", "enum": ["on", "off", "unknown"]},
                "meta": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        }
        paths[f"/things{k}/{{id}}"] = {
            "get": {
                "operationId": f"GetThing{k}",
                "description": "Returns one thing by its id.",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
                    {"name": "verbose", "in": "query", "schema": {"type": "boolean"}},
                ],
                "responses": {
                    "200": {"description": "The thing.", "content": {"application/json": {"schema": item}}},
                    "404": {"description": "Not found."},
                },
            }
        }
    return spec("Repeated paths", {}, paths)


def real_like(n):
    # n operations over n/4 resources, with shared component schemas, tags, request bodies,
    # errors and prose (a URL each): the shape of a large real API. 16x (10,240 operations)
    # is about 20 MB.
    lorem = ("The service returns the resource as stored, with every field the caller may "
             "read; fields the caller may not read are left out. ")
    schemas = {
        "Error": {"type": "object", "required": ["code"], "properties": {
            "code": {"type": "string"}, "message": {"type": "string"}}},
    }
    paths = {}
    for r in range(max(1, n // 4)):
        name = f"Resource{r}"
        schemas[name] = {
            "type": "object",
            "description": lorem + f"See https://docs.example.com/resources/{r}.",
            "required": ["id"],
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "displayName": {"type": "string", "description": "Shown to users."},
                "createdAt": {"type": "string", "format": "date-time"},
                "size": {"type": "integer", "format": "int64", "minimum": 0},
                "status": {"type": "string", "enum": ["ACTIVE", "DISABLED", "DELETED"]},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "owner": {"type": "object", "properties": {
                    "userId": {"type": "string"}, "email": {"type": "string", "format": "email"}}},
                "children": {"type": "array", "items": ref(f"Resource{max(0, r - 1)}")},
            },
        }
        schemas[f"{name}List"] = {"type": "object", "properties": {
            "items": {"type": "array", "items": ref(name)}, "nextToken": {"type": "string"}}}
        errors = {
            "400": {"description": "Bad request.", "content": {"application/json": {"schema": ref("Error")}}},
            "404": {"description": "Not found.", "content": {"application/json": {"schema": ref("Error")}}},
            "default": {"description": "Unexpected.", "content": {"application/json": {"schema": ref("Error")}}},
        }
        tag = f"Group{r % 50}"
        one = {"description": "The resource.", "content": {"application/json": {"schema": ref(name)}}}
        id_param = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"},
                    "description": "The id of the resource."}
        paths[f"/v1/resources{r}"] = {
            "get": {"operationId": f"List{name}", "tags": [tag], "description": lorem,
                    "parameters": [
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 1000}},
                        {"name": "nextToken", "in": "query", "schema": {"type": "string"}},
                        {"name": "filter", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
                    ],
                    "responses": {"200": {"description": "A page.", "content": {
                        "application/json": {"schema": ref(f"{name}List")}}}, **errors}},
            "post": {"operationId": f"Create{name}", "tags": [tag], "description": lorem,
                     "requestBody": {"required": True, "content": {"application/json": {"schema": ref(name)}}},
                     "responses": {"201": one, **errors}},
        }
        paths[f"/v1/resources{r}/{{id}}"] = {
            "get": {"operationId": f"Get{name}", "tags": [tag], "description": lorem,
                    "parameters": [id_param], "responses": {"200": one, **errors}},
            "delete": {"operationId": f"Delete{name}", "tags": [tag], "description": lorem,
                       "parameters": [id_param], "responses": {"204": {"description": "Deleted."}, **errors}},
        }
    return spec("Real like", schemas, paths)


# name -> (builder, size at 1x); 16x is the size the issue measured where it gave one.
SHAPES = {
    "enum-collide": (enum_collide, 250),
    "prop-collide": (prop_collide, 250),
    "schema-collide": (schema_collide, 250),
    "param-collide": (param_collide, 250),
    "server-var-collide": (server_var_collide, 250),
    "alias-chain": (alias_chain, 190),
    "allof-chain": (allof_chain, 190),
    "allof-wide": (allof_wide, 1000),
    "property-chain": (property_chain, 190),
    "oneof-chain": (oneof_chain, 190),
    "enum-distinct": (enum_distinct, 5000),
    "urls": (urls, 4000),
    "repeated-paths": (repeated_paths, 500),
    "real-like": (real_like, 800),
}


def main(argv):
    if argv[1:] == ["--list"]:
        for name, (_, size) in SHAPES.items():
            print(name, size)
        return 0
    if len(argv) != 4 or argv[1] not in SHAPES:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    build, size = SHAPES[argv[1]]
    doc = build(size * int(argv[2]))
    with open(argv[3], "w", encoding="utf-8") as f:
        f.write(to_yaml(doc))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
