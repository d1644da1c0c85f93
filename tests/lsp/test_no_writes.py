"""The server writes no file (docs/editors.md): after a whole editing session, every file of the
repository, .git included, is byte-identical, and none was added or removed."""

from __future__ import annotations

import asyncio

from conftest import (
    copy_fixture,
    position_of,
    tree_digest,
    uri,
)
from lsprotocol import types as lsp


async def test_a_whole_session_writes_nothing(start, tmp_path):
    # Committed long before now, so that history has something to say (HL, KPI005).
    root = copy_fixture("demo", tmp_path / "demo", date="2025-03-01T09:00:00+00:00")
    before = tree_digest(root)
    client = await start(root)
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and ".git" not in p.parts and p.suffix in (".md", ".toml")
    )
    assert len(files) >= 15
    await client.settle()
    caps = client.init_result.capabilities  # type: ignore[union-attr]
    version = 1
    for path in files:
        text = path.read_text()
        client.open(path, text)
        version += 1
        # Type something at the end, then undo it; save; ask about the first id.
        end = lsp.Position(text.count("\n"), 0)
        client.change(path, version, [(lsp.Range(end, end), "\n# typing\n")])
        client.change(
            path,
            version + 1,
            [(lsp.Range(end, lsp.Position(end.line + 2, 0)), "")],
        )
        version += 2
        client.text_document_did_save(
            lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri(path)))
        )
        if 'id = "' in text:
            p = position_of(text, 'id = "', delta=6)
            await client.hover(path, p)
            await client.definition(path, p)
            await client.references(path, p, declaration=True)
            if caps.completion_provider:
                await client.text_document_completion_async(
                    lsp.CompletionParams(
                        text_document=lsp.TextDocumentIdentifier(uri=uri(path)), position=p
                    )
                )
            if caps.code_action_provider:
                await client.text_document_code_action_async(
                    lsp.CodeActionParams(
                        text_document=lsp.TextDocumentIdentifier(uri=uri(path)),
                        range=lsp.Range(lsp.Position(0, 0), end),
                        context=lsp.CodeActionContext(diagnostics=client.latest(uri(path)) or []),
                    )
                )
            if caps.rename_provider:
                await client.text_document_rename_async(
                    lsp.RenameParams(
                        text_document=lsp.TextDocumentIdentifier(uri=uri(path)),
                        position=p,
                        new_name="X-RENAMED",
                    )
                )
        client.close(path)
    await client.settle()
    await asyncio.wait_for(client.shutdown_session(), 10)
    assert client._server is not None and client._server.returncode == 0
    after = tree_digest(root)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert changed == [], changed
