"""Renders every conformance case with real Python Jinja2 and requires the
exact bytes in its .out file, the same file the engine's own test
(crates/engine/tests/conformance.rs) holds minijinja to. Together the two
prove the preview renders byte for byte as Jinja2 will.

Jinja2 is used with its defaults (no autoescape, Undefined for missing
values, trailing newline dropped), the settings our exports document, and
with our custom filters installed from notice_filters.py, the module every
export ships.
"""

import importlib.util
import json
import pathlib
import sys
import tempfile
import zipfile

import jinja2

CASES = pathlib.Path(__file__).parent / "cases"
ROOT = pathlib.Path(__file__).resolve().parents[2]
# Written by crates/engine/tests/export.rs (cargo test runs before this script).
EXPORT_ZIP = ROOT / "target" / "tmp" / "export" / "library.zip"
EXPORT_RENDERS = ROOT / "target" / "tmp" / "export" / "renders.json"
NOTICE_FILTERS = ROOT / "crates" / "engine" / "src" / "files" / "export" / "notice_filters.py"


def load_module(path):
    sys.dont_write_bytecode = True  # no __pycache__ in the engine's source tree
    spec = importlib.util.spec_from_file_location("notice_filters", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


notice_filters = load_module(NOTICE_FILTERS)


def check(name, expected, render):
    try:
        actual = render()
    except Exception as exc:  # a case that fails to render is a failed case
        actual = f"<{type(exc).__name__}: {exc}>"
    if actual == expected:
        print(f"ok   {name}")
        return True
    print(f"FAIL {name}\n  expected: {expected!r}\n  jinja2:   {actual!r}")
    return False


def exported() -> tuple[int, int]:
    """The starter gallery and the check corpus as Notice Studio exports them:
    the zip unpacked by Python's zipfile, loaded with FileSystemLoader and
    the notice_filters.py inside it, every template with every sample
    profile, body and subject, against what the engine rendered."""
    if not EXPORT_RENDERS.exists():
        print(f"FAIL export: {EXPORT_RENDERS} is missing (run cargo test -p notice-engine --test export first)")
        return 0, 1
    renders = json.loads(EXPORT_RENDERS.read_text(encoding="utf-8"))
    passed = failed = 0
    with tempfile.TemporaryDirectory() as root:
        zipfile.ZipFile(EXPORT_ZIP).extractall(root)
        env = jinja2.Environment(loader=jinja2.FileSystemLoader([root, f"{root}/partials"]))
        load_module(pathlib.Path(root) / "notice_filters.py").install(env)
        read = lambda path: json.loads((pathlib.Path(root) / path).read_text(encoding="utf-8"))
        manifest = read("manifest.json")
        subjects = {entry["file"]: entry["template"]["subject"] for entry in manifest["templates"]}
        samples = {entry["file"]: entry["samples"] for entry in manifest["templates"]}
        # The library-wide profiles come after each template's own, unless one of its own has that name.
        shared = read(manifest["profiles"]) if "profiles" in manifest else []
        if check("export profiles.json holds the library-wide profiles", True, lambda: len(shared) > 0):
            passed += 1
        else:
            failed += 1

        def data_of(file, name):
            own = read(samples[file])
            profiles = own + [p for p in shared if p["name"] not in {o["name"] for o in own}]
            return next((json.loads(p["data"] or "{}") for p in profiles if p["name"] == name), {})

        for expected in renders:
            file = expected["file"]
            data = data_of(file, expected["profile"])
            for part, render in (
                ("body", lambda: env.get_template(file).render(data)),
                ("subject", lambda: env.from_string(subjects[file]).render(data)),
            ):
                if check(f"export {file} [{expected['profile']}] {part}", expected[part], render):
                    passed += 1
                else:
                    failed += 1
    return passed, failed


def loader() -> tuple[int, int]:
    """tests/conformance/loader: extends, import and include of files in the
    template's folder and a search path, as `notice render --search-path`
    renders them (crates/cli/tests/cli.rs holds the CLI to the same .out)."""
    root = CASES.parent / "loader"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(root), str(root / "shared")]))
    data = json.loads((root / "welcome.json").read_text(encoding="utf-8"))
    expected = (root / "welcome.out").read_text(encoding="utf-8")
    ok = check("loader welcome.j2", expected, lambda: env.get_template("welcome.j2").render(data))
    return int(ok), int(not ok)


def filter_errors() -> tuple[int, int]:
    """What the cases cannot show: notice_filters.py fails as the engine does."""
    env = notice_filters.install(jinja2.Environment())
    message = 'unknown mask format "shoe-size" (use phone, id-number, bank-card, email or name)'

    def error_of(source):
        try:
            return f"rendered {env.from_string(source).render()!r}"
        except jinja2.exceptions.FilterArgumentError as exc:
            return str(exc)

    passed = failed = 0
    for name, source in (
        ("filters: unknown mask format", '{{ "x" | mask("shoe-size") }}'),
        ("filters: unknown mask format of a missing value", '{{ nothing | mask("shoe-size") }}'),
    ):
        if check(name, message, lambda: error_of(source)):
            passed += 1
        else:
            failed += 1
    return passed, failed


def main() -> int:
    env = notice_filters.install(jinja2.Environment(loader=jinja2.FileSystemLoader(str(CASES))))
    cases = sorted(CASES.glob("*.j2"))
    passed = failed = 0
    for template_path in cases:
        name = template_path.stem
        data = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
        expected = (CASES / f"{name}.out").read_text(encoding="utf-8")
        if check(name, expected, lambda: env.get_template(template_path.name).render(data)):
            passed += 1
        else:
            failed += 1
    for part in (loader, filter_errors, exported):
        part_passed, part_failed = part()
        passed += part_passed
        failed += part_failed
    print(f"jinja2 {jinja2.__version__}: {passed} passed, {failed} failed")
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
