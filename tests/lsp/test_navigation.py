"""Go to definition, find references and hover (SPEC §13), on the small project of conftest.py:
a thesis, two objectives (tree.toml), two KPIs (kpis.toml), a principle document and the owners
registry."""

from __future__ import annotations

import pathlib

from conftest import (
    KPIS,
    OWNERS,
    PRINCIPLE,
    TREE,
    hover_text,
    position_of,
    range_text,
    uri,
)
from lsprotocol import types as lsp


def place(root: pathlib.Path, loc: lsp.Location) -> tuple[str, int, str]:
    """(file, line, text of the range) of a location."""
    path = pathlib.Path(loc.uri.removeprefix("file://"))
    text = path.read_text()
    return (str(path.relative_to(root)), loc.range.start.line, range_text(text, loc.range))


def line_of(text: str, needle: str) -> int:
    return position_of(text, needle).line


async def test_definition_of_a_reference_is_the_object(start, small):
    client = await start(small)
    # `parent = "CO-1"` (DEP-1, tree.toml): CO-1's id.
    got = await client.definition(small / "tree.toml", position_of(TREE, '"CO-1"', 1, delta=2))
    assert [place(small, g) for g in got] == [("tree.toml", line_of(TREE, 'id = "CO-1"'), '"CO-1"')]
    # `objective = "DEP-1"` (K-2, kpis.toml), on its last character: DEP-1 in tree.toml.
    got = await client.definition(small / "kpis.toml", position_of(KPIS, '"DEP-1"', delta=5))
    assert [place(small, g) for g in got] == [
        ("tree.toml", line_of(TREE, 'id = "DEP-1"'), '"DEP-1"')
    ]
    # The second id of `serves = ["CO-1", "TH-1"]` in a Markdown document's front matter.
    got = await client.definition(
        small / "principles" / "log.md", position_of(PRINCIPLE, '"TH-1"', delta=1)
    )
    assert [place(small, g) for g in got] == [("tree.toml", line_of(TREE, 'id = "TH-1"'), '"TH-1"')]
    # On the object's own id: itself.
    got = await client.definition(small / "kpis.toml", position_of(KPIS, '"K-2"', delta=1))
    assert [place(small, g) for g in got] == [("kpis.toml", line_of(KPIS, 'id = "K-2"'), '"K-2"')]


async def test_definition_of_an_owner_is_its_registry_entry(start, small):
    client = await start(small)
    got = await client.definition(small / "kpis.toml", position_of(KPIS, '"bob"', delta=2))
    assert [(p[0], p[1]) for p in (place(small, g) for g in got)] == [
        ("owners.toml", line_of(OWNERS, "[people.bob]"))
    ]
    assert "bob" in place(small, got[0])[2]
    # A team owner: its [teams.*] entry.
    got = await client.definition(small / "tree.toml", position_of(TREE, '"platform"', delta=3))
    assert [(p[0], p[1]) for p in (place(small, g) for g in got)] == [
        ("owners.toml", line_of(OWNERS, "[teams.platform]"))
    ]
    # In front matter, on the `@`-less owner of the principle.
    got = await client.definition(
        small / "principles" / "log.md", position_of(PRINCIPLE, '"alice"', delta=1)
    )
    assert [(p[0], p[1]) for p in (place(small, g) for g in got)] == [
        ("owners.toml", line_of(OWNERS, "[people.alice]"))
    ]


async def test_definition_elsewhere_is_nothing(start, small):
    client = await start(small)
    for p in (
        position_of(KPIS, "baseline = 1", delta=3),  # a key that references nothing
        position_of(KPIS, "target = 2", delta=9),  # a number
        lsp.Position(line=KPIS.count("\n") + 3, character=0),  # past the end
    ):
        assert await client.definition(small / "kpis.toml", p) == [], p


def places(root: pathlib.Path, locs: list[lsp.Location]) -> set[tuple[str, int]]:
    return {place(root, loc)[:2] for loc in locs}


async def test_references_of_an_objective(start, small):
    client = await start(small)
    uses = {
        ("tree.toml", line_of(TREE, 'parent = "CO-1"')),
        ("kpis.toml", line_of(KPIS, 'objective = "CO-1"')),
        ("principles/log.md", line_of(PRINCIPLE, "serves = ")),
    }
    declaration = ("tree.toml", line_of(TREE, 'id = "CO-1"'))
    on_id = position_of(TREE, 'id = "CO-1"', delta=7)
    got = await client.references(small / "tree.toml", on_id, declaration=False)
    assert len(got) == 3 and places(small, got) == uses, got
    # Each reference's range is the id as written there.
    assert {place(small, g)[2] for g in got} == {'"CO-1"'}
    got = await client.references(small / "tree.toml", on_id, declaration=True)
    assert len(got) == 4 and places(small, got) == uses | {declaration}, got
    # From a reference instead of the id: the same.
    on_ref = position_of(KPIS, '"CO-1"', delta=3)
    got = await client.references(small / "kpis.toml", on_ref, declaration=True)
    assert len(got) == 4 and places(small, got) == uses | {declaration}, got
    # The thesis: referenced by an objective and by the principle.
    got = await client.references(
        small / "tree.toml", position_of(TREE, '"TH-1"', delta=1), declaration=False
    )
    assert places(small, got) == {
        ("tree.toml", line_of(TREE, 'serves = ["TH-1"]')),
        ("principles/log.md", line_of(PRINCIPLE, "serves = ")),
    }
    # An object nothing references: nothing (and only itself with the declaration).
    k1 = position_of(KPIS, '"K-1"', delta=1)
    assert await client.references(small / "kpis.toml", k1, declaration=False) == []
    got = await client.references(small / "kpis.toml", k1, declaration=True)
    assert places(small, got) == {("kpis.toml", line_of(KPIS, 'id = "K-1"'))}


async def test_hover_shows_kind_id_title_and_owner(start, small):
    client = await start(small)
    cases = [
        # (file, position, kind, id, title, owner)
        (
            small / "tree.toml",
            position_of(TREE, '"CO-1"', delta=1),
            "objective",
            "CO-1",
            "Grow",
            "alice",
        ),
        # On a reference: the referenced object.
        (
            small / "kpis.toml",
            position_of(KPIS, '"DEP-1"', delta=2),
            "objective",
            "DEP-1",
            "Open the carrier network",
            "platform",
        ),
        (
            small / "kpis.toml",
            position_of(KPIS, '"K-2"', delta=1),
            "kpi",
            "K-2",
            "Carriers on the API",
            "bob",
        ),
        (
            small / "principles" / "log.md",
            position_of(PRINCIPLE, '"P-LOG"', delta=1),
            "principle",
            "P-LOG",
            "The event log is the system of record",
            "alice",
        ),
        (
            small / "principles" / "log.md",
            position_of(PRINCIPLE, '"TH-1"', delta=1),
            "thesis",
            "TH-1",
            "Carriers want one integration",
            "alice",
        ),
    ]
    for path, p, kind, object_id, title, owner in cases:
        h = await client.hover(path, p)
        assert h is not None, (object_id, p)
        text = hover_text(h)
        first = text.split("\n")[0]
        assert kind in first and object_id in first and title in text, text
        assert owner in text.split(title, 1)[1], text
        # Nothing of another object.
        for other in ("Grow", "Revenue", "Carriers on the API", "Open the carrier network"):
            if other != title:
                assert other not in text, (object_id, text)
    # Not on an id or a reference: nothing.
    assert await client.hover(small / "kpis.toml", position_of(KPIS, "baseline", delta=2)) is None


async def test_navigation_reads_the_unsaved_text(start, small):
    """Definition and hover follow the editor's buffer, not the file on disk."""
    client = await start(small)
    text = KPIS.replace('objective = "CO-1"', 'objective = "DEP-1"').replace(
        '"Revenue"', '"Net revenue"'
    )
    client.open(small / "kpis.toml", text)
    await client.settle(0.3)
    got = await client.definition(small / "kpis.toml", position_of(text, '"DEP-1"', delta=1))
    assert [place(small, g)[:2] for g in got] == [("tree.toml", line_of(TREE, 'id = "DEP-1"'))]
    h = await client.hover(small / "kpis.toml", position_of(text, '"K-1"', delta=1))
    assert h is not None and "Net revenue" in hover_text(h), h
    # CO-1 is now referenced by one place less.
    got = await client.references(
        small / "tree.toml", position_of(TREE, '"CO-1"', delta=1), declaration=False
    )
    assert ("kpis.toml", line_of(KPIS, 'objective = "CO-1"')) not in places(small, got)
    assert uri(small / "kpis.toml") not in {g.uri for g in got}
