#!/usr/bin/env python3
"""Keep the editor-facing schemas self-contained.

taplo, and so VS Code's Even Better TOML, cannot follow a relative `$ref` from one
local schema file to another (tamasfe/taplo#771): it would try to fetch
https://stratlint.dev/schemas/... instead. So the schemas that editors apply to TOML
files (strategy, owners, config) only use `#/$defs/...` references, and their
`$defs` are copied from the sources of truth:

  - common.schema.json          shared definitions (id, date, duration, owner, ...)
  - <kind>.schema.json          one object of each kind, referencing common.schema.json

This script rewrites those copies:

  - strategy.schema.json `$defs`: every common definition plus every kind, as
    TOML tables: without the `kind` key (front matter only; in a `[[kind]]` table it
    is an unknown field, SL005), so a tenet table always needs `text`;
  - owners.schema.json `$defs.id` and `$defs.owner`, stratlint.schema.json
    `$defs.duration` and `$defs.ruleSelector`: copied from common.schema.json.

Usage (standard library only):

    python3 schemas/bundle.py          # rewrite the generated parts
    python3 schemas/bundle.py --check  # exit 1 if any of them is out of date
"""

import copy
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
KINDS = ["thesis", "objective", "kpi", "principle", "tenet", "inflection", "decision", "initiative", "debt", "value"]
COMMON_PREFIX = "common.schema.json#/$defs/"
SYNCED = {
    "owners.schema.json": ["id", "owner"],
    "stratlint.schema.json": ["duration", "ruleSelector"],
}


def load(name):
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def render(obj):
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def localize(node):
    """Turn references into other files into references into the bundle's $defs."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                if value.startswith(COMMON_PREFIX):
                    value = "#/$defs/" + value[len(COMMON_PREFIX):]
                elif value.endswith(".schema.json") and value[: -len(".schema.json")] in KINDS:
                    value = "#/$defs/" + value[: -len(".schema.json")]
                elif not value.startswith("#/$defs/"):
                    raise SystemExit(f"bundle.py: cannot bundle $ref {value!r}")
            out[key] = localize(value)
        return out
    if isinstance(node, list):
        return [localize(v) for v in node]
    return node


FRONT_MATTER_ONLY = {"not": {"required": ["kind"]}}


def as_table(kind, schema):
    """The schema of one `[[kind]]` table: no `kind` key, and what is required
    only when `kind` is absent (a TOML table) becomes required outright."""
    schema["properties"].pop("kind", None)
    # Any other condition (a guardrail KPI needs no baseline or target)
    # holds for a table as it does for front matter: kept as it is.
    if "if" in schema and schema["if"] == FRONT_MATTER_ONLY:
        if "else" in schema:
            raise SystemExit(f"bundle.py: {kind}.schema.json: unsupported if/then/else")
        del schema["if"]
        for field in schema.pop("then").get("required", []):
            if field not in schema["required"]:
                schema["required"].append(field)
    return schema


def build():
    common = load("common.schema.json")["$defs"]
    defs = {name: copy.deepcopy(schema) for name, schema in common.items()}
    for kind in KINDS:
        if kind in defs:
            raise SystemExit(f"bundle.py: common.schema.json must not define {kind!r}")
        schema = load(f"{kind}.schema.json")
        schema.pop("$schema", None)
        schema.pop("$id", None)
        defs[kind] = localize(as_table(kind, schema))

    wanted = {}
    strategy = load("strategy.schema.json")
    strategy["$defs"] = defs
    wanted["strategy.schema.json"] = render(strategy)
    for name, keys in SYNCED.items():
        schema = load(name)
        for key in keys:
            schema.setdefault("$defs", {})[key] = copy.deepcopy(common[key])
        wanted[name] = render(schema)
    return wanted


def main(argv):
    check = "--check" in argv[1:]
    stale = []
    for name, text in build().items():
        path = HERE / name
        if path.read_text(encoding="utf-8") != text:
            stale.append(name)
            if not check:
                path.write_text(text, encoding="utf-8")
    if check and stale:
        print("out of date (run python3 schemas/bundle.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    if not check:
        print("updated: " + (", ".join(stale) if stale else "nothing"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
