#!/usr/bin/env python3
"""Prints the medians criterion measured (target/criterion) against their targets.

Targets are goals we publish, not test assertions: a busy machine must not fail CI.
"""

import json
import pathlib
import platform
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGETS_MS = {
    "check 2KB x5 profiles": 2.0,
    "check 50KB x5 profiles": 20.0,
    "runaway template stopped": 100.0,
}


def cpu_model():
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown cpu"


def main():
    print(f"\nmachine: {cpu_model()}, {platform.machine()}, {sys.platform}")
    print(f"{'benchmark':<28} {'median':>10} {'target':>10}  verdict")
    for name, target in TARGETS_MS.items():
        estimates = ROOT / "target" / "criterion" / name / "new" / "estimates.json"
        if not estimates.exists():
            print(f"{name:<28} {'not run':>10} {target:>8.1f}ms")
            continue
        median_ms = json.loads(estimates.read_text())["median"]["point_estimate"] / 1e6
        verdict = "meets target" if median_ms <= target else "OVER TARGET"
        print(f"{name:<28} {median_ms:>8.2f}ms {target:>8.1f}ms  {verdict}")


if __name__ == "__main__":
    main()
