"""Renders every conformance case with real Python Jinja2 and requires the
exact bytes in its .out file, the same file the engine's own test
(crates/engine/tests/conformance.rs) holds minijinja to. Together the two
prove the preview renders byte for byte as Jinja2 will.

Jinja2 is used with its defaults (no autoescape, Undefined for missing
values, trailing newline dropped), the settings our exports document.
"""

import json
import pathlib
import sys

import jinja2

CASES = pathlib.Path(__file__).parent / "cases"
ROOT = pathlib.Path(__file__).resolve().parents[2]
GALLERY = ROOT / "crates" / "engine" / "gallery"
# Written by crates/engine/tests/gallery.rs (cargo test runs before this script).
GALLERY_RENDERS = ROOT / "target" / "tmp" / "gallery-renders.json"


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

    env = jinja2.Environment(loader=jinja2.FunctionLoader(load))
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


def main() -> int:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(CASES)))
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
    gallery_passed, gallery_failed = gallery()
    passed += gallery_passed
    failed += gallery_failed
    print(f"jinja2 {jinja2.__version__}: {passed} passed, {failed} failed")
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
