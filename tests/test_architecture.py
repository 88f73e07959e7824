"""The package's shape, checked: which stage may import which, no import cycles, no private reach-ins,
and a `--help` that loads none of the heavy libraries."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "reportgen"

# stage -> the parts of reportgen it may import (a stage name, or one module of another stage)
ALLOWED = {
    "errors": set(),
    "guards": {"errors", "guards"},
    "conventions": {"errors", "guards", "conventions"},
    "inputs": {"errors", "guards", "conventions", "inputs", "scoring"},
    "scoring": {"errors", "guards", "conventions", "scoring"},
    "model": {"errors", "guards", "conventions", "inputs", "scoring", "model"},
    "render": {"errors", "guards", "conventions", "model.blocks", "model.styles", "render"},
    "output": {"errors", "guards", "model.blocks", "model.styles", "render", "output"},
    # a chart is hashed as the picture it is drawn into (trust/ids.py): render.charts, imported only for that
    "trust": {"errors", "guards", "conventions", "model.blocks", "output.atomic", "render.charts", "trust"},
    "unit": {"errors", "guards", "conventions", "inputs", "render.template_folder", "trust.register"},
    "documents": {"errors", "guards", "conventions", "inputs", "scoring", "model", "render", "output", "trust",
                  "unit", "documents"},
    "cli": {"errors", "guards", "conventions", "inputs", "scoring", "output.atomic", "output.workers", "output.cluster",
            "render.template_folder", "trust", "unit", "documents", "web", "cli", "__init__"},
    "web": {"errors", "guards", "conventions", "inputs", "trust", "unit", "documents", "output.atomic", "output.cluster",
            "output.workers", "render.template_folder", "web", "__init__"},
}
HEAVY = ("weasyprint", "pypdf", "pikepdf", "docx", "pandas", "matplotlib", "openpyxl", "pyhanko", "starlette",
         "uvicorn", "argon2", "pydantic", "dask", "distributed", "fsspec", "psycopg")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[str, list[str], bool]]:
    """Return (imported reportgen module, names imported from it, at module level) for every import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found = []
    known = modules_on_disk()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reportgen"):
            base = node.module[len("reportgen."):] if "." in node.module else "__init__"
            names = [a.name for a in node.names]
            submodules = [f"{base}.{n}" for n in names if f"{base}.{n}" in known]  # from reportgen.x import module
            for sub in submodules:
                found.append((sub, [], id(node) in top))
            if len(submodules) < len(names):
                found.append((base, [n for n in names if f"{base}.{n}" not in known], id(node) in top))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("reportgen."):
                    found.append((alias.name[len("reportgen."):], [], id(node) in top))
    return found


def modules_on_disk() -> set[str]:
    return {module_name(p) for p in PACKAGE.rglob("*.py") if module_name(p)}


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if module_name(p)}


def allowed(importer: str, imported: str) -> bool:
    stage = importer.split(".")[0]
    if stage in ("__main__", "__init__") or imported == "__init__":  # the package's __version__
        return True
    rules = ALLOWED[stage]
    return any(imported == rule or imported.startswith(rule + ".") for rule in rules)


def test_every_module_belongs_to_a_known_stage():
    stages = {name.split(".")[0] for name in modules()} - {"__main__", "__init__"}
    assert stages <= set(ALLOWED), stages - set(ALLOWED)


def test_each_stage_imports_only_what_it_may():
    wrong = [f"{name} -> reportgen.{target}" for name, path in modules().items()
             for target, _, _ in imports(path) if not allowed(name, target)]
    assert not wrong, "imports against the stages' direction:\n" + "\n".join(wrong)


def test_no_module_imports_a_private_name_of_another():
    wrong = [f"{name}: {target}.{n}" for name, path in modules().items()
             for target, names, _ in imports(path) for n in names
             if n.startswith("_") and not n.startswith("__") and target != name]
    assert not wrong, wrong


def test_no_import_cycle_between_modules():
    graph = {name: {t for t, _, top in imports(path) if top and t in modules()} for name, path in modules().items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join(stack[stack.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node)


def test_no_import_cycle_between_stages():
    edges = {(name.split(".")[0], t.split(".")[0]) for name, path in modules().items()
             for t, _, _ in imports(path) if t.split(".")[0] != name.split(".")[0]}
    assert not {(a, b) for a, b in edges if (b, a) in edges}


# The one module per library that may use the library's internals (pyproject.toml exempts only these from ruff's
# SLF001): module -> the pinned packages whose internals it uses.
WRAPPERS = {
    "render/weasy.py": ("weasyprint", "cssselect2"),
    "render/docx_xml.py": ("python-docx",),
    "inputs/xlsx_parts.py": ("openpyxl",),
    "cli/click_internals.py": ("click",),
}
PYPROJECT = PACKAGE.parent / "pyproject.toml"
# What SLF001 does not see: overriding a private method, making an object without its __init__, a private
# attribute read or written by name.
HIDDEN_REACH_IN = re.compile(r"""_page_box|_ua_stylesheets|(?<!super\(\))\.__new__\(|(?:get|set|has)attr\((?!self\b|cls\b)[^,]+,\s*["']_[a-z]""")


def pinned() -> dict[str, str]:
    """Return package -> version of every dependency pyproject.toml pins (runtime and test)."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    return dict(r.split("==") for r in requirements if "==" in r)  # (not the extras the test extra names)


def test_private_access_is_refused_everywhere_but_in_the_wrappers():
    lint = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    assert "SLF001" in lint["select"]  # test_ruff_finds_nothing then fails on any other private access
    exempt = {path for path, rules in lint.get("per-file-ignores", {}).items() if "SLF001" in rules}
    assert exempt == {f"reportgen/{module}" for module in WRAPPERS}


def test_each_wrapper_names_the_pinned_versions_it_relies_on():
    pins = pinned()
    for module, packages in WRAPPERS.items():
        lines = (PACKAGE / module).read_text(encoding="utf-8").splitlines()
        comment = " ".join(line for line in lines[:lines.index(next(l for l in lines if not l.startswith("#")))])
        named = dict(re.findall(r"([\w-]+)==([\w.]+)", comment))
        assert named == {package: pins[package] for package in packages}, (module, named)
        assert "When upgrading, check:" in comment, module


def test_library_internals_stay_in_their_wrappers():
    reach_ins = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if str(p.relative_to(PACKAGE)) not in WRAPPERS and HIDDEN_REACH_IN.search(p.read_text(encoding="utf-8"))]
    assert not reach_ins
    assert HIDDEN_REACH_IN.search((PACKAGE / "render" / "weasy.py").read_text(encoding="utf-8"))  # the check sees them


def test_the_model_uses_no_file_format_library():
    for path in (PACKAGE / "model").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for library in ("pandas", "docx", "jinja2", "weasyprint", "openpyxl"):
            assert f"import {library}" not in text and f"from {library}" not in text, (path.name, library)


def test_help_of_every_command_loads_no_heavy_library():
    script = (
        "import sys\n"
        "from reportgen.cli import main\n"
        "names = ['--help'] + [[c, '--help'] for c in main.commands]\n"
        "for args in names:\n"
        "    try:\n"
        "        main(args if isinstance(args, list) else [args], standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]", out[-500:]


def test_ruff_finds_nothing():
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run([str(ruff), "check", str(PACKAGE), str(PACKAGE.parent / "tests"),
                             str(PACKAGE.parent / "bench"), str(PACKAGE.parent / "scripts")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_only_the_unit_reads_the_profile_and_finds_the_register():
    """unit.yaml, the register and the templates are found in one place (reportgen/unit.py); trust receives
    the register's path."""
    wrong = [name for name, path in modules().items()
             if name not in ("unit", "inputs.profile") and "load_profile(" in path.read_text(encoding="utf-8")]
    assert not wrong, wrong
    assert not [t for name, path in modules().items() if name.startswith("trust")
                for t, _, _ in imports(path) if t.startswith("inputs")]
