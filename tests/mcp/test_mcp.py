"""End-to-end tests of `stratlint mcp` (SPEC §17) with the official MCP Python SDK.

The SDK's `ClientSession` over `stdio_client` starts `stratlint mcp --now 2027-07-01` in
fixtures/demo (the day its README checks it on), and every tool's structuredContent is validated
against the outputSchema `tools/list` gives, with jsonschema. The binary is
target/release/stratlint (build it with `cargo build --release --locked`); STRATLINT_BIN
overrides the path.
"""

from __future__ import annotations

import asyncio
import json
import os
import pathlib

import jsonschema
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "demo"
BIN = os.environ.get("STRATLINT_BIN") or str(
    pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "stratlint"
)

# Each tool, with arguments that succeed on fixtures/demo.
CALLS = {
    "check": {"codes": ["HL", "KPI"], "limit": 5},
    "object": {"id": "KPI-ARR"},
    "search": {"query": "carrier"},
    "rule": {"code": "KPI005"},
    "graph": {"root": ["CO-1"], "depth": 1},
    "trace": {"paths": ["services/tendering/quote.rs"]},
    "diff": {"from": "HEAD"},
}


def session(body):
    """Runs `body(session)` in an initialized session with the server on fixtures/demo."""

    async def run():
        params = StdioServerParameters(command=BIN, args=["mcp", "--now", "2027-07-01"], cwd=str(DEMO))
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as s:
                init = await s.initialize()
                return await body(s, init)

    return asyncio.run(run())


def test_initialize_and_tools_listed_with_schemas():
    async def body(s, init):
        assert init.server_info.name == "stratlint"
        assert init.capabilities.tools is not None
        assert init.capabilities.resources is not None
        tools = (await s.list_tools()).tools
        assert sorted(t.name for t in tools) == sorted(CALLS)
        for t in tools:
            jsonschema.Draft202012Validator.check_schema(t.input_schema)
            jsonschema.Draft202012Validator.check_schema(t.output_schema)

    session(body)


def test_every_tool_result_is_valid_against_its_output_schema():
    async def body(s, _init):
        schemas = {t.name: t.output_schema for t in (await s.list_tools()).tools}
        for name, args in CALLS.items():
            r = await s.call_tool(name, args)
            assert not r.is_error, (name, r.content)
            assert isinstance(r.structured_content, dict), name
            jsonschema.validate(r.structured_content, schemas[name])
            assert json.loads(r.content[0].text) == r.structured_content, name
        check = (await s.call_tool("check", {})).structured_content
        codes = {d["code"] for d in check["diagnostics"]}
        assert {"HL001", "KPI005"} <= codes, codes
        o = (await s.call_tool("object", {"id": "CO-1"})).structured_content
        assert o["neighbours"]["measured_by"] == ["KPI-ARR"]

    session(body)


def test_unknown_ids_are_tool_errors_naming_the_closest():
    async def body(s, _init):
        r = await s.call_tool("object", {"id": "KPI-AR"})
        assert r.is_error
        assert "`KPI-ARR`" in r.content[0].text
        r = await s.call_tool("rule", {"code": "OBJ01"})
        assert r.is_error
        assert "`OBJ001`" in r.content[0].text

    session(body)


def test_resources():
    async def body(s, _init):
        uris = sorted(str(r.uri) for r in (await s.list_resources()).resources)
        assert uris == ["stratlint://report", "stratlint://rules"]
        rules = json.loads((await s.read_resource("stratlint://rules")).contents[0].text)
        assert any(r["code"] == "HL001" for r in rules["rules"])
        report = json.loads((await s.read_resource("stratlint://report")).contents[0].text)
        assert "objectives" in report and "summary" in report

    session(body)
