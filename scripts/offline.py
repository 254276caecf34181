#!/usr/bin/env python3
"""Writes DIST/sw.js, the service worker, after both Trunk builds (the editor
into DIST, the merge page into DIST/merge): scripts/sw.js with the list of
every file of the release and a version that changes when any file does.

    python3 scripts/offline.py [DIST]
"""

import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main() -> None:
    dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist")
    files = sorted(p for p in dist.rglob("*") if p.is_file() and ".stage" not in p.parts and p.name != "sw.js")
    if not any(p.name == "index.html" for p in files):
        sys.exit(f"offline.py: {dist} holds no built page")
    version = hashlib.sha256()
    for path in files:
        version.update(path.relative_to(dist).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    names = ["./" + p.relative_to(dist).as_posix() for p in files]
    worker = (ROOT / "scripts" / "sw.js").read_text(encoding="utf-8")
    worker = worker.replace("'__VERSION__'", json.dumps(version.hexdigest()[:16])).replace("__FILES__", json.dumps(names))
    (dist / "sw.js").write_text(worker, encoding="utf-8")
    print(f"offline.py: {dist / 'sw.js'} caches {len(names)} files")


if __name__ == "__main__":
    main()
