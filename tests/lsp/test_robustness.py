"""Bad input never ends the server (SPEC §13): frames that are not JSON, unknown methods, bad
params, requests after shutdown, changes to files never opened or deleted, no config, a huge
file, a file that is not UTF-8. After each, the server still answers a hover."""

from __future__ import annotations

import asyncio
import pathlib
import time

import pytest
from conftest import (
    KPIS,
    SMALL,
    TREE,
    check_json,
    codes,
    hover_text,
    make_repo,
    position_of,
    uri,
)
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException

HOVER_CO1 = position_of(TREE, '"CO-1"', delta=1)


def hover_request(root: pathlib.Path, request_id: int) -> dict:
    return {
        "id": request_id,
        "method": "textDocument/hover",
        "params": {
            "textDocument": {"uri": uri(root / "tree.toml")},
            "position": {"line": HOVER_CO1.line, "character": HOVER_CO1.character},
        },
    }


def assert_hover_answered(server, root: pathlib.Path, request_id: int) -> None:
    server.send(hover_request(root, request_id))
    reply = server.response()
    assert reply["id"] == request_id, reply
    assert "CO-1" in reply["result"]["contents"]["value"], reply


def test_a_frame_that_is_not_json_gets_a_parse_error(raw, small):
    server = raw(small)
    server.initialize(small)
    for garbage in (b"{not json", b"\xff\xfe\x00 not even UTF-8", b"Content-Length: 3\r\n\r\n"):
        server.send_raw(garbage)
        error = server.response()
        assert error["id"] is None, error
        assert error["error"]["code"] == -32700, error
        assert error.get("jsonrpc") == "2.0", error
    assert_hover_answered(server, small, 7)
    # And the session ends as usual.
    server.send({"id": 8, "method": "shutdown"})
    assert server.response() == {"jsonrpc": "2.0", "id": 8, "result": None}
    server.send({"method": "exit"})
    assert server.wait() == 0


def test_json_that_is_not_a_request_gets_invalid_request(raw, small):
    server = raw(small)
    server.initialize(small)
    for frame, request_id in (
        (b"[1, 2, 3]", None),
        (b'{"jsonrpc": "2.0", "id": 5, "method": 7}', 5),
    ):
        server.send_raw(frame)
        error = server.response(timeout=3)
        assert error["error"]["code"] == -32600, (frame, error)
        assert error["id"] == request_id, (frame, error)
    assert_hover_answered(server, small, 7)


def test_bad_initialize_params_then_a_good_initialize(raw, small):
    server = raw(small)
    server.send(
        {"id": 1, "method": "initialize", "params": {"capabilities": 5, "rootUri": uri(small)}}
    )
    error = server.response()
    assert error["id"] == 1 and error["error"]["code"] == -32602, error
    server.initialize(small)
    assert_hover_answered(server, small, 2)


def test_exit_without_shutdown_exits_1(raw, small):
    server = raw(small)
    server.initialize(small)
    server.send({"method": "exit"})
    assert server.wait() == 1


def test_end_of_input_without_exit_ends_the_server(raw, small):
    server = raw(small)
    server.initialize(small)
    assert server.proc.stdin is not None
    server.proc.stdin.close()
    assert server.wait() == 1


async def test_unknown_method_is_method_not_found(start, small):
    client = await start(small)
    with pytest.raises(JsonRpcException) as error:
        await asyncio.wait_for(client.protocol.send_request_async("stratlint/noSuchThing", {}), 10)
    assert error.value.code == -32601
    # An unknown notification is ignored (no answer, no crash).
    client.protocol.notify("stratlint/noSuchNotification", {"x": 1})
    await client.alive(small / "tree.toml", TREE, "CO-1")


def test_bad_params_are_invalid_params(raw, small):
    """pytest-lsp types every known request's params, so these go as raw frames."""
    server = raw(small)
    server.initialize(small)
    bad = [
        ("textDocument/hover", {"textDocument": 5, "position": {"line": 0, "character": 0}}),
        ("textDocument/definition", {"textDocument": {"uri": uri(small / "tree.toml")}}),
        ("textDocument/references", {"position": "here"}),
        ("textDocument/hover", None),
    ]
    for request_id, (method, params) in enumerate(bad, start=10):
        message = {"id": request_id, "method": method}
        if params is not None:
            message["params"] = params
        server.send(message)
        error = server.response()
        assert error["id"] == request_id, error
        assert error["error"]["code"] == -32602, (method, params, error)
    assert_hover_answered(server, small, 99)


async def test_a_request_after_shutdown_is_invalid_then_exit_0(start, small):
    client = await start(small)
    await asyncio.wait_for(client.shutdown_async(None), 10)
    with pytest.raises(JsonRpcException) as error:
        await client.hover(small / "tree.toml", HOVER_CO1)
    assert error.value.code == -32600
    client.exit(None)
    assert client._server is not None
    assert await asyncio.wait_for(client._server.wait(), 10) == 0


async def test_exit_without_shutdown_through_the_client_exits_1(start, small):
    client = await start(small)
    client.exit(None)
    assert client._server is not None
    assert await asyncio.wait_for(client._server.wait(), 10) == 1


async def test_did_change_for_a_file_never_opened(start, small):
    client = await start(small)
    # A ranged change to a file never opened: taken as its text on disk, changed.
    at = position_of(KPIS, '"bob"', delta=1)
    mark = client.mark()
    client.change(
        small / "kpis.toml", 2, [(lsp.Range(at, lsp.Position(at.line, at.character + 3)), "ghost")]
    )
    got = await client.wait_diagnostics(
        uri(small / "kpis.toml"), lambda ds: len(ds) > 0, after=mark
    )
    assert codes(got) == ["OWN002"] and "`ghost`" in got[0].message
    # Changes (ranged and whole) to files that exist nowhere, and a close of one never opened.
    for name in ("nowhere.toml", "deep/nowhere.md"):
        client.change(
            small / name, 2, [(lsp.Range(lsp.Position(3, 4), lsp.Position(9, 0)), "x = 1\n")]
        )
        client.change(small / name, 3, [(None, '[[objective]]\nid = "N-1"\n')])
        client.close(small / name)
    client.close(small / "never-opened.toml")
    await client.alive(small / "tree.toml", TREE, "CO-1")


async def test_a_file_deleted_while_open(start, small):
    client = await start(small)
    tree_path = small / "tree.toml"
    client.open(tree_path, TREE)
    await client.settle(0.3)
    tree_path.unlink()
    # The buffer still defines CO-1: edit it and ask about it.
    client.change(tree_path, 2, [(None, TREE.replace('"Grow"', '"Grow more"'))])
    h = await client.hover(tree_path, HOVER_CO1)
    assert h is not None and "Grow more" in hover_text(h)
    client.text_document_did_save(
        lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri(tree_path)))
    )
    await client.alive(tree_path, TREE, "CO-1")
    # Closed: the file is gone, so the KPIs measuring its objectives dangle.
    mark = client.mark()
    client.close(tree_path)
    got = await client.wait_diagnostics(
        uri(small / "kpis.toml"), lambda ds: len(ds) > 0, after=mark
    )
    assert codes(got) == ["OBJ001", "OBJ001"], codes(got)
    await client.alive(small / "kpis.toml", KPIS, "K-1")


@pytest.mark.parametrize("git_init", [True, False], ids=["git", "no-git"])
async def test_a_workspace_with_no_config(start, tmp_path, git_init):
    files = dict(SMALL)
    files["kpis.toml"] = KPIS.replace('"bob"', '"bbo"')
    root = make_repo(tmp_path / "noconfig", files, git_init=git_init)
    assert not (root / "stratlint.toml").exists() and not (root / ".stratlint.toml").exists()
    assert [d["code"] for d in check_json(root)] == ["OWN002"]
    client = await start(root)
    got = await client.wait_diagnostics(uri(root / "kpis.toml"), lambda ds: len(ds) > 0)
    assert codes(got) == ["OWN002"]
    await client.alive(root / "tree.toml", TREE, "CO-1")


async def test_a_workspace_root_that_does_not_exist(start, small, tmp_path):
    """A rootUri naming no directory: no crash, the server answers."""
    client = await start(small, initialize=False)
    client.init_result = await asyncio.wait_for(
        client.initialize_session(
            lsp.InitializeParams(
                capabilities=lsp.ClientCapabilities(), root_uri=uri(tmp_path / "gone")
            )
        ),
        10,
    )
    await client.settle(0.3)
    h = await client.hover(small / "tree.toml", HOVER_CO1)
    assert h is None or "CO-1" in hover_text(h)


HUGE_HEAD = '+++\nkind = "principle"\nid = "P-HUGE"\ntitle = "Huge"\nowner = "alice"\nreviewed = 2026-11-01\n+++\n\n## The log\n\n'
HUGE_PARAGRAPH = (
    "Prose about the event log, with a [link](#the-log), *emphasis*, `code` and é, "
    "repeated to fill a very large document. " * 4 + "\n\n"
)


async def test_a_20_mb_file_opened(start, small):
    body = HUGE_PARAGRAPH * (20_000_000 // len(HUGE_PARAGRAPH))
    text = HUGE_HEAD + body + "The end: see [the missing runbook](./missing.md).\n"
    assert len(text.encode()) >= 20_000_000
    path = small / "principles" / "huge.md"
    path.write_text(text)
    client = await start(small)
    last_line = text.count("\n") - 1
    began = time.monotonic()
    client.open(path, text)
    # The broken link on its last line is found; then the next request is answered.
    got = await client.wait_diagnostics(uri(path), lambda ds: len(ds) > 0, timeout=30)
    assert codes(got) == ["LNK001"] and got[0].range.start.line == last_line
    await client.alive(small / "tree.toml", TREE, "CO-1")
    assert time.monotonic() - began < 30
    # An incremental edit at its very end fixes the link.
    at = position_of(text, "./missing.md", delta=2)
    mark = client.mark()
    client.change(
        path, 2, [(lsp.Range(at, lsp.Position(at.line, at.character + len("missing"))), "huge")]
    )
    assert await client.wait_diagnostics(uri(path), after=mark, timeout=30) == []
    h = await client.hover(path, position_of(HUGE_HEAD, '"P-HUGE"', delta=1))
    assert h is not None and "P-HUGE" in hover_text(h)
    assert time.monotonic() - began < 30


async def test_a_file_on_disk_that_is_not_utf8(start, tmp_path):
    files: dict[str, str | bytes] = dict(SMALL)
    files["more.toml"] = (
        b'[[objective]]\nid = "CO-2"\ntitle = "Gr\xffow"\nlevel = "company"\nowner = "alice"\n'
    )
    files["kpis.toml"] = (
        KPIS
        + '\n[[kpi]]\nid = "K-3"\ntitle = "X"\nobjective = "CO-2"\nowner = "alice"\nbaseline = 1\ntarget = 2\n'
    )
    root = make_repo(tmp_path / "latin", files)
    want = [d for d in check_json(root) if d["file"] == "more.toml"]
    assert [d["code"] for d in want] == ["SL001"], want
    client = await start(root)
    got = await client.wait_diagnostics(uri(root / "more.toml"), lambda ds: len(ds) > 0)
    assert codes(got) == ["SL001"]
    assert got[0].range.start.line == want[0]["line"] - 1
    assert got[0].message == want[0]["message"]
    await client.alive(root / "tree.toml", TREE, "CO-1")
    # Opened in an editor that decoded it as Latin-1 and saved nothing: still alive.
    client.open(root / "more.toml", (root / "more.toml").read_bytes().decode("latin-1"))
    await client.settle(0.3)
    await client.alive(root / "tree.toml", TREE, "CO-1")
    h = await client.hover(root / "kpis.toml", position_of(files["kpis.toml"], '"CO-2"', delta=1))
    assert h is not None and "CO-2" in hover_text(h)
