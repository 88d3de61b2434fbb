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

    def extract(report, doc, accept=True):  # noqa: ANN001, ANN202
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
    monkeypatch.setattr(run, "extract_from_doc", lambda report, doc, accept=True: seen.append(gc.get_threshold()))
    monkeypatch.setattr(run.regexcache, "save", lambda: None)
    run.extract_reports([Report(id="r-ok", text="a")], _Pipe())
    assert seen == [(run.GC_YOUNG_THRESHOLD * 2, 5, 5)]
    assert gc.get_threshold() == (run.GC_YOUNG_THRESHOLD * 2, 5, 5)


def test_the_heap_is_frozen_at_exit_once_registered():
    """gcpolicy.no_exit_collection: one exit handler however often it is asked for, and at exit it freezes the heap
    (a subprocess, so this test process's exit handlers stay as they were)."""
    import subprocess
    import sys

    code = (
        "import atexit, gc\n"
        "from warlog import gcpolicy\n"
        "n = atexit._ncallbacks()\n"
        "atexit.register(lambda k=gc.get_freeze_count(): print('frozen', gc.get_freeze_count() > k + 1000))\n"
        "gcpolicy.no_exit_collection(); gcpolicy.no_exit_collection()\n"  # its handler runs first (LIFO)
        "assert atexit._ncallbacks() == n + 2\n"
        "heap = [[i] for i in range(5000)]\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "frozen True"
