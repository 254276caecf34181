#!/usr/bin/env python3
"""Runs every test layer of Notice Studio and ends with one summary line.

Layers: native engine tests (cargo test), browser adapter tests
(wasm-bindgen-test in headless Chromium), the release build, the bundle-size
budget, end-to-end tests driving the built page in headless Chromium,
Python Jinja2 conformance, the extraction of Jinja2's own test suite (its
cases are rendered by the engine in cargo test), the preview's .eml file read by Python's
standard email parser, the bundle schema, and every fuzz target for 60 s.
Each layer's own output is shown as it runs; its counts are read from it. A
layer that fails without reporting counts (a build error, say) counts as one
failure. Exits non-zero on any failure.
"""

import os
import pathlib
import re
import subprocess
import sys

import sizes

ROOT = pathlib.Path(__file__).resolve().parent.parent
MERGE_BUILD = ["trunk", "build", "merge.html", "--release", "--offline", "--dist", "dist/merge"]
# The crash-test build: the editor with a way to make it panic (browser/crash.rs),
# for tests/e2e/crash.test.mjs. Built before the release build, which must not have it.
CRASH_BUILD = ["trunk", "build", "--release", "--offline", "--dist", "target/dist-crash"]
OFFLINE = [sys.executable, "scripts/offline.py"]

CARGO_RESULT = re.compile(r"test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored")
NODE_RESULT = {key: re.compile(rf"^ℹ {key} (\d+)$", re.M) for key in ("pass", "fail", "skipped")}
PLAIN_RESULT = re.compile(r"(\d+) passed, (\d+) failed")


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.layers = []

    def add(self, layer, passed, failed, skipped=0):
        self.passed += passed
        self.failed += failed
        self.skipped += skipped
        self.layers.append((layer, passed, failed, skipped))


def run(layer, cmd, env=None):
    """Runs cmd, echoing its output, and returns (exit code, output)."""
    print(f"\n=== {layer}: {' '.join(cmd)}", flush=True)
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace")
    lines = []
    for line in proc.stdout:
        sys.stdout.write(line)
        lines.append(line)
    sys.stdout.flush()
    return proc.wait(), "".join(lines)


def counted(tally, layer, code, passed, failed, skipped=0):
    if code != 0 and failed == 0:
        failed = 1  # the layer broke before it could report
    if code == 0 and passed == 0:
        failed += 1  # a layer that ran no test proves nothing
    tally.add(layer, passed, failed, skipped)


def cargo_layer(tally, layer, cmd, env=None):
    code, out = run(layer, cmd, env)
    results = [tuple(map(int, m)) for m in CARGO_RESULT.findall(out)]
    counted(tally, layer, code, sum(r[0] for r in results), sum(r[1] for r in results), sum(r[2] for r in results))


def node_layer(tally, layer, cmd):
    code, out = run(layer, cmd)
    get = lambda key: sum(map(int, NODE_RESULT[key].findall(out)))
    counted(tally, layer, code, get("pass"), get("fail"), get("skipped"))


def plain_layer(tally, layer, cmd):
    code, out = run(layer, cmd)
    found = PLAIN_RESULT.findall(out)
    passed, failed = map(int, found[-1]) if found else (0, 0)
    counted(tally, layer, code, passed, failed)


def bundle_size_layer(tally):
    print("\n=== bundle size (gzipped: first load = page wasm + js + css + html + icon; then each worker, the merge page)", flush=True)
    for part, ok in sizes.report():
        tally.add(f"bundle size ({part})", int(ok), int(not ok))


def main():
    tally = Tally()
    cargo_layer(tally, "native", ["cargo", "test", "--workspace", "--color", "never"])
    cargo_layer(tally, "browser", ["cargo", "test", "-p", "notice-studio", "--target", "wasm32-unknown-unknown", "--color", "never"], {
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER": "wasm-bindgen-test-runner",
        "CHROMEDRIVER": os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"),
        "WASM_BINDGEN_TEST_TIMEOUT": "120",
    })
    code, _ = run("crash-test build", CRASH_BUILD, {"NOTICE_CRASH_TEST": "1"})
    if code == 0:
        code, _ = run("crash-test build (service worker)", OFFLINE + ["target/dist-crash"])
    if code == 0:
        code, _ = run("release build", ["trunk", "build", "--release", "--offline"])
    if code == 0:
        # After the editor's build, which replaces dist/ whole.
        code, _ = run("release build (merge page)", MERGE_BUILD)
    if code == 0:
        code, _ = run("release build (service worker)", OFFLINE + ["dist"])
    if code == 0:
        bundle_size_layer(tally)
        node_layer(tally, "end-to-end", ["node", "--test", "--test-reporter=spec", "--test-concurrency=1", "tests/e2e/"])
    else:
        tally.add("release build", 0, 1)
    plain_layer(tally, "jinja2 conformance", [str(ROOT / ".venv/bin/python"), "tests/conformance/jinja2_conformance.py"])
    plain_layer(tally, "jinja2 suite extraction", [str(ROOT / ".venv/bin/python"), "tests/conformance/jinja2_suite/extract.py",
                                                   os.path.join(os.environ["NOTICE_TOOLS_DIR"], "jinja2-3.1.6"), "--check"])
    plain_layer(tally, "e-mail file (.eml)", [str(ROOT / ".venv/bin/python"), "tests/conformance/eml_check.py"])
    plain_layer(tally, "bundle schema", [str(ROOT / ".venv/bin/python"), "tests/conformance/bundle_schema_check.py"])
    plain_layer(tally, "fuzzing (60 s a target)", [sys.executable, "scripts/fuzz.py", "60"])

    print("\n=== summary")
    for layer, passed, failed, skipped in tally.layers:
        print(f"  {layer:<29} {passed:>4} passed {failed:>4} failed" + (f" {skipped:>4} skipped" if skipped else ""))
    summary = f"{tally.passed} passed, {tally.failed} failed"
    print(summary + (f", {tally.skipped} skipped" if tally.skipped else ""))
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
