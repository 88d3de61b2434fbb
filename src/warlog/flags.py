"""Linking's flags in words an analyst reads ("sources disagree on deaths: 12 to 40"), for the report and the web map.

Flags are stored as short machine strings (`figures_disagree:12-40`, `perpetrator_disagrees:a | b`,
`date_disagrees:2017-04-02..2017-04-05`, `single_source`); this module only words them.
"""

from __future__ import annotations

CONTRADICTIONS = ("figures_disagree", "perpetrator_disagrees", "date_disagrees")


def flag_kind(flag: str) -> str:
    """The flag's name without its detail ("figures_disagree")."""
    return flag.partition(":")[0]


def is_contradiction(flag: str) -> bool:
    """Whether independent sources contradict each other on this point."""
    return flag_kind(flag) in CONTRADICTIONS


def describe_flag(flag: str) -> str:
    """One flag as a sentence fragment."""
    kind, _, detail = flag.partition(":")
    if kind == "figures_disagree":
        lo, _, hi = detail.partition("-")
        return f"sources disagree on deaths: {lo} to {hi}" if hi else "sources disagree on deaths"
    if kind == "perpetrator_disagrees":
        names = [a.strip() for a in detail.split("|") if a.strip()]
        return "sources name different perpetrators: " + "; ".join(names) if names else "perpetrator disputed"
    if kind == "date_disagrees":
        first, _, last = detail.partition("..")
        return f"sources give different dates: {first} to {last}" if last else "sources give different dates"
    if kind == "single_source":
        return "one source only"
    words = kind.replace("_", " ")
    return f"{words}: {detail}" if detail else words
