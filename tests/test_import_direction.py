"""Imports run one way: participation → notices → home → portal.

Every module of the four apps, migrations included, is read with `ast` (imports inside
functions count as much as those at the top, and so do `import_module`/
`import_string` calls and migration dependencies); an app may use only the apps
below it. What must reach upward registers through a hook instead
(portal/extensions.py, notices/extensions.py)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Lowest first: each app may import the ones before it, never the ones after.
ORDER = ("portal", "home", "notices", "participation")
RANK = {app: rank for rank, app in enumerate(ORDER)}
DYNAMIC_IMPORTERS = {"import_module", "import_string", "__import__"}


def modules() -> list[Path]:
    return sorted(path for app in ORDER for path in (ROOT / app).rglob("*.py"))


def resolve(path: Path, node: ast.ImportFrom) -> str:
    """The absolute module an ImportFrom names (relative ones resolved)."""
    if not node.level:
        return node.module or ""
    package = list(path.relative_to(ROOT).with_suffix("").parts[:-1])
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, module) for everything the file imports or depends on."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, resolve(path, node)))
        elif isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            first = node.args[0]
            if name in DYNAMIC_IMPORTERS and isinstance(first, ast.Constant):
                found.append((node.lineno, str(first.value)))
        elif "migrations" in path.parts and _is_dependencies(node):
            found += [
                (element.lineno, element.elts[0].value)
                for element in node.value.elts
                if isinstance(element, ast.Tuple)
                and isinstance(element.elts[0], ast.Constant)
            ]
    return found


def _is_dependencies(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Assign)
        and any(getattr(target, "id", "") == "dependencies" for target in node.targets)
        and isinstance(node.value, ast.List)
    )


def app_of(path: Path) -> str:
    return path.relative_to(ROOT).parts[0]


def edges() -> dict[tuple[str, str], list[str]]:
    """(importing app, imported app) → where, for imports between the four apps."""
    found: dict[tuple[str, str], list[str]] = {}
    for path in modules():
        source = app_of(path)
        for line, module in imported(path):
            target = module.split(".")[0]
            if target in RANK and target != source:
                where = f"{path.relative_to(ROOT)}:{line} imports {module}"
                found.setdefault((source, target), []).append(where)
    return found


def test_the_reader_finds_imports_wherever_they_are(tmp_path):
    # Nested, relative and dynamic imports and migration dependencies are all seen,
    # so the checks below cannot pass by missing them.
    path = tmp_path / "migrations" / "0002_sample.py"
    path.parent.mkdir()
    path.write_text(
        "from django.db import migrations\n"
        "def forwards(apps, schema_editor):\n"
        "    from participation.models import Report\n"
        "    import_module('participation.views')\n"
        "dependencies = [('participation', '0001_initial'), ('auth', '0001')]\n"
    )
    assert sorted(imported(path)) == [
        (1, "django.db"),
        (3, "participation.models"),
        (4, "participation.views"),
        (5, "auth"),
        (5, "participation"),
    ]
    relative = ast.parse("from ..models import EventPage").body[0]
    assert resolve(ROOT / "notices" / "views" / "x.py", relative) == "notices.models"


def test_no_app_imports_an_app_above_it():
    against = [
        where
        for (source, target), places in sorted(edges().items())
        if RANK[target] > RANK[source]
        for where in places
    ]
    heading = "imports against participation → notices → home → portal:\n"
    assert against == [], heading + "\n".join(against)


@pytest.mark.parametrize("start", ORDER)
def test_the_apps_import_each_other_without_a_cycle(start):
    graph: dict[str, set[str]] = {app: set() for app in ORDER}
    for source, target in edges():
        graph[source].add(target)
    path: list[str] = []

    def visit(app: str) -> None:
        assert app not in path, "import cycle: " + " → ".join([*path, app])
        path.append(app)
        for target in sorted(graph[app]):
            visit(target)
        path.pop()

    visit(start)
