"""The release's download sizes (gzipped, level 9) against their budgets: the
size gate of `make test` and the bundle section of BENCHMARKS.md.

First load = the editor page's wasm, JS, CSS, HTML and icon; each worker, the
service worker and the merge page (dist/merge/) load later and have budgets
of their own, so none can grow unnoticed.
"""

import gzip
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
SUFFIXES = {".wasm", ".js", ".css", ".html", ".svg"}
FIRST_LOAD = "first load"
# (part, file-name prefix, budget in bytes); the aim for the first load is 300 KB.
PARTS = (
    # Minijinja, the rules and the starter gallery: loads after the page is usable.
    # 420 -> 430 KB for issue #19: Jinja2's own filter definitions, Python's
    # print forms and the jinja2-compat constructs cost 21 KB (ARCHITECTURE.md);
    # 430 -> 434 KB for issue #22's platform review rules (4.8 KB).
    ("engine worker", "notice-worker", 434 * 1024),
    # Export and import (file formats, zip, rendered files, reports) and the
    # mail merge: starts on the first export, import or merge. 520 -> 533 KB
    # for issue #22's conversions for sending systems and platform rules (26 KB).
    ("files worker", "notice-files", 533 * 1024),
    # Fetched by the browser once the page runs, to cache the release.
    ("service worker", "sw.js", 8 * 1024),
)
# The first load's budget went from 400 to 410 KB for issue #18's trust
# features (the ready override, the stale preview, declaring a field: 9 KB
# after the JS glue was minified), then to 436 KB for issue #20's packed
# storage (deflate and inflate in the page, which alone writes storage: 25 KB;
# ARCHITECTURE.md), then to 456 KB for issue #21's first ten minutes (the
# body-first editor, the pane tabs of narrow screens, focus moves, coverage
# gaps that create their template: 7.3 KB; the partials editor: 14 KB), then
# to 465 KB for its checks grouped by rule, the undeclared-field offer under the
# body and each including template's verdict in the partials view (8.5 KB),
# then to 476 KB for issue #22's "export for a sending system" (an e-mail's
# subject and body) and the SMS platform choice (10.9 KB). Issue #20 aims at 300 KB.
BUDGETS = {FIRST_LOAD: 476 * 1024, **{part: budget for part, _, budget in PARTS}, "merge page": 300 * 1024}


def measure(dist=DIST):
    """(files, totals): each file of `dist` as (name, raw bytes, gzipped bytes, part), and each part's gzipped total."""
    files = []
    for path in sorted(p for p in dist.iterdir() if p.suffix in SUFFIXES):
        raw = path.read_bytes()
        part = next((part for part, prefix, _ in PARTS if path.name.startswith(prefix)), FIRST_LOAD)
        files.append((path.name, len(raw), len(gzip.compress(raw, 9)), part))
    totals = {part: sum(size for *_, size, p in files if p == part) for part in BUDGETS}
    totals["merge page"] = sum(len(gzip.compress(p.read_bytes(), 9)) for p in (dist / "merge").iterdir() if p.suffix in SUFFIXES)
    return files, totals


def report(dist=DIST):
    """Prints every file and each part against its budget; returns [(part, within budget)]."""
    files, totals = measure(dist)
    for name, raw, size, part in files:
        print(f"  {name:<48} {raw:>9} B raw {size:>9} B gzip  ({part})")
    verdicts = []
    for part, budget in BUDGETS.items():
        ok = 0 < totals[part] <= budget
        print(f"  {part}: {totals[part] / 1024:.1f} KB gzipped; budget {budget // 1024} KB: {'ok' if ok else 'OVER BUDGET'}")
        verdicts.append((part, ok))
    return verdicts


if __name__ == "__main__":
    report()
