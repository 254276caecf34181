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


def main() -> int:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(CASES)))
    cases = sorted(CASES.glob("*.j2"))
    passed = failed = 0
    for template_path in cases:
        name = template_path.stem
        data = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
        expected = (CASES / f"{name}.out").read_text(encoding="utf-8")
        try:
            actual = env.get_template(template_path.name).render(data)
        except Exception as exc:  # a case that fails to render is a failed case
            actual = f"<{type(exc).__name__}: {exc}>"
        if actual == expected:
            passed += 1
            print(f"ok   {name}")
        else:
            failed += 1
            print(f"FAIL {name}\n  expected: {expected!r}\n  jinja2:   {actual!r}")
    print(f"jinja2 {jinja2.__version__}: {passed} passed, {failed} failed")
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
