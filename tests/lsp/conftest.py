"""End-to-end tests of `stratlint server` (SPEC §13) with a real LSP client, pytest-lsp.

Every test builds its own repository in a temporary directory (a git repository with fixed
commit dates, or a copy of fixtures/broken or fixtures/demo committed the same way) and starts
the release binary on it as `stratlint server --now 2026-11-25`, so nothing depends on today's
date. The binary is target/release/stratlint (build it with `cargo build --release --locked`);
STRATLINT_BIN overrides the path.

Helpers here:

- `make_repo`, `commit`, `copy_fixture`: repositories with fixed dates;
- `check_json`: what `stratlint check --format json --no-history --now 2026-11-25` reports;
- the `start` fixture: a started, initialized server with a pytest-lsp client that records every
  `publishDiagnostics` in order (`Client.wait_diagnostics`);
- `RawServer`: the server over raw Content-Length frames, for what an LSP client cannot send
  (a frame that is not JSON) and for exit codes;
- `utf16`, `apply_edits`, `apply_workspace_edit`: positions and edits as LSP counts them.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import pathlib
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
import pytest_asyncio
from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

REPO = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"
NOW = "2026-11-25"
# Commits are made a few days before NOW by default: young enough that no history rule
# (HL, KPI004, KPI005, headcount) fires, so a check with history equals one without.
RECENT = "2026-11-20T12:00:00+00:00"
DOCS_RULES = "docs/rules/"
# How long to wait for something the server should do at once.
TIMEOUT = 15.0

SEVERITY = {"error": 1, "warning": 2, "info": 3}


def binary() -> pathlib.Path:
    return pathlib.Path(
        os.environ.get("STRATLINT_BIN") or REPO / "target" / "release" / "stratlint"
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    if not binary().is_file():
        pytest.exit(
            f"{binary()} does not exist: run `cargo build --release --locked` first "
            "(or set STRATLINT_BIN)",
            returncode=4,
        )


# --------------------------------------------------------------------------------------------
# Repositories


def _git_env(date: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    # Keep the user's git configuration (hooks, templates, signing) out of the scratch repositories.
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_AUTHOR_NAME="lsp-tests",
        GIT_AUTHOR_EMAIL="lsp-tests@example.invalid",
        GIT_COMMITTER_NAME="lsp-tests",
        GIT_COMMITTER_EMAIL="lsp-tests@example.invalid",
    )
    if date is not None:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return env


def git(root: pathlib.Path, *args: str, date: str | None = None) -> str:
    out = subprocess.run(
        ["git", "-C", str(root), *args],
        env=_git_env(date),
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


def write(root: pathlib.Path, files: dict[str, str | bytes]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_bytes(text.encode("utf-8"))


def commit(
    root: pathlib.Path, files: dict[str, str | bytes], date: str = RECENT, message: str = "Strategy"
) -> None:
    """Writes `files` and commits everything, dated `date` (author and committer)."""
    write(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message, date=date)


def make_repo(
    root: pathlib.Path, files: dict[str, str | bytes], date: str = RECENT, git_init: bool = True
) -> pathlib.Path:
    """A repository at `root` holding `files`, committed once at `date` (or, with
    `git_init=False`, plain files outside git). Returns its canonical path."""
    root.mkdir(parents=True, exist_ok=True)
    if git_init:
        git(root, "-c", "init.defaultBranch=main", "init", "-q")
        commit(root, files, date)
    else:
        write(root, files)
    return root.resolve()


def copy_fixture(name: str, root: pathlib.Path, date: str = RECENT) -> pathlib.Path:
    """fixtures/<name> copied to `root` and committed once at `date`."""
    shutil.copytree(FIXTURES / name, root)
    return make_repo(root, {}, date)


def check_json(root: pathlib.Path, *args: str, history: bool = False) -> list[dict[str, Any]]:
    """The diagnostics of `stratlint check --format json [--no-history] --now NOW`, run in `root`
    (so `file` is relative to it)."""
    cmd = [str(binary()), "check", "--format", "json", "--now", NOW]
    if not history:
        cmd.append("--no-history")
    out = subprocess.run(cmd + list(args), cwd=root, capture_output=True, text=True, timeout=60)
    assert out.returncode in (0, 1), f"check exited {out.returncode}: {out.stderr}"
    return json.loads(out.stdout)["diagnostics"]


def tree_digest(root: pathlib.Path) -> dict[str, str]:
    """Every file below `root` (.git included) with the sha256 of its bytes, and every
    directory: a server that writes, creates or removes anything changes it."""
    out: dict[str, str] = {}
    for dirpath, _dirnames, filenames in os.walk(root):
        rel = pathlib.Path(dirpath).relative_to(root)
        out[f"{rel}/"] = "dir"
        for name in filenames:
            path = pathlib.Path(dirpath) / name
            if path.is_symlink():
                out[str(rel / name)] = "link:" + os.readlink(path)
            else:
                out[str(rel / name)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def uri(path: pathlib.Path) -> str:
    return path.as_uri()


# --------------------------------------------------------------------------------------------
# Positions and edits (LSP counts characters in UTF-16 code units)


def utf16(text: str) -> int:
    """The length of `text` in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def position_of(text: str, needle: str, occurrence: int = 0, delta: int = 0) -> lsp.Position:
    """The LSP position of the start of the `occurrence`-th `needle` in `text` (+ `delta`
    characters)."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    at += delta
    line = text.count("\n", 0, at)
    start = text.rfind("\n", 0, at) + 1
    return lsp.Position(line=line, character=utf16(text[start:at]))


def offset_of(text: str, p: lsp.Position) -> int:
    """The string index of an LSP position in `text`."""
    lines = text.split("\n")
    assert p.line <= len(lines), (p, len(lines))
    if p.line == len(lines):
        return len(text)
    start = sum(len(line) + 1 for line in lines[: p.line])
    line = lines[p.line]
    units = 0
    for i, c in enumerate(line):
        if units >= p.character:
            return start + i
        units += utf16(c)
    assert units >= p.character, f"position {p} past the end of line {line!r}"
    return start + len(line)


def range_text(text: str, r: lsp.Range) -> str:
    return text[offset_of(text, r.start) : offset_of(text, r.end)]


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """Applies LSP text edits (non-overlapping, positions in the original text)."""
    spans = sorted(
        ((offset_of(text, e.range.start), offset_of(text, e.range.end), e.new_text) for e in edits),
        key=lambda s: (s[0], s[1]),
    )
    for (_, end, _), (start, _, _) in zip(spans, spans[1:], strict=False):
        assert end <= start, f"overlapping edits: {edits}"
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text


def workspace_edits(edit: lsp.WorkspaceEdit) -> dict[str, list[lsp.TextEdit]]:
    """A WorkspaceEdit's text edits by document URI (`changes` or `documentChanges`)."""
    out: dict[str, list[lsp.TextEdit]] = {}
    for u, edits in (edit.changes or {}).items():
        out.setdefault(u, []).extend(edits)
    for change in edit.document_changes or []:
        assert isinstance(change, lsp.TextDocumentEdit), f"not a text edit: {change}"
        out.setdefault(change.text_document.uri, []).extend(change.edits)  # type: ignore[arg-type]
    return out


def apply_workspace_edit(texts: dict[str, str], edit: lsp.WorkspaceEdit) -> dict[str, str]:
    """The texts (by URI) after `edit`; every document it edits must be in `texts`."""
    out = dict(texts)
    for u, edits in workspace_edits(edit).items():
        assert u in out, f"the edit touches {u}, which the test did not expect"
        out[u] = apply_edits(out[u], edits)
    return out


# --------------------------------------------------------------------------------------------
# The pytest-lsp client


class Client(LanguageClient):
    """pytest-lsp's client, recording every publishDiagnostics in the order it arrived."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.published: list[tuple[str, list[lsp.Diagnostic]]] = []
        self.root: pathlib.Path | None = None
        self.init_result: lsp.InitializeResult | None = None

    # -- diagnostics

    def mark(self) -> int:
        """A point in the stream of publications; wait for ones after it."""
        return len(self.published)

    def latest(self, u: str) -> list[lsp.Diagnostic] | None:
        """The last list published for `u` (None if none was)."""
        for got, ds in reversed(self.published):
            if got == u:
                return ds
        return None

    async def wait_diagnostics(
        self,
        u: str,
        where: Callable[[list[lsp.Diagnostic]], bool] = lambda ds: True,
        after: int = 0,
        timeout: float = TIMEOUT,
    ) -> list[lsp.Diagnostic]:
        """The first publication for `u` after `after` whose list satisfies `where`."""
        deadline = time.monotonic() + timeout
        seen = after
        while True:
            for got, ds in self.published[seen:]:
                if got == u and where(ds):
                    return ds
            seen = len(self.published)
            if self._server is not None and self._server.returncode is not None:
                raise AssertionError(f"the server exited ({self._server.returncode})")
            if time.monotonic() > deadline:
                mine = [ds for got, ds in self.published[after:] if got == u]
                raise AssertionError(
                    f"no matching publishDiagnostics for {u} within {timeout} s; "
                    f"published for it since: {[codes(d) for d in mine]}"
                )
            await asyncio.sleep(0.02)

    async def settle(self, quiet: float = 0.5, timeout: float = TIMEOUT) -> None:
        """Waits until no publication has arrived for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        count = len(self.published)
        last = time.monotonic()
        while time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            if len(self.published) != count:
                count, last = len(self.published), time.monotonic()
            elif time.monotonic() - last >= quiet:
                return

    # -- documents

    def open(self, path: pathlib.Path, text: str | None = None, version: int = 1) -> str:
        """didOpen `path` with `text` (default: its text on disk); returns its URI."""
        if text is None:
            text = path.read_text(encoding="utf-8")
        language = "markdown" if path.suffix == ".md" else "toml"
        self.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(
                    uri=uri(path), language_id=language, version=version, text=text
                )
            )
        )
        return uri(path)

    def change(
        self,
        path: pathlib.Path,
        version: int,
        changes: list[tuple[lsp.Range | None, str]],
    ) -> None:
        """didChange: each change a (range, text), or (None, text) for the whole text."""
        content: list[Any] = []
        for r, text in changes:
            if r is None:
                content.append(lsp.TextDocumentContentChangeWholeDocument(text=text))
            else:
                content.append(lsp.TextDocumentContentChangePartial(range=r, text=text))
        self.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri(path), version=version),
                content_changes=content,
            )
        )

    def close(self, path: pathlib.Path) -> None:
        self.text_document_did_close(
            lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri(path)))
        )

    # -- requests

    async def hover(self, path: pathlib.Path, p: lsp.Position) -> lsp.Hover | None:
        return await asyncio.wait_for(
            self.text_document_hover_async(
                lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri(path)), position=p)
            ),
            TIMEOUT,
        )

    async def definition(self, path: pathlib.Path, p: lsp.Position) -> list[lsp.Location]:
        got = await asyncio.wait_for(
            self.text_document_definition_async(
                lsp.DefinitionParams(
                    text_document=lsp.TextDocumentIdentifier(uri=uri(path)), position=p
                )
            ),
            TIMEOUT,
        )
        if got is None:
            return []
        if isinstance(got, lsp.Location):
            return [got]
        return [
            g
            if isinstance(g, lsp.Location)
            else lsp.Location(g.target_uri, g.target_selection_range)
            for g in got
        ]

    async def references(
        self, path: pathlib.Path, p: lsp.Position, declaration: bool
    ) -> list[lsp.Location]:
        got = await asyncio.wait_for(
            self.text_document_references_async(
                lsp.ReferenceParams(
                    text_document=lsp.TextDocumentIdentifier(uri=uri(path)),
                    position=p,
                    context=lsp.ReferenceContext(include_declaration=declaration),
                )
            ),
            TIMEOUT,
        )
        return got or []

    async def alive(self, path: pathlib.Path, text: str, object_id: str) -> None:
        """Asserts the server answers a hover on `object_id` (its first occurrence in `text`,
        the text of `path`) with that id."""
        assert self._server is not None and self._server.returncode is None, "the server exited"
        h = await self.hover(path, position_of(text, object_id, delta=1))
        assert h is not None, f"no hover on {object_id}"
        assert object_id in hover_text(h), hover_text(h)


def hover_text(h: lsp.Hover) -> str:
    c = h.contents
    if isinstance(c, lsp.MarkupContent):
        return c.value
    if isinstance(c, str):
        return c
    if isinstance(c, list):
        return "\n".join(x if isinstance(x, str) else x.value for x in c)
    return c.value


def codes(ds: list[lsp.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in ds)


def _make_client() -> Client:
    client = Client(converter_factory=default_converter)

    def publish(ls: Client, params: lsp.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append((params.uri, list(params.diagnostics)))

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    register_lsp_features(client, features)
    return client


# Visual Studio Code's capabilities (relatedInformation, codeDescription, markdown hover, …):
# pytest-lsp then also checks what the server sends against them.
CAPABILITIES = client_capabilities("visual-studio-code")


@pytest_asyncio.fixture
async def start():
    """`await start(root)`: a `stratlint server --now NOW` started in `root` and initialized
    with `root` as workspace folder and rootUri. Every server started is shut down (or killed)
    at teardown."""
    clients: list[Client] = []

    async def _start(
        root: pathlib.Path,
        initialize: bool = True,
        capabilities: lsp.ClientCapabilities = CAPABILITIES,
    ) -> Client:
        client = _make_client()
        await client.start_io(str(binary()), "server", "--now", NOW, cwd=str(root))
        clients.append(client)
        client.root = root
        if initialize:
            client.init_result = await asyncio.wait_for(
                client.initialize_session(
                    lsp.InitializeParams(
                        capabilities=capabilities,
                        root_uri=uri(root),
                        workspace_folders=[lsp.WorkspaceFolder(uri=uri(root), name=root.name)],
                    )
                ),
                TIMEOUT,
            )
        return client

    yield _start

    for client in clients:
        server = client._server
        try:
            if server is not None and server.returncode is None and client.error is None:
                await asyncio.wait_for(client.shutdown_session(), 10)
        except Exception:  # a test that broke the session: the kill below ends it
            pass
        if server is not None and server.returncode is None:
            server.kill()
        await client.stop()


def capability(client: Client, name: str) -> Any:
    assert client.init_result is not None
    return getattr(client.init_result.capabilities, name)


def require(client: Client, provider: str, lsp_name: str) -> None:
    """Skips the test unless the server advertises `provider`."""
    if not capability(client, provider):
        pytest.skip(f"the server does not advertise {lsp_name} in its initialize capabilities")


# --------------------------------------------------------------------------------------------
# Raw frames


class RawServer:
    """The server over raw Content-Length frames, without an LSP client in between."""

    def __init__(self, root: pathlib.Path) -> None:
        self.proc = subprocess.Popen(
            [str(binary()), "server", "--now", NOW],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                assert length is not None, "a frame without Content-Length"
                self.messages.put(json.loads(out.read(length)))
        finally:
            self.messages.put(None)

    def send_raw(self, body: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        self.send_raw(json.dumps({"jsonrpc": "2.0", **message}).encode())

    def receive(self, timeout: float = TIMEOUT) -> dict[str, Any]:
        try:
            m = self.messages.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"nothing from the server within {timeout} s") from None
        assert m is not None, f"the server closed its output (exit {self.proc.poll()})"
        return m

    def response(self, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The next response (notifications and server requests skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            m = self.receive(max(0.01, deadline - time.monotonic()))
            if "method" not in m:
                return m

    def initialize(self, root: pathlib.Path) -> dict[str, Any]:
        self.send(
            {"id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": uri(root)}}
        )
        init = self.response()
        assert init.get("id") == 1 and "result" in init, init
        self.send({"method": "initialized", "params": {}})
        return init

    def wait(self, timeout: float = TIMEOUT) -> int:
        return self.proc.wait(timeout)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass


@pytest.fixture
def raw():
    """`raw(root)`: a RawServer started in `root`, killed at teardown if still running."""
    servers: list[RawServer] = []

    def _raw(root: pathlib.Path) -> RawServer:
        s = RawServer(root)
        servers.append(s)
        return s

    yield _raw
    for s in servers:
        s.close()


# --------------------------------------------------------------------------------------------
# A small project shared by many tests

OWNERS = """\
[people.alice]
name = "Alice Moreau"
team = "platform"

[people.bob]
name = "Bob Stone"
team = "platform"

[teams.platform]
name = "Platform"
lead = "alice"
"""

TREE = """\
[[thesis]]
id = "TH-1"
title = "Carriers want one integration"
owner = "alice"
reviewed = 2026-11-01

[[objective]]
id = "CO-1"
title = "Grow"
level = "company"
owner = "alice"
serves = ["TH-1"]

[[objective]]
id = "DEP-1"
title = "Open the carrier network"
level = "department"
parent = "CO-1"
owner = "platform"
"""

KPIS = """\
[[kpi]]
id = "K-1"
title = "Revenue"
objective = "CO-1"
owner = "alice"
baseline = 1
target = 2

[[kpi]]
id = "K-2"
title = "Carriers on the API"
objective = "DEP-1"
owner = "bob"
baseline = 3
target = 30
"""

PRINCIPLE = """\
+++
kind = "principle"
id = "P-LOG"
title = "The event log is the system of record"
owner = "alice"
serves = ["CO-1", "TH-1"]
reviewed = 2026-11-01
+++

Reports can always be rebuilt from the log.
"""

SMALL = {
    "owners.toml": OWNERS,
    "tree.toml": TREE,
    "kpis.toml": KPIS,
    "principles/log.md": PRINCIPLE,
}


@pytest.fixture
def small(tmp_path: pathlib.Path) -> pathlib.Path:
    """A clean project: owners, a thesis, two objectives, two KPIs and a principle."""
    root = make_repo(tmp_path / "small", SMALL)
    assert check_json(root) == [], "the small project is meant to be clean"
    return root
