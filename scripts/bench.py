#!/usr/bin/env python3
"""`make bench`: runs every benchmark, shows each as it runs, and writes
BENCHMARKS.md: the machine and the date, then each benchmark's own report
(every figure beside its target, and the comparisons with Python Jinja2,
Handlebars.js and LiquidJS). Numbers only from this run; a slow figure is
reported, never a failure. Run after `make build` (the Makefile does).
"""

import datetime
import os
import pathlib
import platform
import subprocess
import sys

import sizes

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")

# (title, what it measures, commands run first (a pair: the file its output goes to), the command whose output is the report)
SECTIONS = [
    ("Advertising-law wording",
     "`absolute-term` on a corpus of promotional and service sentences with verdicts written from the Advertising Law (crates/engine/tests/absolute_corpus.tsv).",
     [],
     [sys.executable, "scripts/bench_wording.py"]),
    ("Check engine, natively",
     "criterion medians of `check()`: a 2 KB and a 50 KB template with 5 sample profiles, and a runaway template stopped by `render-limit`.",
     [["cargo", "bench", "-p", "notice-engine", "--bench", "check"]],
     [sys.executable, "scripts/bench_report.py"]),
    ("Storage load, keystroke latency and runaway templates, in Chromium",
     "the built page: a library of 10,000 realistic templates decoded from local storage; keystroke to preview for a 2 KB template with 5 profiles; typing a runaway template to its `render-limit` message.",
     [(["cargo", "run", "--release", "-q", "-p", "notice-engine", "--example", "realistic_library", "--", "10000"], "target/realistic-library.json")],
     ["node", "scripts/bench_browser.mjs", "target/realistic-library.json"]),
    ("Mail merge, natively and against Python Jinja2",
     "`notice merge` (built with `--profile cli`) renders and checks 10,000 recipients x a 1 KB template; Python Jinja2 renders the same rows in the same run.",
     [["cargo", "build", "--profile", "cli", "-q", "-p", "notice-cli"]],
     [sys.executable, "scripts/bench_merge.py", "target/cli/notice", PYTHON]),
    ("Mail merge in Chromium",
     "the files worker merges 10,000 recipients; the merge page merges 100,000, with the tab's peak memory.",
     [],
     ["node", "scripts/bench_merge_browser.mjs"]),
    ("Template engines side by side",
     "the same 10,000 recipients and template rendered by Handlebars.js and LiquidJS in the app's own Chromium page, beside Notice Studio's merge there and Python Jinja2.",
     [],
     ["node", "scripts/bench_engines.mjs"]),
]


def run(cmd, capture):
    print(f"\n$ {' '.join(cmd)}", flush=True)
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE if capture else None, text=True, encoding="utf-8")
    if capture:
        sys.stdout.write(proc.stdout)
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed ({proc.returncode})")
    return proc.stdout if capture else ""


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "not found"


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) // (1024 * 1024) for line in pathlib.Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    jinja2 = version([PYTHON, "-c", "import jinja2; print('Jinja2', jinja2.__version__)"])
    return [
        f"- machine: {cpu}, {os.cpu_count()} cores, {memory} GiB, {platform.system()} {platform.release()} ({platform.machine()})",
        f"- {version(['rustc', '--version'])}; Node.js {version(['node', '--version'])}; {version(['chromium', '--version'])}; Python {platform.python_version()} with {jinja2}",
    ]


def main():
    started = datetime.datetime.now(datetime.timezone.utc)
    out = ["# Benchmarks", "",
           f"Written by `make bench` on {started:%Y-%m-%d %H:%M} UTC; every number below comes from that run. "
           "Targets are goals we publish: each figure stands beside its target, and a miss says so.", "", *machine()]
    for title, what, setup, report in SECTIONS:
        for step in setup:
            if isinstance(step, tuple):
                cmd, into = step
                print(f"\n$ {' '.join(cmd)} > {into}", flush=True)
                with open(ROOT / into, "w", encoding="utf-8") as f:
                    if subprocess.run(cmd, cwd=ROOT, stdout=f).returncode != 0:
                        sys.exit(f"bench: {' '.join(cmd)} failed")
            else:
                run(step, capture=False)
        text = run(report, capture=True)
        out += ["", f"## {title}", what, "", "```", text.strip("\n"), "```"]
    print("\n$ bundle sizes", flush=True)
    files, totals = sizes.measure()
    out += ["", "## Bundle size", "Gzipped (level 9) bytes of `dist/` as built, against the budgets `make test` enforces.", "",
            "| part | gzipped | budget | verdict |", "| --- | --- | --- | --- |"]
    for part, budget in sizes.BUDGETS.items():
        verdict = "within budget" if totals[part] <= budget else "OVER BUDGET"
        out.append(f"| {part} | {totals[part] / 1024:.1f} KB | {budget // 1024} KB | {verdict} |")
        print(f"  {part}: {totals[part] / 1024:.1f} KB (budget {budget // 1024} KB)")
    (ROOT / "BENCHMARKS.md").write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\nwrote BENCHMARKS.md")


if __name__ == "__main__":
    main()
