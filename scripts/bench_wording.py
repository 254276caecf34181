#!/usr/bin/env python3
"""Prints how `absolute-term` does on its corpus (crates/engine/tests/absolute_corpus.tsv:
sentences whose verdicts were written from the Advertising Law, not from the
checker): claims found and ordinary sentences flagged, beside the floors the
test holds them to.
"""

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LINE = re.compile(r"absolute-term corpus: (\d+) of (\d+) claims found \(recall ([\d.]+) %\), (\d+) false alarms in (\d+) ordinary sentences")


def main():
    cmd = ["cargo", "test", "-q", "-p", "notice-engine", "--test", "absolute_corpus", "--", "--nocapture"]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    found = LINE.search(out.stdout + out.stderr)
    if not found:
        sys.exit(f"bench_wording: no figures in the test's output:\n{out.stdout}{out.stderr}")
    hits, claims, recall, alarms, ordinary = found.groups()
    print("| figure | measured | floor |")
    print("| --- | --- | --- |")
    print(f"| claims found | {hits} of {claims} ({recall} %) | all but 3 |")
    print(f"| false alarms | {alarms} of {ordinary} ordinary sentences | at most 2 |")


if __name__ == "__main__":
    main()
