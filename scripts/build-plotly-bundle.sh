#!/usr/bin/env bash
# Build dashboard/vendor/plotly-frontline-<version>.min.js (and its .br and .gz, which
# the app serves as they are) from the npm registry, with the versions pinned in
# scripts/plotly-bundle/package-lock.json: plotly.js with only the traces the page draws
# (scattermap, choroplethmap, and scatter in the core). The output is committed; run this
# only to change the plotly.js version (edit package.json, `npm install
# --package-lock-only` there, rerun, commit the lock and the new files). Needs node, npm
# and the venv's Python (brotli). Reproducible: the same lock gives the same bytes.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SRC="$ROOT/scripts/plotly-bundle"
OUT="$ROOT/dashboard/vendor"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cp "$SRC/package.json" "$SRC/package-lock.json" "$SRC/entry.js" "$SRC/build.mjs" "$WORK/"
cd "$WORK"
npm ci --no-audit --no-fund --loglevel=error --ignore-scripts
VERSION="$(node -p 'require("plotly.js/package.json").version')"
NAME="plotly-frontline-$VERSION.min.js"
node build.mjs "$WORK/$NAME"
mkdir -p "$OUT"
rm -f "$OUT"/plotly-frontline-*.min.js "$OUT"/plotly-frontline-*.min.js.br "$OUT"/plotly-frontline-*.min.js.gz
cp "$WORK/$NAME" "$OUT/$NAME"
# Pre-compressed once at the highest levels (too slow per request); -n: no timestamp.
gzip -9 -n -c "$OUT/$NAME" > "$OUT/$NAME.gz"
"$PY" -c 'import brotli, sys; open(sys.argv[2], "wb").write(brotli.compress(open(sys.argv[1], "rb").read(), quality=11))' "$OUT/$NAME" "$OUT/$NAME.br"
printf 'plotly.js %s (npm), esbuild %s; traces: scatter, scattermap, choroplethmap\nbuilt by scripts/build-plotly-bundle.sh from scripts/plotly-bundle/package-lock.json\n' \
  "$VERSION" "$(node -p 'require("esbuild/package.json").version')" > "$OUT/PLOTLY-VERSION"
sha256sum "$OUT/$NAME" | sed "s#$OUT/##" >> "$OUT/PLOTLY-VERSION"
ls -l "$OUT"
