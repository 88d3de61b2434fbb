"""Compiled regular expressions kept between processes.

The extractors compile about 1,300 regexes per process (the actor dictionary's 686 rows, the type lexicon, the gate
index of warlog.extract.literals, spaCy's tokenizer rules), and Python parses each one again in every process:
about 0.7 s of CPU per `warlog ingest` and per pool worker, before the first report. Python's compiler is two steps:
parsing and code generation in pure Python (`re._compiler.compile`), then `_sre.compile`, which builds the pattern
object from the generated code in microseconds. This module keeps the generated code of every pattern a process
compiled in a file in the cache folder (`regex-<python>.pickle`), and the next process builds its pattern objects from
it: the same code, so the same pattern objects, matching the same way.

`install()` puts the cached step in front of `re._compiler.compile` for the whole process (every `re.compile`,
including libraries'); `save()` writes the file when new patterns were compiled (atomic rename; the last writer of
two concurrent processes wins, each file whole). The file is named by the interpreter's version and `_sre.MAGIC`, so
another Python never reads it; a file that cannot be read is ignored and replaced. `WARLOG_REGEX_CACHE=0` turns it
off. The same file keeps other pure functions of a pattern string that warlog computes at start-up (`memo`).
"""

from __future__ import annotations

import atexit
import os
import pickle
import sys
import threading
from array import array
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

try:
    import _sre
    from re import _compiler  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another interpreter
    _sre = None  # type: ignore[assignment]
    _compiler = None  # type: ignore[assignment]

MAX_ENTRIES = 20_000  # the file keeps at most this many patterns (those of the last processes first)
# File format 2: each pattern's code as the bytes of an array of unsigned 32-bit ints (SRE_CODE), made a list again
# when the pattern is used. Format 1 pickled the lists themselves: 5 million ints for 3,300 patterns, 0.23 s to
# unpickle in every process; now the file is read in a few milliseconds and a process converts only what it uses.
_VERSION = 2
_CODE = "I"

_LOCK = threading.RLock()  # loading the file may import modules that compile patterns
_state: dict[str, Any] = {"path": None, "codes": None, "memo": None, "used": set(), "new": 0, "original": None}


def enabled() -> bool:
    return os.environ.get("WARLOG_REGEX_CACHE", "1") not in ("0", "false", "no", "") and _sre is not None


def cache_path() -> Path:
    """The file for this interpreter, in warlog's cache folder."""
    from warlog.settings import default_cache_dir

    tag = f"{sys.implementation.cache_tag}-{sys.version_info.major}.{sys.version_info.minor}."
    tag += f"{sys.version_info.micro}-{getattr(_sre, 'MAGIC', 0)}"
    return default_cache_dir() / f"regex-{tag}.pickle"


def _load() -> None:
    if _state["codes"] is not None:
        return
    path = _state["path"] = _state["path"] or cache_path()
    codes: dict[tuple[Any, int], tuple] = {}
    memo: dict[Hashable, Any] = {}
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
        if isinstance(data, dict) and data.get("version") == _VERSION:
            codes, memo = data["codes"], data["memo"]
    except (OSError, EOFError, pickle.UnpicklingError, KeyError, TypeError, ValueError, AttributeError):
        pass
    _state["codes"], _state["memo"], _state["used"] = codes, memo, set()


def _compile(p: Any, flags: int = 0) -> Any:
    """`re._compiler.compile` with the generated code remembered per (pattern, flags)."""
    original = _state["original"]
    if not isinstance(p, (str, bytes)) or flags & 128:  # a parsed pattern (re.Scanner), or re.DEBUG: as Python does
        return original(p, flags)
    key = (p, int(flags))
    with _LOCK:
        _load()
        hit = _state["codes"].get(key)
        _state["used"].add(key)
    if hit is not None:
        all_flags, code, groups, groupindex, indexgroup = hit
        if isinstance(code, bytes):  # as kept in the file
            code = array(_CODE, code).tolist()
        return _sre.compile(p, all_flags, code, groups, groupindex, indexgroup)
    parsed = _compiler._parser.parse(p, flags)
    code = _compiler._code(parsed, flags)
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    # plain ints: the compiler's opcodes are named int constants that refuse to be pickled
    entry = (
        int(flags | parsed.state.flags),
        [int(c) for c in code],
        parsed.state.groups - 1,
        dict(groupindex),
        tuple(indexgroup),
    )
    with _LOCK:
        _state["codes"][key] = entry
        _state["new"] += 1
    return _sre.compile(p, *entry)


def memo(kind: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """`fn` (a pure function of hashable arguments, returning something picklable) with its answers kept in the
    cache file between processes under `kind`. Without the cache (off, or another interpreter) it is `fn`."""

    def wrapped(*args: Any) -> Any:
        return remembered((kind, *args), lambda: fn(*args))

    wrapped.__wrapped__ = fn  # type: ignore[attr-defined]
    wrapped.__doc__ = fn.__doc__
    return wrapped


def remembered(key: tuple, make: Callable[[], Any]) -> Any:
    """The value kept in the cache file under `key` (hashable, picklable; its first item names the kind), or
    `make()`'s, then kept: for a value that is a pure function of the key (say, of a digest of its inputs). Without
    the cache it is `make()`."""
    if not enabled():
        return make()
    with _LOCK:
        _load()
        hit = _state["memo"].get(key, _MISSING)
        _state["used"].add(key)
    if hit is not _MISSING:
        return hit
    value = make()
    with _LOCK:
        _state["memo"][key] = value
        _state["new"] += 1
    return value


_MISSING = object()


def install() -> None:
    """Route `re` compilations of this process through the cache (once; nothing when turned off)."""
    if not enabled() or _state["original"] is not None:
        return
    _state["path"] = _state["path"] or cache_path()  # before patching: finding it imports modules that compile
    _state["original"] = _compiler.compile
    _compiler.compile = _compile
    atexit.register(save)


def uninstall() -> None:
    """Put Python's own compiler back (tests)."""
    if _state["original"] is not None:
        _compiler.compile = _state["original"]
        _state["original"] = None


def save() -> None:
    """Write the cache file if this process compiled patterns it did not hold (atomic rename)."""
    with _LOCK:
        if not _state["new"] or _state["codes"] is None:
            return
        codes, memo_ = dict(_state["codes"]), dict(_state["memo"])
        used = set(_state["used"])
        _state["new"] = 0
    if len(codes) + len(memo_) > MAX_ENTRIES:  # keep what this process used, then the rest while room is left
        room = MAX_ENTRIES - len(used)
        codes = {k: v for k, v in codes.items() if k in used or (room := room - 1) >= 0}
        memo_ = {k: v for k, v in memo_.items() if k in used or (room := room - 1) >= 0}
    path = _state["path"] or cache_path()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            codes = {k: (v if isinstance(v[1], bytes) else (v[0], array(_CODE, v[1]).tobytes(), *v[2:]))
                     for k, v in codes.items()}  # fmt: skip
            pickle.dump({"version": _VERSION, "codes": codes, "memo": memo_}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        tmp.unlink(missing_ok=True)  # a read-only cache folder: every process compiles, as without the cache


def reset(path: Path | None = None) -> None:
    """Forget what was loaded (tests): the next compile reads `path` (default: the cache folder's file)."""
    with _LOCK:
        _state.update(path=path, codes=None, memo=None, new=0)
