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

import jinja2

CASES = pathlib.Path(__file__).parent / "cases"
ROOT = pathlib.Path(__file__).resolve().parents[2]
GALLERY = ROOT / "crates" / "engine" / "gallery"
# Written by crates/engine/tests/gallery.rs (cargo test runs before this script).
GALLERY_RENDERS = ROOT / "target" / "tmp" / "gallery-renders.json"
NOTICE_FILTERS = ROOT / "crates" / "engine" / "src" / "export" / "notice_filters.py"


def load_notice_filters():
    sys.dont_write_bytecode = True  # no __pycache__ in the engine's source tree
    spec = importlib.util.spec_from_file_location("notice_filters", NOTICE_FILTERS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


notice_filters = load_notice_filters()


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


def gallery() -> tuple[int, int]:
    """Every starter-gallery file, header comment and all, with its partials
    and profiles, against what the engine's preview rendered."""
    if not GALLERY_RENDERS.exists():
        print(f"FAIL gallery: {GALLERY_RENDERS} is missing (run cargo test -p notice-engine --test gallery first)")
        return 0, 1

    def load(name):
        path = GALLERY / name if name.startswith("templates/") else GALLERY / "partials" / f"{name}.j2"
        return path.read_text(encoding="utf-8")

    env = notice_filters.install(jinja2.Environment(loader=jinja2.FunctionLoader(load)))
    renders = json.loads(GALLERY_RENDERS.read_text(encoding="utf-8"))
    passed = failed = 0
    for slug, profiles in renders.items():
        header = (GALLERY / "templates" / f"{slug}.j2").read_text(encoding="utf-8").split("#}", 1)[0]
        subject = next((line.split(":", 1)[1].strip() for line in header.splitlines() if line.startswith("subject:")), "")
        for profile, expected in profiles.items():
            data = json.loads(expected["data"])
            for part, render in (
                ("body", lambda: env.get_template(f"templates/{slug}.j2").render(data)),
                ("subject", lambda: env.from_string(subject).render(data)),
            ):
                if check(f"gallery {slug} [{profile}] {part}", expected[part], render):
                    passed += 1
                else:
                    failed += 1
    return passed, failed


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
    for part in (filter_errors, gallery):
        part_passed, part_failed = part()
        passed += part_passed
        failed += part_failed
    print(f"jinja2 {jinja2.__version__}: {passed} passed, {failed} failed")
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
