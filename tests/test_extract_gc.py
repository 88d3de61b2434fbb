"""extract_reports raises the garbage collector's young threshold while it extracts a batch and gives the caller's
back after it, also when an extractor fails."""

from __future__ import annotations

import gc

import pytest

from warlog.extract import run
from warlog.model import Report


class _Pipe:
    def pipe(self, texts, batch_size=16):  # noqa: ANN001, ANN201 - a stand-in for spaCy's Language.pipe
        return iter(list(texts))


@pytest.fixture
def threshold():
    held = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*held)


def test_the_threshold_is_raised_during_a_batch_and_restored_after(threshold, monkeypatch):
    seen = []

    def extract(report, doc):  # noqa: ANN001, ANN202
        seen.append(gc.get_threshold())
        if report.id == "r-bad":
            raise ValueError("broken extractor")
        from warlog.model import Extraction

        return Extraction(report=report)

    monkeypatch.setattr(run, "extract_from_doc", extract)
    monkeypatch.setattr(run.regexcache, "save", lambda: None)
    out = run.extract_reports([Report(id="r-ok", text="a"), Report(id="r-bad", text="b")], _Pipe())
    assert seen == [(run.GC_YOUNG_THRESHOLD, 10, 10)] * 2
    assert out[0].error is None and "broken extractor" in out[1].error
    assert gc.get_threshold() == (700, 10, 10)

    def fail(texts, batch_size=16):  # noqa: ANN001, ANN202
        raise RuntimeError("the pipeline broke")

    pipe = _Pipe()
    pipe.pipe = fail
    with pytest.raises(RuntimeError):
        run.extract_reports([Report(id="r-ok", text="a")], pipe)
    assert gc.get_threshold() == (700, 10, 10)


def test_a_higher_threshold_of_the_caller_is_kept(threshold, monkeypatch):
    gc.set_threshold(run.GC_YOUNG_THRESHOLD * 2, 5, 5)
    seen = []
    monkeypatch.setattr(run, "extract_from_doc", lambda report, doc: seen.append(gc.get_threshold()))
    monkeypatch.setattr(run.regexcache, "save", lambda: None)
    run.extract_reports([Report(id="r-ok", text="a")], _Pipe())
    assert seen == [(run.GC_YOUNG_THRESHOLD * 2, 5, 5)]
    assert gc.get_threshold() == (run.GC_YOUNG_THRESHOLD * 2, 5, 5)
