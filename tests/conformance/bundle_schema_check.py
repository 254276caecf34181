"""Validates the library bundle the engine exports against its JSON Schema
(crates/engine/src/files/export/bundle.schema.json, draft 2020-12), with the
reference validator `jsonschema`: the schema itself against the metaschema,
the real export, and bundles changed in Python that the schema must accept
or reject. The engine's own test (bundle.rs) holds the schema's keys and
enums to serde; this one holds the export to the schema.
"""

import copy
import importlib.metadata
import json
import pathlib
import re
import sys

import jsonschema
from jsonschema import Draft202012Validator

VERSION = importlib.metadata.version("jsonschema")

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "crates" / "engine" / "src" / "files" / "export" / "bundle.schema.json"
# Written by crates/engine/tests/export.rs (cargo test runs before this script).
BUNDLE = ROOT / "target" / "tmp" / "export" / "library.bundle.json"


def report(name, problems):
    if not problems:
        print(f"ok   {name}")
        return True
    print(f"FAIL {name}")
    for problem in problems[:5]:
        print(f"  {problem}")
    return False


def errors(validator, instance):
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:200]}" for e in validator.iter_errors(instance)]


def changed(bundle, change):
    copied = copy.deepcopy(bundle)
    change(copied)
    return copied


def without(key):
    return lambda obj: obj.pop(key)


def template(change):
    return lambda bundle: change(bundle["templates"][0])


def put(key, value):
    return lambda obj: obj.__setitem__(key, value)


def ready_only(bundle):
    """What a ready-only export of the same library would hold, had every third template been marked ready."""
    for t in bundle["templates"][::3]:
        t["status"] = "ready"
    bundle["selection"] = "ready"
    bundle["templates"] = [t for t in bundle["templates"] if t["status"] == "ready"]


def minimal_template(t):
    for key in list(t):
        if key not in {"name", "channel", "purpose", "audience", "locale", "subject", "body", "samples"}:
            del t[key]


# Bundles the schema must accept: what import reads.
ACCEPTED = [
    ("a ready-only bundle", ready_only),
    ("a note at the top level", put("exported_by", "a converter")),
    ("a template with only its required keys", template(minimal_template)),
    ("settings left to their defaults", put("settings", {})),
    ("a holiday on 29 February of a leap year", template(put("holiday", "2024-02-29"))),
    ("a send time at 23:59", template(put("send_at", "2026-12-31T23:59"))),
]

# Bundles the schema must reject: import refuses them (or, for the misspelt
# key, would silently drop its value).
REJECTED = [
    ("format of another kind of file", put("format", "notice-studio/template-file")),
    ("version 2", put("version", 2)),
    ("selection neither ready nor all", put("selection", "some")),
    ("no templates key", without("templates")),
    ("a template with channel fax", template(put("channel", "fax"))),
    ("a template missing body", template(without("body"))),
    ("a template with locale zh", template(put("locale", "zh"))),
    ("a template with stage WinBack", template(put("stage", "WinBack"))),
    ("a template with a misspelt key", template(put("preheadr", ""))),
    ("a template with revision -1", template(put("revision", -1))),
    ("a sample profile whose data is an object", template(lambda t: t["samples"].append({"name": "n", "data": {"customer": {}}}))),
    ("a holiday on 30 February", template(put("holiday", "2026-02-30"))),
    ("a holiday on 29 February 2100", template(put("holiday", "2100-02-29"))),
    ("a send time at 24:00", template(put("send_at", "2026-11-23T24:00"))),
    ("a rule setting for an unknown rule", lambda b: b["settings"]["rules"].__setitem__("no-such-rule", {"enabled": False})),
    ("rule settings for channel fax", lambda b: b["settings"]["channels"].__setitem__("fax", {})),
    ("a severity of fatal", lambda b: b["settings"]["rules"].__setitem__("syntax", {"severity": "fatal"})),
    ("a field type of text", lambda b: b["shared"]["schema"]["fields"][0].__setitem__("type", "text")),
]


def real_dates(schema):
    """The Date pattern takes exactly the real calendar dates, as the engine
    writes them (YYYY-MM-DD, zero-padded): every month and day number
    0..13 and 0..32 of centuries of years, leap years included."""
    pattern = re.compile(schema["$defs"]["Date"]["pattern"])

    def days_in(year, month):
        if month == 2:
            return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
        return 30 if month in (4, 6, 9, 11) else 31

    problems = []
    for year in [*range(0, 401), *range(1896, 2105), 9996, 10000, 10100, 12000, 2147483647]:
        for month in range(14):
            for day in range(33):
                text = f"{year:04}-{month:02}-{day:02}"
                real = 1 <= month <= 12 and 1 <= day <= days_in(year, month)
                if bool(pattern.search(text)) != real:
                    problems.append(f"{text}: {'real but rejected' if real else 'not a date but accepted'}")
    return problems


def main() -> int:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    passed = failed = 0

    def tally(ok):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1

    try:
        Draft202012Validator.check_schema(schema)
        tally(report("schema is valid JSON Schema draft 2020-12", []))
    except jsonschema.SchemaError as exc:
        tally(report("schema is valid JSON Schema draft 2020-12", [exc.message]))
        print(f"jsonschema {VERSION}: {passed} passed, {failed} failed")
        return 1
    tally(report("Date pattern takes exactly the real dates", real_dates(schema)))

    if not BUNDLE.exists():
        tally(report("exported bundle", [f"{BUNDLE} is missing (run cargo test -p notice-engine --test export first)"]))
    else:
        bundle = json.loads(BUNDLE.read_text(encoding="utf-8"))
        validator = Draft202012Validator(schema)
        tally(report(f"exported bundle ({len(bundle['templates'])} templates) validates", errors(validator, bundle)))
        for name, change in ACCEPTED:
            tally(report(f"accepts {name}", errors(validator, changed(bundle, change))))
        for name, change in REJECTED:
            rejected = not validator.is_valid(changed(bundle, change))
            tally(report(f"rejects {name}", [] if rejected else ["validated"]))

    print(f"jsonschema {VERSION}: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
