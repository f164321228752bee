"""The project builds on Django's and Wagtail's public ground: nothing in it assigns
to an attribute of a framework module, class or object at run time."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FRAMEWORKS = ("django", "wagtail")
SKIPPED_PARTS = {".venv", "node_modules", "migrations", "__pycache__", ".git"}


def project_files() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if not SKIPPED_PARTS & set(path.relative_to(ROOT).parts)
    ]


def framework_names(tree: ast.Module) -> set[str]:
    """Names a module binds to something imported from Django or Wagtail."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in FRAMEWORKS:
                    names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module.split(".")[0] in FRAMEWORKS:
                names.update(alias.asname or alias.name for alias in node.names)
    return names


def root_name(node: ast.expr) -> str | None:
    """`Page` for `Page.route`, `wagtail` for `wagtail.models.Page.route`."""
    while isinstance(node, ast.Attribute | ast.Subscript):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


class PatchFinder(ast.NodeVisitor):
    """Assignments and setattr/delattr calls whose target hangs off a framework
    name, unless a function's own parameter of that name (a pytest fixture such as
    `settings`) hides the import there."""

    def __init__(self, names: set[str]) -> None:
        self.names = [names]
        self.found: list[tuple[int, str]] = []

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        arguments = node.args
        own = {
            arg.arg
            for arg in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        }
        self.names.append(self.names[-1] - own)
        self.generic_visit(node)
        self.names.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815 -- ast.NodeVisitor's name

    def framework(self, node: ast.expr) -> bool:
        return root_name(node) in self.names[-1]

    def visit_targets(self, node: ast.stmt, targets: list[ast.expr]) -> None:
        for target in targets:
            for part in ast.walk(target):
                if (
                    isinstance(part, ast.Attribute | ast.Subscript)
                    and isinstance(part.ctx, ast.Store | ast.Del)
                    and self.framework(part)
                ):
                    self.found.append((node.lineno, ast.unparse(node)))
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit_targets(node, node.targets)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.visit_targets(node, [node.target])

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.visit_targets(node, [node.target])

    def visit_Delete(self, node: ast.Delete) -> None:
        self.visit_targets(node, node.targets)

    def visit_Call(self, node: ast.Call) -> None:
        if (
            isinstance(node.func, ast.Name)
            and node.func.id in ("setattr", "delattr")
            and node.args
            and self.framework(node.args[0])
        ):
            self.found.append((node.lineno, ast.unparse(node)))
        self.generic_visit(node)


def patched_at(source: str) -> list[tuple[int, str]]:
    """(line, code) of each assignment to a framework object's attribute."""
    tree = ast.parse(source)
    finder = PatchFinder(framework_names(tree))
    finder.visit(tree)
    return sorted(finder.found)


def test_the_scan_recognises_each_way_of_patching():
    source = "\n".join(
        [
            "import wagtail.models",
            "from django.conf import settings as conf",
            "from wagtail.models import Page, Site",
            "from wagtail.query import PageQuerySet as Q",
            "Page.route = lambda *a: None",
            "wagtail.models.Locale.get_active = None",
            "setattr(Site, 'find_for_request', None)",
            "Q.private_q += 1",
            "conf.DEBUG = True",
            "delattr(Page, 'serve')",
            "Page.__dict__['x'] = 1",
            "class Mine(Page): pass",
            "Mine.route = None",  # the project's own class: allowed
            "page = Page(); page.title = 'x'",  # an instance it made: allowed
            "def test(settings): settings.DEBUG = True",  # pytest-django's fixture
        ]
    )
    assert [line for line, _code in patched_at(source)] == [5, 6, 7, 8, 9, 10, 11]


def test_no_project_file_assigns_to_a_framework_attribute_at_run_time():
    found = {
        f"{path.relative_to(ROOT)}:{line}": code
        for path in project_files()
        for line, code in patched_at(path.read_text(encoding="utf-8"))
    }
    assert found == {}
