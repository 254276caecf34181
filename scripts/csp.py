#!/usr/bin/env python3
"""Trunk post-build hook: gives the built page its Content-Security-Policy.

Trunk starts the wasm module with an inline <script type="module">, which a
policy without 'unsafe-inline' refuses. This moves that script into a file of
its own, named by a hash of its content (so a new release never meets an old
cached copy), and puts the policy in a <meta> right after the charset. The
editor's script also registers the service worker (OFFLINE).

Runs for each `trunk build` (the editor and the merge page) on the staged
index.html: TRUNK_STAGING_DIR names its folder.
"""

import hashlib
import os
import pathlib
import re
import sys

# Self only. 'wasm-unsafe-eval' compiles the wasm modules; styles may be inline
# because e-mail HTML is all inline styles and the preview frame inherits this
# policy (which also keeps its images and links from fetching anything);
# no framed page at all (the preview is an about:srcdoc frame, sandboxed,
# which frame-src does not govern: only it can exist);
# no plugins, no <base>, no form posts.
POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    "connect-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
])

# Added to the editor's start-up script: offline use through the service worker
# (scripts/sw.js, written by scripts/offline.py after the builds), and, when a
# new release has installed beside the running one, a visible "reload to
# update" that lets it take over. Its scope holds the merge page too.
OFFLINE = """
if ('serviceWorker' in navigator) {
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.register('./sw.js').then((registration) => {
    if (!registration) return; // service workers blocked (a test's browser context)
    const offer = () => {
      const waiting = registration.waiting;
      if (!waiting || !hadController || document.querySelector('[data-testid="update"]')) return;
      const zh = document.documentElement.lang.startsWith('zh');
      const bar = document.createElement('div');
      bar.className = 'banner update';
      bar.setAttribute('role', 'status');
      bar.dataset.testid = 'update';
      const text = document.createElement('span');
      text.textContent = zh ? 'Notice Studio 有新版本。' : 'A new version of Notice Studio is ready.';
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = zh ? '重新加载以更新' : 'Reload to update';
      button.addEventListener('click', () => waiting.postMessage('take-over'));
      bar.append(text, ' ', button);
      document.body.prepend(bar);
    };
    offer();
    registration.addEventListener('updatefound', () => registration.installing?.addEventListener('statechange', offer));
  }, (why) => console.warn('Notice Studio works online only here:', why));
  // The new release took over: load it (not on the first visit, when the
  // worker only starts to control a page that already runs this release).
  navigator.serviceWorker.addEventListener('controllerchange', () => hadController && location.reload());
}
"""

INLINE_MODULE = re.compile(r'<script type="?module"?>(.*?)</script>', re.DOTALL)


def harden(html: str, folder: pathlib.Path, offline: bool) -> str:
    scripts = INLINE_MODULE.findall(html)
    if len(scripts) != 1:
        sys.exit(f"csp.py: expected Trunk's one inline module script, found {len(scripts)}")
    boot = scripts[0] + (OFFLINE if offline else "")
    name = f"boot-{hashlib.sha256(boot.encode()).hexdigest()[:16]}.js"
    (folder / name).write_text(boot, encoding="utf-8")
    html = INLINE_MODULE.sub(lambda _: f'<script type="module" src="./{name}"></script>', html)
    # Right after the charset, before anything the policy governs (the
    # minified page has no <head> tag: it is optional in HTML).
    meta = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
    charset = re.search(r"<meta charset=\"?utf-8\"?\s*/?>", html, re.IGNORECASE)
    if not charset:
        sys.exit("csp.py: the page has no <meta charset>")
    return html[: charset.end()] + meta + html[charset.end():]


def main() -> None:
    folder = pathlib.Path(os.environ["TRUNK_STAGING_DIR"])
    page = folder / "index.html"
    # The editor registers the service worker; the merge page, one folder
    # down, is in its scope.
    offline = pathlib.Path(os.environ["TRUNK_HTML_FILE"]).name == "index.html"
    page.write_text(harden(page.read_text(encoding="utf-8"), folder, offline), encoding="utf-8")


if __name__ == "__main__":
    main()
