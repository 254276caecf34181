"""Extracts the cases of Jinja2's own test suite that a Notice Studio user could
write: one template (plus, for includes, imports and extends, the templates of a
DictLoader), JSON data, and a default Environment.

How: Jinja2's test suite (tests/ of the pinned sdist) runs under pytest with
Environment.from_string and Template.render instrumented. Every compile and
render whose environment is a default Environment and whose data is JSON (tuples
read as lists; values the templates never name are dropped) is recorded. Then
each case is rendered again, alone, with its JSON data in a fresh default
Environment: that output, or the error's class, is what the case expects.

    python extract.py JINJA2_SDIST_DIR OUT.json     write the cases
    python extract.py JINJA2_SDIST_DIR --check      compare with cases.json

Deterministic for a given sdist (`random` is seeded): the same input writes
the same file. `make test` runs --check, so cases.json is what Jinja2 says.
"""

import json
import math
import random
import re
import pathlib
import sys

import jinja2
import pytest
from jinja2 import DictLoader, Environment
from jinja2.environment import Template

DEFAULT = Environment()
SETTINGS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
    "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
    "undefined", "finalize", "autoescape", "is_async", "extensions", "filters", "tests", "policies",
)


def is_default(env):
    if type(env) is not Environment or any(getattr(env, key) != getattr(DEFAULT, key) for key in SETTINGS):
        return False
    if any(env.globals.get(name) is not value for name, value in DEFAULT.globals.items()):
        return False
    if not is_plain(extra_globals(env)):
        return False
    loader = env.loader
    return loader is None or (type(loader) is DictLoader and all(type(s) is str for s in loader.mapping.values()))


def extra_globals(env):
    """Globals beyond Jinja2's own (range, dict, lipsum, ...): data like the context's."""
    return {name: value for name, value in env.globals.items() if name not in DEFAULT.globals}


class NotPlain(Exception):
    pass


def plain(value):
    """The value as JSON data, or NotPlain: tuples read as lists, but a Markup
    string, a set or an object means something JSON cannot say."""
    kind = type(value)
    if value is None or kind in (str, bool):
        return value
    if kind is int and -(2**63) <= value < 2**63:
        return value
    if kind is float and math.isfinite(value):
        return value
    if kind in (list, tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict) and all(type(k) is str for k in value):
        return {k: plain(v) for k, v in value.items()}
    raise NotPlain


def plain_context(context, sources):
    """The data as JSON, leaving out names the templates never mention (tests
    often pass the same objects to every template of a parametrised test)."""
    text = "\n".join(sources)
    data = {}
    for name, value in context.items():
        try:
            data[name] = plain(value)
        except NotPlain:
            if re.search(rf"\b{re.escape(name)}\b", text):
                raise
    return data


def is_plain(value):
    try:
        plain(value)
        return True
    except NotPlain:
        return False


class Recorder:
    def __init__(self):
        self.cases = {}
        self.test = None

    def pytest_runtest_setup(self, item):
        self.test = item.nodeid

    def record(self, env, source, context):
        templates = dict(sorted(env.loader.mapping.items())) if env.loader else {}
        globals_ = plain(extra_globals(env))
        key = json.dumps([source, templates, globals_, context], ensure_ascii=False)
        self.cases.setdefault(key, {"test": self.test, "source": source, "templates": templates, "globals": globals_, "context": context})


RECORDER = Recorder()
original_from_string = Environment.from_string
original_render = Template.render


def from_string(self, source, globals=None, template_class=None):
    try:
        template = original_from_string(self, source, globals, template_class)
    except Exception:
        if type(source) is str and not globals and is_default(self):
            RECORDER.record(self, source, {})
        raise
    template._suite_source = source if type(source) is str and not globals else None
    return template


def render(self, *args, **kwargs):
    context = dict(*args, **kwargs)
    env = self.environment
    source = getattr(self, "_suite_source", None)
    if source is None and env.loader is not None and self.name in getattr(env.loader, "mapping", {}):
        source = env.loader.mapping[self.name]
    if source is not None and is_default(env) and dict(self.globals) == dict(env.globals):
        sources = [source, *getattr(env.loader, "mapping", {}).values()]
        try:
            RECORDER.record(env, source, plain_context(context, sources))
        except NotPlain:
            pass
    return original_render(self, *args, **kwargs)


def expected(case):
    """What real Jinja2 does with the case alone: {"output": ...} or {"error": class name}."""
    env = Environment(loader=DictLoader(case["templates"]) if case["templates"] else None)
    env.globals.update(case["globals"])
    random.seed(0)
    try:
        return {"output": env.from_string(case["source"]).render(case["context"])}
    except Exception as err:  # the class is the expectation; the wording is Jinja2's own
        return {"error": type(err).__name__}


def main(sdist, out):
    """Writes the cases to `out`, or with `--check` compares them with cases.json."""
    check = out == "--check"
    committed = pathlib.Path(__file__).with_name("cases.json")
    tests = pathlib.Path(sdist) / "tests"
    Environment.from_string = from_string
    Template.render = render
    try:
        # The async suites need trio and an async Environment, which is not a default one.
        skipped = [f"--ignore={tests / name}" for name in ("test_async.py", "test_async_filters.py")]
        pytest.main([str(tests), *skipped, "-q", "-p", "no:cacheprovider", "-W", "ignore", "--no-header"], plugins=[RECORDER])
    finally:
        Environment.from_string = original_from_string
        Template.render = original_render
    cases = []
    for case in RECORDER.cases.values():
        case.update(expected(case))
        cases.append(case)
    document = {
        "jinja2": jinja2.__version__,
        "about": "Cases of Jinja2's own test suite: template (+ DictLoader templates) + JSON data in a default "
                 "Environment, with what Jinja2 renders. Written by extract.py; do not edit.",
        "cases": cases,
    }
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    print(f"{len(cases)} cases from Jinja2 {jinja2.__version__}'s test suite")
    if not check:
        pathlib.Path(out).write_text(text, encoding="utf-8")
        return 0
    same = committed.read_text(encoding="utf-8") == text
    print("cases.json is what extraction writes" if same else f"cases.json differs from what extraction writes: run {__file__} SDIST {committed}")
    print(f"{int(same)} passed, {int(not same)} failed")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
