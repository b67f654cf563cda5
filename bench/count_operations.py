"""Print the number of operations (paths x HTTP methods) of an OpenAPI spec; used by bench/compile.

    python3 bench/count_operations.py SPEC     # JSON or YAML (YAML needs PyYAML)
"""
import sys

from progenitor_prep import METHODS, load  # one reader of spec files for bench/

spec = load(sys.argv[1])
print(sum(1 for item in (spec.get("paths") or {}).values() for m in METHODS if isinstance((item or {}).get(m), dict)))
