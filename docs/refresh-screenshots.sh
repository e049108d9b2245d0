#!/usr/bin/env bash
# Refreshes the committed screenshots (docs/screenshots/) from the pages the browser tests render.
#
#   docs/refresh-screenshots.sh              run the page gallery (PageGalleryIT, Chromium), then copy
#   docs/refresh-screenshots.sh --copy-only  copy what the last test run wrote (e.g. after mvn -B verify)
#
# Test runs write their screenshots to integration-tests/target/screenshots/ only, so `mvn -B verify` never
# changes the checkout; this script is the one step that does. Review the result with `git status docs/`.
set -euo pipefail
cd "$(dirname "$0")/.."

src=integration-tests/target/screenshots
case "${1:-}" in
  --copy-only) ;;
  "") mvn -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PageGalleryIT ;;
  *) echo "usage: $0 [--copy-only]" >&2; exit 2 ;;
esac

if [ -z "$(find "$src" -name '*.png' -print -quit 2>/dev/null)" ]; then
  echo "No screenshots in $src: run the browser tests first (they need chromium and chromium-driver)." >&2
  exit 1
fi
mkdir -p docs/screenshots
cp -R "$src"/. docs/screenshots/
echo "docs/screenshots/ refreshed: $(find "$src" -name '*.png' | wc -l) screenshots from $src"
