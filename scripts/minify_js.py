#!/usr/bin/env python3
"""Trunk post-build hook: minifies the JavaScript that wasm-bindgen writes.

Trunk's own minifier gives up on wasm-bindgen's glue ("Failed to minify JS")
and ships it as written; terser (npm, installed by scripts/setup.sh into the
tools folder) does the job. The page preloads its module with a Subresource
Integrity hash, so that hash is written anew for each file changed.

Runs for each release `trunk build` on the staged files (TRUNK_STAGING_DIR),
before scripts/csp.py; a debug build is left alone.
"""

import base64
import hashlib
import os
import pathlib
import re
import subprocess
import sys

TERSER_VERSION = "5.44.0"


def terser() -> pathlib.Path:
    tools = pathlib.Path(os.environ.get("NOTICE_TOOLS_DIR", pathlib.Path.home() / ".local/share/notice-studio"))
    path = tools / f"terser-{TERSER_VERSION}" / "node_modules" / ".bin" / "terser"
    if not path.exists():
        sys.exit(f"minify_js.py: {path} is missing; run scripts/setup.sh build")
    return path


def integrity(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def main() -> None:
    if os.environ.get("TRUNK_PROFILE") != "release":
        return
    folder = pathlib.Path(os.environ["TRUNK_STAGING_DIR"])
    index = folder / "index.html"
    html = index.read_text(encoding="utf-8")
    for script in sorted(folder.glob("*.js")):
        before = script.read_bytes()
        # ES modules (the page's glue) keep their exports; worker scripts are classic.
        module = ["--module"] if b"export " in before else []
        subprocess.run([terser(), str(script), *module, "--compress", "--mangle", "--output", str(script)], check=True)
        html = html.replace(integrity(before), integrity(script.read_bytes()))
    index.write_text(html, encoding="utf-8")


if __name__ == "__main__":
    main()
