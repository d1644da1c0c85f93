"""initialize, and diagnostics: published after `initialized` as `check` reports them, kept live
through didOpen/didChange (incremental, UTF-16), across files."""

from __future__ import annotations

import pathlib
from collections import defaultdict

import pytest

from conftest import (
    KPIS,
    REPO,
    SEVERITY,
    TREE,
    check_json,
    codes,
    copy_fixture,
    make_repo,
    position_of,
    uri,
    utf16,
)
from lsprotocol import types as lsp

SYNC_INCREMENTAL = lsp.TextDocumentSyncKind.Incremental


def sync_kind(result: lsp.InitializeResult) -> lsp.TextDocumentSyncKind | None:
    sync = result.capabilities.text_document_sync
    if isinstance(sync, lsp.TextDocumentSyncOptions):
        return sync.change
    return sync


async def test_initialize_names_the_server_and_its_capabilities(start, small):
    client = await start(small)
    result = client.init_result
    assert result is not None and result.server_info is not None
    assert result.server_info.name == "stratlint"
    assert result.server_info.version, "serverInfo has no version"
    caps = result.capabilities
    # The editor's unsaved texts are tracked, incrementally (docs/editors.md).
    assert sync_kind(result) == SYNC_INCREMENTAL, caps.text_document_sync
    sync = caps.text_document_sync
    if isinstance(sync, lsp.TextDocumentSyncOptions):
        assert sync.open_close, "didOpen/didClose are not asked for"
    # What works today must be advertised, or editors never ask for it.
    assert caps.hover_provider, "hoverProvider"
    assert caps.definition_provider, "definitionProvider"
    assert caps.references_provider, "referencesProvider"


def expected_lsp(root: pathlib.Path, d: dict) -> tuple:
    """A diagnostic of check's JSON as the server should publish it: 0-based lines, characters
    in UTF-16 code units."""
    lines = (root / d["file"]).read_bytes().decode("utf-8", "replace").split("\n")

    def at(line: int, column: int) -> tuple[int, int]:
        text = lines[line - 1] if line - 1 < len(lines) else ""
        return line - 1, utf16(text[: column - 1])

    return (
        at(d["line"], d["column"]),
        at(d["end_line"], d["end_column"]),
        d["code"],
        SEVERITY[d["severity"]],
        d["message"],
    )


def published_lsp(d: lsp.Diagnostic) -> tuple:
    r = d.range
    return (
        (r.start.line, r.start.character),
        (r.end.line, r.end.character),
        str(d.code),
        int(d.severity) if d.severity is not None else None,
        d.message,
    )


async def broken_session(start, tmp_path):
    root = copy_fixture("broken", tmp_path / "broken")
    # Until the server has read history it withholds the rules that need it; without history
    # `check` reports HL005 (age unknown) for each principle and thesis instead.
    want = [d for d in check_json(root) if d["code"] != "HL005"]
    # Committed days before now: reading history adds nothing, so what the server publishes
    # cannot depend on whether its history walk has finished.
    assert check_json(root, history=True) == want
    by_file: dict[str, list[dict]] = defaultdict(list)
    for d in want:
        by_file[d["file"]].append(d)
    client = await start(root)
    for f in by_file:
        await client.wait_diagnostics(uri(root / f), lambda ds: len(ds) > 0)
    await client.settle()
    return root, client, by_file


async def test_initial_diagnostics_equal_check(start, tmp_path):
    root, client, by_file = await broken_session(start, tmp_path)
    assert len(by_file) >= 10, "fixtures/broken reports in many files"
    for f, want in by_file.items():
        got = client.latest(uri(root / f)) or []
        assert sorted(published_lsp(d) for d in got) == sorted(
            expected_lsp(root, d) for d in want
        ), f
        assert all(d.source == "stratlint" for d in got)
    # No other file has diagnostics.
    others = {u for u, ds in client.published if ds and u not in {uri(root / f) for f in by_file}}
    assert others == set()


async def test_code_description_links_the_rule_page(start, tmp_path):
    root, client, by_file = await broken_session(start, tmp_path)
    seen = set()
    for f in by_file:
        for d in client.latest(uri(root / f)) or []:
            assert d.code_description is not None, d
            href = d.code_description.href
            assert href.endswith(f"docs/rules/{d.code}.md"), href
            assert (REPO / "docs" / "rules" / f"{d.code}.md").is_file(), href
            seen.add(str(d.code))
    assert len(seen) >= 30, seen


async def test_related_information_as_check_has_it(start, tmp_path):
    root, client, by_file = await broken_session(start, tmp_path)
    compared = 0
    for f, want in by_file.items():
        got = {published_lsp(d): d for d in client.latest(uri(root / f)) or []}
        for d in want:
            lsp_d = got[expected_lsp(root, d)]
            if not d["related"]:
                assert not lsp_d.related_information, lsp_d
                continue
            related = [
                (
                    r.location.uri,
                    r.location.range.start.line,
                    r.location.range.start.character,
                    r.message,
                )
                for r in lsp_d.related_information or []
            ]
            expected = []
            for r in d["related"]:
                line = (root / r["file"]).read_text().split("\n")[r["line"] - 1]
                expected.append(
                    (
                        uri(root / r["file"]),
                        r["line"] - 1,
                        utf16(line[: r["column"] - 1]),
                        r["message"],
                    )
                )
            assert related == expected, d["code"]
            compared += 1
    # OWN003 → owners.toml, KPI006/KPI007 → the objective tree, SL004, DEC001, …
    assert compared >= 8


async def test_did_open_publishes_for_the_opened_file(start, small, tmp_path):
    """SPEC §13: after didOpen the file's diagnostics are always published, even unchanged."""
    (small / "kpis.toml").write_text(KPIS.replace('owner = "bob"', 'owner = "bbo"'))
    client = await start(small)
    kpis = uri(small / "kpis.toml")
    await client.wait_diagnostics(kpis, lambda ds: codes(ds) == ["OWN002"])
    mark = client.mark()
    client.open(small / "kpis.toml")
    got = await client.wait_diagnostics(kpis, after=mark, timeout=5)
    assert codes(got) == ["OWN002"]
    # A clean file too: an empty list.
    mark = client.mark()
    client.open(small / "tree.toml")
    assert await client.wait_diagnostics(uri(small / "tree.toml"), after=mark, timeout=5) == []


async def test_incremental_change_that_fixes_a_problem_clears_it(start, small):
    kpis_path = small / "kpis.toml"
    text = KPIS.replace('owner = "bob"', 'owner = "bbo"')
    kpis_path.write_text(text)
    client = await start(small)
    kpis = uri(kpis_path)
    first = await client.wait_diagnostics(kpis, lambda ds: len(ds) > 0)
    assert codes(first) == ["OWN002"]
    assert first[0].range.start == position_of(text, '"bbo"')
    client.open(kpis_path, text)
    await client.settle(0.3)
    # Replace `bbo` (inside its quotes) with `bob`: one ranged change.
    start_at = position_of(text, '"bbo"', delta=1)
    end_at = lsp.Position(start_at.line, start_at.character + 3)
    mark = client.mark()
    client.change(kpis_path, 2, [(lsp.Range(start_at, end_at), "bob")])
    assert await client.wait_diagnostics(kpis, after=mark) == []
    # Break it again with an insertion: the server applied the range, not a guess.
    at = position_of(text, '"bbo"', delta=4)  # after `bob`, before the closing quote
    mark = client.mark()
    client.change(kpis_path, 3, [(lsp.Range(at, at), "by")])
    again = await client.wait_diagnostics(kpis, after=mark)
    assert codes(again) == ["OWN002"]
    assert "`bobby`" in again[0].message, again[0].message


async def test_several_changes_in_one_notification_apply_in_order(start, small):
    kpis_path = small / "kpis.toml"
    client = await start(small)
    client.open(kpis_path, KPIS)
    await client.settle(0.3)
    kpis = uri(kpis_path)
    # 1. insert a line before K-1's owner; 2. positions now count that line: change the owner
    #    of K-1 (one line lower than in the original) to an unknown one.
    owner = position_of(KPIS, 'owner = "alice"')
    inserted = lsp.Range(owner, owner)
    value = lsp.Position(owner.line + 1, owner.character + len('owner = "'))
    mark = client.mark()
    client.change(
        kpis_path,
        2,
        [
            (inserted, 'unit = "EUR"\n'),
            (lsp.Range(value, lsp.Position(value.line, value.character + 5)), "zed"),
        ],
    )
    got = await client.wait_diagnostics(kpis, lambda ds: len(ds) > 0, after=mark)
    assert codes(got) == ["OWN002"]
    assert got[0].range.start.line == owner.line + 1
    assert "`zed`" in got[0].message


async def test_a_fix_in_one_file_clears_a_diagnostic_in_another(start, tmp_path):
    files = {
        "owners.toml": '[people.alice]\nname = "Alice"\n',
        "tree.toml": TREE.split('[[objective]]\nid = "DEP-1"')[0].rstrip() + "\n",
        "kpis.toml": KPIS.split("\n\n[[kpi]]")[0]
        + '\n\n[[kpi]]\nid = "K-3"\ntitle = "Kept"\nobjective = "CO-2"\nowner = "alice"\n'
        + "baseline = 1\ntarget = 2\n",
    }
    root = make_repo(tmp_path / "p", files)
    assert [d["code"] for d in check_json(root)] == ["OBJ001"]
    client = await start(root)
    kpis = uri(root / "kpis.toml")
    got = await client.wait_diagnostics(kpis, lambda ds: len(ds) > 0)
    assert codes(got) == ["OBJ001"] and "`CO-2`" in got[0].message
    tree_path = root / "tree.toml"
    tree = files["tree.toml"]
    client.open(tree_path, tree)
    await client.settle(0.3)
    # Add objective CO-2 at the end of tree.toml (an insertion past the last line).
    end = lsp.Position(tree.count("\n"), 0)
    added = '\n[[objective]]\nid = "CO-2"\ntitle = "Keep"\nlevel = "company"\nowner = "alice"\n'
    mark = client.mark()
    client.change(tree_path, 2, [(lsp.Range(end, end), added)])
    assert await client.wait_diagnostics(kpis, after=mark) == []
    assert client.latest(uri(tree_path)) in (None, [])
    # Take it out again (a ranged deletion): the KPI dangles again.
    new_tree = tree + added
    gone = lsp.Range(end, lsp.Position(new_tree.count("\n"), 0))
    mark = client.mark()
    client.change(tree_path, 3, [(gone, "")])
    again = await client.wait_diagnostics(kpis, lambda ds: len(ds) > 0, after=mark)
    assert codes(again) == ["OBJ001"]


UTF16_DOC = """\
+++
kind = "principle"
id = "P-CAFE"
title = "Café crème for everyone"
owner = "zoë😀"
reviewed = 2026-11-01
+++

Naïve café 😀 ☕ — see [the runbook](./runbooks/missing.md) first.
"""


async def test_ranges_count_utf16_code_units(start, tmp_path):
    root = make_repo(
        tmp_path / "p",
        {
            "owners.toml": '[people.alice]\nname = "Alice"\n',
            "principles/cafe.md": UTF16_DOC,
            "principles/runbooks/present.md": "# Runbook\n",
        },
    )
    want = {d["code"]: d for d in check_json(root)}
    assert set(want) == {"LNK001", "OWN002"}, want
    client = await start(root)
    doc = uri(root / "principles" / "cafe.md")
    got = {str(d.code): d for d in await client.wait_diagnostics(doc, lambda ds: len(ds) == 2)}
    lines = UTF16_DOC.split("\n")
    for code, d in want.items():
        line = lines[d["line"] - 1]
        r = got[code].range
        assert (r.start.line, r.end.line) == (d["line"] - 1, d["end_line"] - 1)
        assert r.start.character == utf16(line[: d["column"] - 1]), code
        assert r.end.character == utf16(line[: d["end_column"] - 1]), code
    # One astral character (😀, two UTF-16 units) precedes the link on its line, and ends the
    # owner's value: a server counting characters (or bytes) is off.
    assert got["LNK001"].range.start.character == want["LNK001"]["column"] - 1 + 1
    assert got["OWN002"].range.start.character == want["OWN002"]["column"] - 1
    assert got["OWN002"].range.end.character == want["OWN002"]["end_column"] - 1 + 1
    body = lines[8]
    chars = body.index("./runbooks")

    # An incremental edit after the emoji, in UTF-16 units: `missing` → `present`.
    client.open(root / "principles" / "cafe.md", UTF16_DOC)
    await client.settle(0.3)
    at = position_of(UTF16_DOC, "missing")
    assert at.character == chars + len("./runbooks/") + 1
    mark = client.mark()
    client.change(
        root / "principles" / "cafe.md",
        2,
        [(lsp.Range(at, lsp.Position(at.line, at.character + len("missing"))), "present")],
    )
    after = await client.wait_diagnostics(doc, lambda ds: "LNK001" not in codes(ds), after=mark)
    assert codes(after) == ["OWN002"]
