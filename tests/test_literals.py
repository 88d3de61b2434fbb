"""Regex gates (warlog.extract.literals): a gate may only rule out texts its regex cannot match."""

from __future__ import annotations

import re

import pytest

from warlog.extract import actors, attribution, counts, dates, types
from warlog.extract.literals import (
    GateTable,
    fold,
    gated,
    literals_in,
    may_match,
    meets_all,
    required_clauses,
    required_literals,
)

# Written for these tests: war-report phrasing plus the case-folding and digit corner cases the gates must survive.
TEXTS = [
    "Three civilians were killed and 12 wounded in air strikes on Douma on Tuesday, the Syrian Observatory said.",
    "Regime forces shelled the town at 10:30 a.m. local time, two days ago, activists reported.",
    "A car bomb exploded near a checkpoint in Azaz, killing five people, according to the White Helmets.",
    "No one was hurt in the blast, police said, but the death toll since the start of the war is 400,000.",
    "HTS fighters clashed with the SDF; Hayat Tahrir al-Sham claimed responsibility for the attack.",
    "The ceasefire came into effect at midnight on 12 September 2016 after a week-long lull.",
    "Protesters marched through the city over the weekend and security forces fired tear gas.",
    "\u212aILLED IN AN AIR\u017fTRIKE",  # Kelvin sign and long s match "k" and "s" case-insensitively
    "\u0130DLIB: \u0661\u0662 killed yesterday",  # dotted capital I; Arabic-Indic digits match \d
    "He died of his wounds in hospital last night; a man was shot dead on Monday morning.",
    "Over the past two years, more than 1,200 people have died in the five-year conflict.",
    "Turkish-backed rebels captured the village of Tal Rifaat from the YPG, the Pentagon said.",
    "",
]


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = [(f"timex {name}", rx) for name, rx in dates._TIMEX_RX]
    found += [(f"lexicon {i}", t.regex) for i, t in enumerate(types._LEXICON)]
    found += [(f"actor {row.order}", row.regex) for row in actors._rows()]
    found += [(f"source {i}", rx) for i, (rx, _, _) in enumerate(attribution._COMPILED)]
    for module in (counts, attribution, types, dates):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.append((f"{module.__name__}.{name}", value))
            elif hasattr(value, "regex") and hasattr(value, "gate"):
                found.append((f"{module.__name__}.{name}", value.regex))
    return found


@pytest.mark.parametrize("text", TEXTS)
def test_a_gate_never_rules_out_a_text_its_regex_matches(text: str) -> None:
    for name, rx in _patterns():
        gate = required_literals(rx)
        if rx.search(text):
            assert may_match(gate, literals_in(text)), name


# Written for these tests: phrases each of which some actor row matches, with the words its clauses ask for.
ACTOR_TEXTS = [
    "Monegasque soldiers and Russian warplanes struck; Russia launched 40 missiles at Odesa.",
    "Fulani militiamen and Fulani and Tiv militias clashed with Fulani herders; armed herdsmen fled.",
    "US forces, U.S. troops, American jets and United States marines; British troops and RAF Typhoons.",
    "military forces of India and Pakistan; Indian and Pakistani troops; police forces of Kenya.",
    "Kuki militants and Meitei armed groups; Hawadle clan militiamen; Israeli civilians and Syrian refugees.",
    "drug traffickers and rival gangs; criminal groups; LNA warplanes and GNA forces near Tripoli.",
]


@pytest.mark.parametrize("text", TEXTS + ACTOR_TEXTS)
def test_clauses_never_rule_out_a_text_their_regex_matches(text: str) -> None:
    patterns = [(name, rx, required_clauses(rx)) for name, rx in _patterns()]  # registered before the text is read
    present = literals_in(text)
    for name, rx, clauses in patterns:
        if rx.search(text):
            assert meets_all(clauses, present), name
    for row in actors._rows():
        if row.regex.search(text):
            assert may_match(row.gate, present) and meets_all(row.also, present), row.canonical


def test_clauses_are_every_requirement_of_a_sequence() -> None:
    rx = re.compile(r"(?:French|American|United\s+States)\s+(?:forces|troops)", re.I)
    assert set(required_clauses(rx)) == {
        frozenset({"french", "american", "united"}),
        frozenset({"french", "american", "states"}),
        frozenset({"forces", "troops"}),
    }
    assert required_literals(rx) == frozenset({"forces", "troops"})  # the gate is one of them
    # an alternation: one clause of each branch, joined; a branch without any makes none
    assert set(required_clauses(re.compile(r"foo\s+bar|baz\s+\w+qux"))) == {
        frozenset(pair) for pair in (("foo", "baz"), ("foo", "qux"), ("bar", "baz"), ("bar", "qux"))
    }
    assert required_clauses(re.compile(r"foo\s+bar|\w+")) == ()
    assert required_clauses(re.compile(r"(?:US|UK)\s+troops")) == (frozenset({"troops"}),)  # too short: met anywhere
    # a clause that holds another one's strings says nothing more
    assert required_clauses(re.compile(r"(?:abc|cde)\s+abc\s+xyz")) == (frozenset({"abc"}), frozenset({"xyz"}))
    assert not meets_all((frozenset({"us"}), frozenset({"troops"})), literals_in("US soldiers"))
    assert meets_all((frozenset({"us"}), frozenset({"troops"})), literals_in("US troops"))


def test_clauses_rule_out_actor_rows_their_gate_lets_in() -> None:
    text = "Syrian troops and Russian jets struck near Idlib on Monday."
    present = literals_in(text)
    blocked = [r for r in actors._rows() if may_match(r.gate, present) and not meets_all(r.also, present)]
    assert len(blocked) >= 10  # a force noun lets rows through their gate that also need a name the text lacks
    assert not any(r.regex.search(text) for r in blocked)


def test_gates_read_literals_through_groups_optionals_and_classes() -> None:
    gate = required_literals(re.compile(r"\b(?:air ?-?strikes?|shell(?:ing|ed))\b", re.I))
    assert gate == frozenset({"air strike", "air-strike", "air -strike", "airstrike", "shelling", "shelled"})
    assert required_literals(re.compile(r"\w+ed\b")) == frozenset({"ed"})
    assert required_literals(re.compile(r"[A-Z]\w+")) is None  # nothing literal that every match holds
    assert required_literals(re.compile(r"(?:foo)?bar|baz")) == frozenset({"bar", "baz"})
    assert required_literals(re.compile(r"\d{4}-\d\d")) == frozenset({"0000-00"})  # digits fold to "0"


def test_fold_matches_case_insensitive_regex_matching() -> None:
    assert fold("\u212aILL \u017fHELL \u0130DLIB \u0661\u0662") == "kill shell idlib 00"
    assert may_match(required_literals(re.compile("killed", re.I)), literals_in("\u212aILLED"))
    assert not may_match(required_literals(re.compile("killed", re.I)), literals_in("the kiln"))


def test_gated_search_and_finditer_give_the_regex_answer() -> None:
    rx = re.compile(r"\b(?:wounded|injured)\b", re.I)
    g = gated(rx)
    for text in TEXTS:
        assert bool(g.search(text)) == bool(rx.search(text))
        assert [m.span() for m in g.finditer(text)] == [m.span() for m in rx.finditer(text)]


def test_gate_table_lists_patterns_in_order_ungated_ones_always() -> None:
    table = GateTable([frozenset({"shell"}), None, frozenset({"bomb", "blast"}), frozenset({"raid"})])
    assert table.hits(literals_in("A blast and shelling")) == [0, 1, 2]
    assert table.hits(literals_in("nothing here")) == [1]


def test_timex_scan_finds_what_the_unguarded_patterns_find() -> None:
    """The scan runs gated patterns behind a start-of-word test; its candidates are those of the plain patterns."""

    def plain(text: str) -> list[tuple[int, int, str, dict]]:
        cands = []
        for name, rx in dates._TIMEX_RX:
            pos = 0
            while (m := rx.search(text, pos)) is not None:
                s, e = m.span()
                pos = s + 1
                if e == s:
                    continue
                edge = dates._WORD_EDGE.match
                if (s > 0 and edge(text[s - 1]) and edge(text[s])) or (
                    e < len(text) and edge(text[e]) and edge(text[e - 1])
                ):
                    continue
                cands.append((s, e, name, m.groupdict()))
                pos = e if name not in ("duration", "ref", "relunit") else s + 1
        return sorted(cands, key=lambda c: (-(c[1] - c[0]), dates._PRIORITY[c[2]], c[0]))

    extra = ["Holidays: the two-year-old truce held for weeks, until Friday's 5 p.m. deadline in mid-2016."]
    for text in TEXTS + extra:
        got = [(s, e, n, m.groupdict()) for s, e, n, m in dates._timex_candidates(text)]
        assert got == plain(text)
