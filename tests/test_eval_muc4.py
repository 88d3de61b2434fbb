"""`warlog eval muc4`: GRIT-style document-level role fillers, on a tiny MUC-4-style fixture written for warlog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warlog.eval.muc4 import (
    evaluate_muc4,
    filler_matches,
    is_named_actor,
    load_muc4,
    muc4_text,
    score_document,
    sentence_case,
    system_fillers,
)
from warlog.eval.report import EvalError

TINY = Path(__file__).parent / "fixtures" / "muc4_tiny"


def test_fillers_match_by_containment_or_head_noun_and_exactly_only_when_equal():
    fmln = "FMLN: Farabundo Marti National Liberation Front"
    assert filler_matches(fmln, "FARABUNDO MARTI NATIONAL LIBERATION FRONT")
    assert filler_matches("Military Forces of El Salvador (1989-)", "ARMED FORCES")  # head noun "forces"
    assert not filler_matches("Military Forces of El Salvador (1989-)", "ARMED FORCES", exact=True)
    assert filler_matches("Shining Path", "THE SHINING PATH", exact=True)  # articles and case do not count
    assert not filler_matches("Police Forces of Peru (1980-)", "SHINING PATH")
    assert not filler_matches("", "FMLN")


def test_generic_actors_are_not_fillers_and_names_are_deduplicated():
    assert not is_named_actor("Unidentified Armed Group (Peru)") and not is_named_actor("Civilians (El Salvador)")
    assert is_named_actor("Military Forces of Peru (1985-)")
    events = [
        {"actor1": "FMLN", "assoc_actor_1": None, "actor2": "Civilians (El Salvador)", "assoc_actor_2": None},
        {"actor1": "FMLN", "assoc_actor_1": "Unidentified Armed Group (El Salvador)",
         "actor2": "Military Forces of El Salvador (1989-)", "assoc_actor_2": "Police Forces of El Salvador (1989-)"},
    ]  # fmt: skip
    got = system_fillers(events)
    assert got["perp_org"] == ["FMLN"]
    assert got["target"] == ["Military Forces of El Salvador (1989-)", "Police Forces of El Salvador (1989-)"]
    assert got["perp_ind"] == [] and got["weapon"] == []


def test_each_gold_entity_is_matched_once_and_targets_pool_physical_and_human():
    gold = {"perp_organization_id": [["FMLN", "FARABUNDO MARTI NATIONAL LIBERATION FRONT"]],
            "phys_tgt_id": [["BRIDGE"]], "hum_tgt_name": [["JUAN PEREZ"]]}  # fmt: skip
    pred = {"perp_org": ["FMLN", "Farabundo Marti National Liberation Front"], "target": ["bridge"]}
    s = score_document(gold, pred)
    assert s["perp_org"][:3] == (1, 2, 1)  # the second name of the same entity is a false positive
    assert s["target"][:3] == (1, 1, 2)
    assert s["weapon"][:3] == (0, 0, 0)


def test_text_is_unwrapped_and_put_in_sentence_case():
    text = muc4_text('GUERRILLAS ATTACKED\nTHE TOWN. "THE ARMY\nRESPONDED."\n\n   A SECOND PARAGRAPH.\n')
    assert text == 'GUERRILLAS ATTACKED THE TOWN. "THE ARMY RESPONDED."\n\nA SECOND PARAGRAPH.'
    assert sentence_case(text) == 'Guerrillas attacked the town. "The army responded."\n\nA second paragraph.'


def test_a_file_without_role_fillers_is_refused(tmp_path):
    (tmp_path / "test.json").write_text(json.dumps({"D1": {"doc": "TEXT", "labels": []}}))
    with pytest.raises(EvalError, match="no MUC-4 role fillers"):
        load_muc4(tmp_path)
    with pytest.raises(EvalError, match="does not exist"):
        load_muc4(tmp_path / "missing.json")


class _Mention:
    def __init__(self, row):
        self.row = row

    def to_acled(self):
        return self.row


class _Extraction:
    def __init__(self, rows):
        self.mentions = [_Mention(r) for r in rows]


def test_scores_from_a_fixed_extraction():
    by_doc = {
        "TINY-0001": [{"actor1": "FMLN: Farabundo Marti National Liberation Front", "actor2": "Military Forces of "
                       "El Salvador (1989-)", "country": "El Salvador"}],
        "TINY-0002": [{"actor1": "Unidentified Armed Group (Venezuela)", "actor2": None, "country": "Venezuela"}],
        "TINY-0003": [],
    }  # fmt: skip
    order = sorted(by_doc)

    def extract(reports):
        assert all(r.text[:1].isupper() and not r.text.isupper() for r in reports)  # sentence case
        return [_Extraction(by_doc[d]) for d in order]

    m = evaluate_muc4(TINY, extract=extract).metrics
    assert (m["perp_org_p"], m["perp_org_r"]) == (1.0, 0.5)  # FMLN found; ARMED FORCES (doc 3) missed
    assert (m["target_p"], m["target_r"]) == (0.0, 0.0)  # the army is not a pylon, a bridge or Juan Perez
    assert m["perp_ind_r"] == 0.0 and m["weapon_r"] == 0.0
    assert (m["doc_detection_p"], m["doc_detection_r"]) == (0.5, 0.5)
    assert m["events_in_muc4_countries"] == 0.5
    assert m["n_docs"] == 3 and m["n_relevant_docs"] == 2 and m["n_events"] == 2


def test_the_cli_runs_end_to_end_on_the_tiny_fixture():
    from warlog.cli import app

    res = CliRunner().invoke(app, ["eval", "muc4", "--data", str(TINY), "--format", "json", "--details"])
    assert res.exit_code == 0, res.output
    m = json.loads(res.output)
    assert m["n_docs"] == 3 and m["gold_entities"] == {"perp_org": 2, "target": 3, "perp_ind": 2, "weapon": 1}
    for k, v in m.items():
        if k.endswith(("_p", "_r", "_f1")):
            assert 0.0 <= v <= 1.0, k
    assert "no anchor copied" in " ".join(m["notes"])
    res = CliRunner().invoke(app, ["eval", "muc4", "--data", str(TINY / "nope.json")])
    assert res.exit_code == 2
