#!/usr/bin/env bash
# Installs what the project needs on a fresh machine; quick when all is present.
#   scripts/setup.sh build   tools for `make run`: wasm32 target, trunk, wasm-bindgen, wasm-opt
#   scripts/setup.sh test    the above, plus Chromium, ChromeDriver, CJK fonts,
#                            Python Jinja2 (project-local .venv) and its test suite, the e2e
#                            driver and cargo-fuzz
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
# Keep in step with scripts/minify_js.py.
TERSER_VERSION=5.44.0
CARGO_FUZZ_VERSION=0.13.1
TOOLS_DIR="${NOTICE_TOOLS_DIR:-$HOME/.local/share/notice-studio}"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# The wasm-bindgen CLI must be exactly the version the app links against.
wasm_bindgen_version() {
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown ||
    { say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
}

ensure_trunk() {
  trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION" ||
    { say "installing trunk $TRUNK_VERSION (about 9 minutes, once)"; cargo install --locked "trunk@$TRUNK_VERSION"; }
}

ensure_wasm_bindgen() {
  local version; version=$(wasm_bindgen_version)
  [ -n "$version" ] || { echo "setup: no wasm-bindgen in Cargo.lock" >&2; exit 1; }
  wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $version" ||
    {
      say "installing wasm-bindgen-cli $version"
      # --locked first; the registry here lacks some of its locked versions, so
      # fall back to fresh resolution of its (not our) dependencies.
      cargo install --locked --force "wasm-bindgen-cli@$version" || cargo install --force "wasm-bindgen-cli@$version"
    }
}

# Trunk finds wasm-opt on PATH; the Makefile puts $TOOLS_DIR/bin there.
ensure_wasm_opt() {
  local dir="$TOOLS_DIR/binaryen-$BINARYEN_VERSION"
  [ -x "$dir/node_modules/.bin/wasm-opt" ] ||
    { say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"; npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"; }
  mkdir -p "$TOOLS_DIR/bin"
  ln -sfn "$dir/node_modules/.bin/wasm-opt" "$TOOLS_DIR/bin/wasm-opt"
}

# The release build's JS minifier (scripts/minify_js.py, a Trunk hook).
ensure_terser() {
  local dir="$TOOLS_DIR/terser-$TERSER_VERSION"
  [ -x "$dir/node_modules/.bin/terser" ] ||
    { say "installing terser $TERSER_VERSION (npm)"; npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "terser@$TERSER_VERSION"; }
}

ensure_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
    say "installing Chromium, ChromeDriver and CJK fonts from Debian"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
  fi
}

# Reinstalls when the pinned requirements change, tracked by a copy inside.
ensure_venv() {
  local requirements=tests/conformance/requirements.txt
  if ! cmp -s "$requirements" .venv/requirements.installed 2>/dev/null; then
    say "installing Python Jinja2 into .venv"
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" .venv/requirements.installed
  fi
}

# Jinja2's own test suite (in its sdist, which the wheel lacks), from which
# tests/conformance/jinja2_suite/extract.py takes the cases: downloaded once.
JINJA2_SDIST_SHA256=0137fb05990d35f1275a587e9aee6d56da821fc83491a0fb838183be43f66d6d
ensure_jinja2_suite() {
  local dir="$TOOLS_DIR/jinja2-3.1.6"
  [ -d "$dir/tests" ] && return
  say "downloading Jinja2 3.1.6's source (its test suite)"
  local tmp; tmp=$(mktemp -d)
  .venv/bin/pip download --quiet --disable-pip-version-check --no-binary :all: --no-deps --dest "$tmp" jinja2==3.1.6
  echo "$JINJA2_SDIST_SHA256  $tmp/jinja2-3.1.6.tar.gz" | sha256sum --check --quiet
  mkdir -p "$TOOLS_DIR"
  tar -xzf "$tmp/jinja2-3.1.6.tar.gz" -C "$TOOLS_DIR"
  rm -rf "$tmp"
}

ensure_e2e_driver() {
  if ! cmp -s tests/e2e/package-lock.json tests/e2e/node_modules/.package-lock.installed 2>/dev/null; then
    say "installing the end-to-end test driver (playwright-core, no browser download)"
    npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error
    cp tests/e2e/package-lock.json tests/e2e/node_modules/.package-lock.installed
  fi
}

# The fuzz targets (fuzz/, run by scripts/fuzz.py) build with cargo-fuzz.
ensure_cargo_fuzz() {
  cargo fuzz --version 2>/dev/null | grep -q "cargo-fuzz $CARGO_FUZZ_VERSION" ||
    { say "installing cargo-fuzz $CARGO_FUZZ_VERSION"; cargo install --locked "cargo-fuzz@$CARGO_FUZZ_VERSION"; }
}

# Trunk builds with --offline (it must not download tools), which cargo obeys
# too: fetch the locked crates first. Quick when they are already here.
ensure_crates() {
  cargo fetch --locked --quiet
}

case "${1:-}" in
  build) ensure_target; ensure_trunk; ensure_wasm_bindgen; ensure_wasm_opt; ensure_terser; ensure_crates ;;
  test) ensure_target; ensure_trunk; ensure_wasm_bindgen; ensure_wasm_opt; ensure_terser; ensure_crates; ensure_browser; ensure_venv; ensure_jinja2_suite; ensure_e2e_driver; ensure_cargo_fuzz ;;
  *) echo "usage: scripts/setup.sh build|test" >&2; exit 2 ;;
esac
