"""Round 17 (issue 15, helper geo18): OCHA's Syrian communities in places_syria.csv, and WOF villages that lend
their names to the packaged village they stand for. Names and points here are written for the tests."""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
import zipfile
from pathlib import Path

from gaztools import row as _row
from warlog.gazetteer.index import Gazetteer, create_schema, insert_places
from warlog.gazetteer.layers import new_places

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _build_script():
    path = Path(__file__).resolve().parents[1] / "scripts" / "build_places_data.py"
    spec = importlib.util.spec_from_file_location("build_places_data", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def _workbook(path: Path, sheet: str, table: list[list[str]]) -> None:
    """A minimal .xlsx with one sheet of shared strings (the layout spreadsheet programs write)."""
    strings = sorted({v for r in table for v in r if v})
    index = {s: i for i, s in enumerate(strings)}
    cells = []
    for i, r in enumerate(table, start=1):
        cs = "".join(
            f'<c r="{chr(65 + j)}{i}" t="s"><v>{index[v]}</v></c>' if v else "" for j, v in enumerate(r)
        )  # an empty cell is left out, as Calc writes it
        cells.append(f'<row r="{i}">{cs}</row>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheets>'
            f'<sheet name="other" sheetId="1" r:id="rId2"/><sheet name="{sheet}" sheetId="2" r:id="rId3"/>'
            "</sheets></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId2" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId3" Target="worksheets/sheet2.xml"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{_MAIN}"><sheetData/></worksheet>')
        z.writestr(
            "xl/worksheets/sheet2.xml",
            f'<worksheet xmlns="{_MAIN}"><sheetData>{"".join(cells)}</sheetData></worksheet>',
        )
        z.writestr(
            "xl/sharedStrings.xml",
            f'<sst xmlns="{_MAIN}">' + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>",
        )


_HEADER = [
    "featurename_en", "featurename_ar", "pcode", "featurerefname", "featurealtname1_en", "popplaceclasstitle",
    "adm4_en", "adm4_ar", "point_x", "point_y",
]  # fmt: skip


def test_ocha_communities_are_read_from_the_workbook(tmp_path: Path) -> None:
    mod = _build_script()
    assert mod.ocha_rows(None) == [] and mod.ocha_rows(tmp_path / "absent.xlsx") == []  # the build as before
    path = tmp_path / "syr_admin_boundaries.xlsx"
    _workbook(
        path,
        "syr_populatedplaces",
        [
            _HEADER,
            ["Tal Test (Testiyeh)", "تل الاختبار - مركز الاختبار", "C9001", "Tall Test", "", "Community",
             "Tal Test", "تل الاختبار", "36.5", "35.8"],
            ["Old Quarter", "الحي القديم", "N9002", "", "", "Neighborhood", "Old Quarter", "", "36.2", "33.5"],
            ["No Point", "", "C9003", "", "", "Community", "No Point", "", "", ""],
        ],
    )  # fmt: skip
    (row,) = mod.ocha_rows(path)  # the neighbourhood (read from the 2016 layer) and the pointless row are skipped
    assert row.id == "ocha-C9001" and row.name == "Tal Test" and row.feature == "village"
    assert (row.lat, row.lon) == (35.8, 36.5) and row.source == mod.OCHA_SOURCE
    assert "Tall Test" in row.alt and "تل الاختبار" in row.alt  # qualifiers removed, duplicates folded
    assert not any("(" in a or " - " in a for a in row.alt)


def test_ocha_names_lose_their_qualifiers() -> None:
    mod = _build_script()
    assert mod._ocha_name("Jalma (Jandairis)") == "Jalma"
    assert mod._ocha_name("الكفير - مركز أريحا") == "الكفير"
    assert mod._ocha_name("Umm Sharah / Al Harib") == "Umm Sharah / Al Harib"  # the index splits slashes itself
    assert mod._ocha_name("Bab al-Hawa - Sarmada") == "Bab al-Hawa - Sarmada"  # a Latin dash is part of a name


def test_a_left_out_wof_village_lends_its_names() -> None:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    create_schema(conn)
    insert_places(conn, [_row("ocha-C1", "Testaliya", "village", "SY", 33.43, 36.35, alt_names=["تستالية"])])
    wof = [
        # the same village under WOF's spellings (a shared Arabic name, 1 km away): left out, names lent
        _row("wof-1", "Hawsh at Testaliyah", "village", "SY", 33.436, 36.357, alt_names=["Testaliyah", "تستالية"]),
        # another village: kept
        _row("wof-2", "Other Village", "village", "SY", 33.9, 36.9),
    ]
    kept = list(new_places(conn, wof, lend_names=frozenset({"SY"})))
    assert [r["id"] for r in kept] == ["wof-2"]
    gaz = Gazetteer(conn)
    for name in ("Hawsh at Testaliyah", "Testaliyah", "Testaliya"):
        assert [e.id for e, q in gaz.lookup_scored(name) if q >= 1.0] == ["ocha-C1"], name
    assert "Testaliyah" in gaz.get("ocha-C1").alt_names
    # without lend_names (other countries, other layers) the row is left out as before and lends nothing
    conn2 = sqlite3.connect(":memory:", check_same_thread=False)
    create_schema(conn2)
    insert_places(conn2, [_row("ocha-C1", "Testaliya", "village", "SY", 33.43, 36.35, alt_names=["تستالية"])])
    assert [r["id"] for r in new_places(conn2, wof)] == ["wof-2"]
    assert not [e for e, q in Gazetteer(conn2).lookup_scored("Hawsh at Testaliyah") if q >= 1.0]
