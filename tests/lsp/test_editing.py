"""Editing features of SPEC §13: completion, code actions (closest-id fixes and "mark reviewed
today"), rename, and the history rules arriving after the background git walk.

Each test is skipped, naming the capability, when the server's initialize result does not
advertise the provider it needs (completionProvider, codeActionProvider, renameProvider). The
history test goes with codeActionProvider: the review quick fixes act on HL and KPI005
diagnostics, which only history produces."""

from __future__ import annotations

import datetime
import pathlib
import re
import shutil
import subprocess

from conftest import (
    KPIS,
    NOW,
    OWNERS,
    PRINCIPLE,
    TREE,
    apply_edits,
    apply_workspace_edit,
    binary,
    check_json,
    codes,
    commit,
    copy_fixture,
    git,
    make_repo,
    position_of,
    range_text,
    require,
    uri,
    workspace_edits,
)
from lsprotocol import types as lsp

# --------------------------------------------------------------------------------------------
# Completion


async def complete(client, path: pathlib.Path, p: lsp.Position) -> list[lsp.CompletionItem]:
    got = await client.text_document_completion_async(
        lsp.CompletionParams(text_document=lsp.TextDocumentIdentifier(uri=uri(path)), position=p)
    )
    if got is None:
        return []
    return list(got.items if isinstance(got, lsp.CompletionList) else got)


def name(item: lsp.CompletionItem) -> str:
    """The id or field name an item offers (its label without `@`, quotes or ` = …`)."""
    m = re.match(r'[@"]*([A-Za-z0-9_.-]+)', item.label)
    assert m, item.label
    return m.group(1)


def by_name(items: list[lsp.CompletionItem]) -> dict[str, lsp.CompletionItem]:
    return {name(i): i for i in items}


TITLES = {
    "TH-1": "Carriers want one integration",
    "CO-1": "Grow",
    "DEP-1": "Open the carrier network",
    "K-1": "Revenue",
    "K-2": "Carriers on the API",
    "P-LOG": "The event log is the system of record",
}


async def edit_and_complete(client, path: pathlib.Path, text: str, marker: str = "|"):
    """Opens `path` with `text` less its `|` marker, completes at the marker."""
    at = position_of(text, marker)
    client.open(path, text.replace(marker, "", 1))
    await client.settle(0.2)
    return await complete(client, path, at)


async def test_completion_in_reference_fields_offers_ids_of_the_accepted_kinds(start, small):
    client = await start(small)
    require(client, "completion_provider", "completionProvider")
    # An objective's `parent`: objectives only, each with its title as detail.
    text = TREE.replace('parent = "CO-1"', 'parent = "|"')
    got = by_name(await edit_and_complete(client, small / "tree.toml", text))
    assert "CO-1" in got, list(got)
    assert not {"TH-1", "K-1", "K-2", "P-LOG"} & set(got), list(got)
    assert TITLES["CO-1"] in (got["CO-1"].detail or ""), got["CO-1"]
    # A KPI's `objective`: the objectives.
    text = KPIS.replace('objective = "DEP-1"', 'objective = "|"')
    got = by_name(await edit_and_complete(client, small / "kpis.toml", text))
    assert {"CO-1", "DEP-1"} <= set(got) and not {"TH-1", "K-1", "K-2", "P-LOG"} & set(got)
    assert TITLES["DEP-1"] in (got["DEP-1"].detail or ""), got["DEP-1"]
    # A principle's `serves`, second element, in front matter: theses and objectives.
    text = PRINCIPLE.replace('serves = ["CO-1", "TH-1"]', 'serves = ["CO-1", "|"]')
    got = by_name(await edit_and_complete(client, small / "principles" / "log.md", text))
    assert {"TH-1", "CO-1", "DEP-1"} <= set(got), list(got)
    assert not {"K-1", "K-2", "P-LOG"} & set(got), list(got)
    assert TITLES["TH-1"] in (got["TH-1"].detail or ""), got["TH-1"]


async def test_completion_in_owner_offers_people_and_teams(start, small):
    client = await start(small)
    require(client, "completion_provider", "completionProvider")
    text = KPIS.replace('owner = "bob"', 'owner = "|"')
    got = by_name(await edit_and_complete(client, small / "kpis.toml", text))
    assert {"alice", "bob", "platform"} <= set(got), list(got)
    assert not {"CO-1", "DEP-1", "K-1", "TH-1"} & set(got), list(got)
    # In front matter, after an `@`.
    text = PRINCIPLE.replace('owner = "alice"', 'owner = "@|"')
    got = by_name(await edit_and_complete(client, small / "principles" / "log.md", text))
    assert {"alice", "bob", "platform"} <= set(got), list(got)


async def test_completion_in_layer_offers_the_configured_layers(start, small):
    client = await start(small)
    require(client, "completion_provider", "completionProvider")
    # A value's `layer` (SPEC §15), appended to a file the project already has: the
    # layers of `alignment.layers` (default company, function, team), nothing else.
    text = KPIS + '\n[[value]]\nid = "V-1"\ntitle = "Learn fast"\nlayer = "|"\nowner = "alice"\n'
    got = by_name(await edit_and_complete(client, small / "kpis.toml", text))
    assert set(got) == {"company", "function", "team"}, list(got)
    # A value's `interprets`: values only (here, the one being written).
    text = KPIS + '\n[[value]]\nid = "V-1"\ntitle = "Learn fast"\nlayer = "team"\nowner = "alice"\ninterprets = "|"\n'
    got = by_name(await edit_and_complete(client, small / "kpis.toml", text))
    assert "V-1" in got and not {"CO-1", "K-1", "TH-1"} & set(got), list(got)


KPI_FIELDS = {
    "id",
    "title",
    "objective",
    "owner",
    "baseline",
    "target",
    "unit",
    "current",
    "measured",
    "measure_every",
    "due",
    "direction",
    "revised",
    "weight",
    "class",
    "min",
    "max",
    "since",
    "pace",
}
PRINCIPLE_FIELDS = {"id", "title", "owner", "serves", "half_life", "reviewed", "kind", "paths"}


async def test_completion_on_an_empty_line_offers_missing_field_names(start, small):
    client = await start(small)
    require(client, "completion_provider", "completionProvider")
    # An empty line inside K-1's table (after `owner`).
    text = KPIS.replace('owner = "alice"\n', 'owner = "alice"\n|\n', 1)
    got = set(by_name(await edit_and_complete(client, small / "kpis.toml", text)))
    present = {"id", "title", "objective", "owner", "baseline", "target"}
    assert not got & present, sorted(got & present)
    assert {"unit", "current", "measured", "due", "direction", "weight"} <= got, sorted(got)
    assert got <= KPI_FIELDS | {
        "description",
        "status",
        "ignore",
        "ignore_reason",
        "measure_every",
    }, sorted(got)
    # An empty line in front matter.
    text = PRINCIPLE.replace("reviewed = 2026-11-01\n", "reviewed = 2026-11-01\n|\n")
    got = set(by_name(await edit_and_complete(client, small / "principles" / "log.md", text)))
    assert "half_life" in got, sorted(got)
    assert not got & {"id", "title", "owner", "serves", "reviewed", "kind"}, sorted(got)
    assert "baseline" not in got and "level" not in got, sorted(got)


# --------------------------------------------------------------------------------------------
# Code actions


async def actions_for(client, path: pathlib.Path, d: lsp.Diagnostic) -> list[lsp.CodeAction]:
    got = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri(path)),
            range=d.range,
            context=lsp.CodeActionContext(
                diagnostics=[d], only=None, trigger_kind=lsp.CodeActionTriggerKind.Invoked
            ),
        )
    )
    return [a for a in got or [] if isinstance(a, lsp.CodeAction)]


def is_review(a: lsp.CodeAction) -> bool:
    """Whether an action is "mark reviewed today" ("… measured today" for a KPI)."""
    title = a.title.lower()
    return "review" in title or "today" in title


def quickfixes(actions: list[lsp.CodeAction]) -> list[lsp.CodeAction]:
    return [a for a in actions if a.kind == lsp.CodeActionKind.QuickFix and a.edit is not None]


async def test_did_you_mean_gets_a_quick_fix(start, tmp_path):
    root = copy_fixture("broken", tmp_path / "broken")
    client = await start(root)
    require(client, "code_action_provider", "codeActionProvider")
    tree_path = root / "objectives" / "tree.toml"
    tree = tree_path.read_text()
    want = {
        d["code"]: d
        for d in check_json(root)
        if d["file"] == "objectives/tree.toml" and d["code"] in ("OBJ001", "SL005")
    }
    assert want["OBJ001"]["help"] == "did you mean `OPS-1`?", want
    assert want["SL005"]["help"] == "did you mean `description`?", want
    published = await client.wait_diagnostics(
        uri(tree_path), lambda ds: {"OBJ001", "SL005"} <= set(codes(ds))
    )
    for code, replacement, line in (
        ("OBJ001", '"OPS-1"', 'parent = "OPS-1"'),
        ("SL005", "description", 'description = "'),
    ):
        d = next(x for x in published if x.code == code)
        before = range_text(tree, d.range)
        assert before in ('"OSP-1"', "descripton"), before
        fixes = [
            a
            for a in quickfixes(await actions_for(client, tree_path, d))
            if uri(tree_path) in workspace_edits(a.edit)  # type: ignore[arg-type]
        ]
        assert fixes, f"no quick fix for {code}"
        texts = apply_workspace_edit({uri(tree_path): tree}, fixes[0].edit)  # type: ignore[arg-type]
        fixed = texts[uri(tree_path)]
        # Exactly the range replaced, quotes kept.
        start = d.range.start
        lines = tree.split("\n")
        expected_line = (
            lines[start.line][: start.character]
            + replacement
            + lines[start.line][d.range.end.character :]
        )
        assert fixed.split("\n")[start.line] == expected_line
        assert line in expected_line
        assert fixed.split("\n")[: start.line] == lines[: start.line]
        assert fixed.split("\n")[start.line + 1 :] == lines[start.line + 1 :]


async def test_misspelt_owner_quick_fix(start, small):
    text = KPIS.replace('owner = "bob"', 'owner = "bbo"')
    (small / "kpis.toml").write_text(text)
    client = await start(small)
    require(client, "code_action_provider", "codeActionProvider")
    [d] = await client.wait_diagnostics(uri(small / "kpis.toml"), lambda ds: len(ds) > 0)
    assert d.code == "OWN002"
    fixes = quickfixes(await actions_for(client, small / "kpis.toml", d))
    assert fixes, "no quick fix for OWN002"
    texts = apply_workspace_edit({uri(small / "kpis.toml"): text}, fixes[0].edit)  # type: ignore[arg-type]
    assert texts[uri(small / "kpis.toml")] == KPIS
    # With a leading `@`: the quotes are kept (and the `@` may be).
    text = KPIS.replace('owner = "bob"', 'owner = "@bbo"')
    mark = client.mark()
    client.open(small / "kpis.toml", text)
    [d] = await client.wait_diagnostics(
        uri(small / "kpis.toml"), lambda ds: len(ds) > 0, after=mark
    )
    fixes = quickfixes(await actions_for(client, small / "kpis.toml", d))
    assert fixes, "no quick fix for OWN002 on `@bbo`"
    fixed = apply_workspace_edit({uri(small / "kpis.toml"): text}, fixes[0].edit)[
        uri(small / "kpis.toml")
    ]  # type: ignore[arg-type]
    assert fixed in (KPIS, KPIS.replace('owner = "bob"', 'owner = "@bob"')), fixed


# A repository whose history makes HL001, HL002, HL003 and KPI005 fire at NOW (2026-11-25).
OLD_PRINCIPLE = """\
+++
kind = "principle"
id = "P-OLD"
title = "Every parcel is scanned at intake"
owner = "alice"
serves = ["CO-1"]
+++

Written long ago.
"""

AGING = """\
[[principle]]
id = "P-AGING"
title = "Routes are planned the evening before"
owner = "alice"
reviewed = 2025-01-01   # the last offsite
serves = [
  "CO-1",
]

[[principle]]
id = "P-INFLECT"
title = "One depot per county"
owner = "alice"
half_life = "5y"
"""

STALE_KPI = """\
[[kpi]]
id = "K-STALE"
title = "Parcels delivered the same day"
objective = "CO-1"
owner = "alice"
baseline = 80
target = 95
current = 85
"""

INFLECTION = """\
[[inflection]]
id = "INF-SERIES-A"
title = "Series A"
date = 2026-06-01
"""

HISTORY_CODES = {"HL001", "HL002", "HL003", "KPI005"}


def history_repo(root: pathlib.Path) -> pathlib.Path:
    tree = '[[objective]]\nid = "CO-1"\ntitle = "Grow"\nlevel = "company"\nowner = "alice"\n'
    root = make_repo(
        root,
        {"owners.toml": OWNERS, "tree.toml": tree, "principles/old.md": OLD_PRINCIPLE},
        date="2024-06-01T10:00:00+00:00",
    )
    commit(
        root, {"principles.toml": AGING, "kpis.toml": STALE_KPI}, date="2025-06-01T10:00:00+00:00"
    )
    commit(root, {"inflections.toml": INFLECTION}, date="2026-01-15T10:00:00+00:00")
    return root


def expected_history(root: pathlib.Path) -> dict[tuple[str, str], dict]:
    got = {
        (d["code"], d["object"]): d
        for d in check_json(root, history=True)
        if d["code"] in HISTORY_CODES
    }
    assert {
        ("HL002", "P-OLD"),
        ("HL001", "P-AGING"),
        ("HL003", "P-INFLECT"),
        ("KPI005", "K-STALE"),
    } <= set(got), sorted(got)
    return got


async def test_history_rules_arrive_after_the_background_walk(start, tmp_path):
    root = history_repo(tmp_path / "history")
    want = check_json(root, history=True)
    expected_history(root)
    client = await start(root)
    require(client, "code_action_provider", "codeActionProvider")
    files = sorted({d["file"] for d in want})
    for f in files:
        n = sum(1 for d in want if d["file"] == f)
        await client.wait_diagnostics(uri(root / f), lambda ds, n=n: len(ds) == n)
    await client.settle()
    for f in files:
        got = client.latest(uri(root / f)) or []
        assert sorted((str(d.code), d.range.start.line, d.message) for d in got) == sorted(
            (d["code"], d["line"] - 1, d["message"]) for d in want if d["file"] == f
        ), f
    # Until history was read, the rules that need it were withheld: nothing judged without it
    # (HL005 "age unknown", or an age counted from `reviewed` alone) was ever published.
    final = {(uri(root / d["file"]), d["code"], d["line"] - 1, d["message"]) for d in want}
    flashed = [
        (u, d.code, d.range.start.line, d.message)
        for u, ds in client.published
        for d in ds
        if str(d.code).startswith("HL") or d.code in ("KPI004", "KPI005")
    ]
    assert [f for f in flashed if f not in final] == []


async def test_mark_reviewed_today_does_what_review_does(start, tmp_path):
    root = history_repo(tmp_path / "history")
    want = expected_history(root)
    client = await start(root)
    require(client, "code_action_provider", "codeActionProvider")
    for (code, object_id), d in sorted(want.items()):
        path = root / d["file"]
        text = path.read_text()
        line = d["line"] - 1

        def here(x: lsp.Diagnostic, code: str = code, line: int = line) -> bool:
            return x.code == code and x.range.start.line == line

        published = await client.wait_diagnostics(uri(path), lambda ds: any(map(here, ds)))
        diagnostic = next(x for x in published if here(x))
        fixes = [a for a in quickfixes(await actions_for(client, path, diagnostic)) if is_review(a)]
        assert fixes, f"no 'mark reviewed' quick fix for {code} on {object_id}"
        texts = apply_workspace_edit({uri(path): text}, fixes[0].edit)  # type: ignore[arg-type]
        # What `stratlint review ID --date NOW` writes, on a copy.
        copy = tmp_path / f"review-{code}-{object_id}"
        shutil.copytree(root, copy)
        subprocess.run(
            [str(binary()), "review", object_id, "--date", NOW],
            cwd=copy,
            check=True,
            capture_output=True,
        )
        assert texts[uri(path)] == (copy / d["file"]).read_text(), (code, object_id)
    # Applied in the buffer, the fix clears the diagnostic.
    d = want[("KPI005", "K-STALE")]
    path = root / d["file"]
    text = path.read_text()
    published = client.latest(uri(path)) or []
    diagnostic = next(x for x in published if x.code == "KPI005")
    fix = next(a for a in quickfixes(await actions_for(client, path, diagnostic)) if is_review(a))
    client.open(path, text)
    await client.settle(0.2)
    mark = client.mark()
    edits = workspace_edits(fix.edit)[uri(path)]  # type: ignore[arg-type]
    client.change(
        path,
        2,
        [
            (e.range, e.new_text)
            for e in sorted(
                edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
            )
        ],
    )
    await client.wait_diagnostics(uri(path), lambda ds: "KPI005" not in codes(ds), after=mark)


# --------------------------------------------------------------------------------------------
# Rename


async def test_rename_edits_the_id_and_every_reference(start, small):
    client = await start(small)
    require(client, "rename_provider", "renameProvider")
    files = {
        uri(small / f): (small / f).read_text()
        for f in ("tree.toml", "kpis.toml", "principles/log.md", "owners.toml")
    }
    expected = {u: t.replace('"CO-1"', '"CO-9"') for u, t in files.items()}
    assert expected != files
    positions = [
        (small / "tree.toml", position_of(TREE, '"CO-1"', delta=2)),  # on the id
        (small / "kpis.toml", position_of(KPIS, '"CO-1"', delta=1)),  # on a reference
    ]
    for path, p in positions:
        edit = await client.text_document_rename_async(
            lsp.RenameParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri(path)), position=p, new_name="CO-9"
            )
        )
        assert edit is not None, path
        touched = workspace_edits(edit)
        assert set(touched) == {
            uri(small / f) for f in ("tree.toml", "kpis.toml", "principles/log.md")
        }
        assert apply_workspace_edit(files, edit) == expected
    # The renamed project checks as clean as before.
    copy = small.parent / "renamed"
    shutil.copytree(small, copy)
    for u, text in apply_workspace_edit(files, edit).items():
        (copy / pathlib.Path(u.removeprefix("file://")).relative_to(small)).write_text(text)
    assert check_json(copy) == []
    # Nothing was written by the server.
    assert {u: pathlib.Path(u.removeprefix("file://")).read_text() for u in files} == files


async def test_rename_follows_the_unsaved_text(start, small):
    client = await start(small)
    require(client, "rename_provider", "renameProvider")
    # In the buffer, K-1 measures DEP-1 instead of CO-1: the rename of CO-1 leaves it alone.
    buffer = KPIS.replace('objective = "CO-1"', 'objective = "DEP-1"')
    client.open(small / "kpis.toml", buffer)
    await client.settle(0.2)
    edit = await client.text_document_rename_async(
        lsp.RenameParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri(small / "tree.toml")),
            position=position_of(TREE, '"CO-1"', delta=1),
            new_name="CO-9",
        )
    )
    assert edit is not None
    assert uri(small / "kpis.toml") not in workspace_edits(edit)
    tree = apply_edits(TREE, workspace_edits(edit)[uri(small / "tree.toml")])
    assert tree == TREE.replace('"CO-1"', '"CO-9"')


def test_the_history_repository_is_dated(tmp_path):
    """The repository the history tests use has the commit dates it is built with."""
    root = history_repo(tmp_path / "h")
    dates = git(root, "log", "--format=%ct %at").split()
    assert sorted(set(dates)) == [
        str(int(datetime.datetime.fromisoformat(d).timestamp()))
        for d in (
            "2024-06-01T10:00:00+00:00",
            "2025-06-01T10:00:00+00:00",
            "2026-01-15T10:00:00+00:00",
        )
    ]
