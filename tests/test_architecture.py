"""The shape of the house (docs/architecture.md), checked on the source: no import cycles (function-level imports
included), the product never imports its benchmarks or trainers, `link` stays below `eval` and `service`, and the
CLI's command modules never import the CLI package back."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "warlog"
# Benchmarks and training live beside the product: no product module may import them.
STUDY_PACKAGES = ("warlog.eval", "warlog.train")
# The product's entry layers that run benchmarks and training on request.
MAY_IMPORT_STUDIES = ("warlog.cli", "warlog.eval", "warlog.train")


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The module a dotted name lives in (a.b.func -> a.b)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _type_checking_only(tree: ast.Module) -> set[int]:
    """ids of import nodes inside `if TYPE_CHECKING:` blocks (never run)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", "")) == "TYPE_CHECKING":
            skip.update(id(n) for b in node.body for n in ast.walk(b))
    return skip


def imports_of(module: str) -> set[str]:
    """Every warlog module this module imports, at module level or inside functions (TYPE_CHECKING excluded)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_only(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            for a in node.names:
                full = f"{base}.{a.name}"
                names.append(full if full in MODULES else base)  # `from pkg import submodule` imports the submodule
        for name in names:
            target = _resolve(name) if name.startswith("warlog") else None
            if target and target != module:
                found.add(target)
    return found


GRAPH = {m: imports_of(m) for m in MODULES}


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return out


def _under(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def test_the_checker_sees_function_level_imports() -> None:
    assert "warlog.link.run" in GRAPH["warlog.service"] or "warlog.link.run" in GRAPH["warlog.watch"]
    assert len(MODULES) > 60


def test_no_import_cycles() -> None:
    assert _cycles() == []


def test_product_modules_never_import_benchmarks_or_trainers() -> None:
    bad = {
        m: sorted(t for t in targets if _under(t, STUDY_PACKAGES))
        for m, targets in GRAPH.items()
        if not _under(m, MAY_IMPORT_STUDIES)
    }
    assert {m: t for m, t in bad.items() if t} == {}


def test_no_benchmark_modules_in_product_packages() -> None:
    product = [m for m in MODULES if not _under(m, STUDY_PACKAGES)]
    assert [m for m in product if any(w in m.rsplit(".", 1)[-1] for w in ("gvc", "fakes", "benchmark"))] == []


def test_link_stays_below_eval_service_and_the_interfaces() -> None:
    above = ("warlog.eval", "warlog.train", "warlog.service", "warlog.api", "warlog.cli", "warlog.engines")
    for m, targets in GRAPH.items():
        if _under(m, ("warlog.link",)):
            assert not [t for t in targets if _under(t, above)], m


def test_lower_layers_never_import_upper_ones() -> None:
    """model/settings import nothing of warlog's but each other; ingest, gazetteer, store never import extract, link,
    service or the interfaces; extract never imports store, link or service."""
    rules = {
        ("warlog.model", "warlog.settings", "warlog.geometry", "warlog.countries", "warlog.dateparsing"): (
            "warlog.ingest", "warlog.extract", "warlog.gazetteer", "warlog.store", "warlog.link", "warlog.service",
            "warlog.engines", "warlog.api", "warlog.cli", "warlog.eval", "warlog.train",
        ),
        ("warlog.ingest", "warlog.gazetteer", "warlog.store"): (
            "warlog.extract", "warlog.link", "warlog.service", "warlog.engines", "warlog.api", "warlog.cli",
        ),
        ("warlog.extract",): ("warlog.store", "warlog.link", "warlog.service", "warlog.engines", "warlog.api",
                              "warlog.cli"),
    }  # fmt: skip
    for lower, upper in rules.items():
        for m, targets in GRAPH.items():
            if _under(m, lower):
                assert not [t for t in targets if _under(t, upper)], m


def test_cli_command_modules_do_not_import_the_cli_package_back() -> None:
    for m, targets in GRAPH.items():
        if m.startswith("warlog.cli."):
            assert "warlog.cli" not in targets, m
