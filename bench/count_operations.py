"""Print the number of operations (paths x HTTP methods) of an OpenAPI spec; used by bench/compile.

    python3 bench/count_operations.py SPEC     # JSON or YAML (YAML needs PyYAML)
"""
import json
import sys

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def load(path):
    text = open(path, encoding="utf-8").read()
    try:
        return json.loads(text)
    except ValueError:
        import yaml

        return yaml.safe_load(text)


spec = load(sys.argv[1])
print(sum(1 for item in (spec.get("paths") or {}).values() for m in METHODS if isinstance((item or {}).get(m), dict)))
