#!/usr/bin/env python3
"""Runs every fuzz target of fuzz/ for a bounded time (issue #9): random input
to each parser and checker a user reaches must neither panic nor hang.

    scripts/fuzz.py [SECONDS_EACH]     (default 60)

Each target starts from its corpus in fuzz/corpus/<target>/ (kept in the
repository) and adds what it finds there. cargo-fuzz wants a nightly
compiler for its -Z flags; RUSTC_BOOTSTRAP lets the stable one take them.
Prints `N passed, N failed` (a target passes when libFuzzer found no crash,
no timeout and no memory blow-up); a failure leaves its input in
fuzz/artifacts/<target>/.
"""

import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"
TARGETS = ["check_template", "sample_json", "import_files", "recipient_list", "stored_state"]


def main() -> int:
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    env = {**os.environ, "RUSTC_BOOTSTRAP": "1"}
    build = subprocess.run(["cargo", "fuzz", "build", "--release"], cwd=FUZZ, env=env)
    if build.returncode != 0:
        print(f"0 passed, {len(TARGETS)} failed (the fuzz targets did not build)")
        return 1
    failed = []
    for target in TARGETS:
        corpus = FUZZ / "corpus" / target
        corpus.mkdir(parents=True, exist_ok=True)
        print(f"\n--- fuzz {target} for {seconds} s", flush=True)
        # A render is bounded by fuel: one input taking 10 s is a hang.
        run = subprocess.run(["cargo", "fuzz", "run", "--release", target, str(corpus), "--",
                              f"-max_total_time={seconds}", "-timeout=10", "-rss_limit_mb=2048", "-max_len=65536",
                              "-print_final_stats=1"], cwd=FUZZ, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, errors="replace")
        # libFuzzer logs every input it keeps: the end says how it went (and, on a crash, why).
        lines = run.stdout.splitlines()
        print("\n".join(lines[-(60 if run.returncode else 12):]), flush=True)
        if run.returncode != 0:
            failed.append(target)
            print(f"fuzz {target}: FAILED (the input is in fuzz/artifacts/{target}/)")
        else:
            print(f"fuzz {target}: no panic, no hang in {seconds} s")
    print(f"{len(TARGETS) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
