"""The garbage collector at process exit, for processes that build a large heap (ingest, extract, link, pool workers).

Interpreter shutdown runs full collections over every object still alive: the loaded spaCy pipeline, the gazetteer's
rows and the extractors' tables and caches, hundreds of thousands of tracked objects. After a 200-article `warlog
ingest` that is about 0.5 s of CPU, all of it after the work is done and the store closed (and the same again in
every spawned pool worker, which ends through a normal shutdown). `gc.freeze()` in an exit handler, which runs before
those collections, moves the heap to the permanent generation that no collection visits: the process ends as before,
its files closed and the other exit handlers run, without walking it. What a command computes never depends on it.
"""

from __future__ import annotations

import atexit
import gc

_registered = False


def no_exit_collection() -> None:
    """Freeze the heap when this process exits, before the shutdown collections (registered once per process)."""
    global _registered
    if not _registered:
        _registered = True
        atexit.register(gc.freeze)
