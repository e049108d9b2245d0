#!/usr/bin/env bash
# Refreshes the committed screenshots (docs/screenshots/) from the pages the browser tests render.
#
#   docs/refresh-screenshots.sh              run the page gallery (PageGalleryIT) and the admin-console tests
#                                            (AdminConsoleIT, SshCertificatesConsoleIT) in Chromium, then copy
#   docs/refresh-screenshots.sh --copy-only  copy what the last test run wrote (e.g. after mvn -B verify)
#
# Test runs write their screenshots under integration-tests/target/ only (screenshots/ for the gallery,
# admin-console/ for the admin console), so `mvn -B verify` never changes the checkout; this script is the one
# step that does. Review the result with `git status docs/`.
set -euo pipefail
cd "$(dirname "$0")/.."

gallery=integration-tests/target/screenshots
console=integration-tests/target/admin-console
case "${1:-}" in
  --copy-only) ;;
  "") mvn -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
        -Dit.test=PageGalleryIT,AdminConsoleIT,SshCertificatesConsoleIT ;;
  *) echo "usage: $0 [--copy-only]" >&2; exit 2 ;;
esac

copied=0
copy() { # from to
  if [ -n "$(find "$1" -name '*.png' -print -quit 2>/dev/null)" ]; then
    mkdir -p "$2"
    cp -R "$1"/. "$2"/
    echo "$2 refreshed: $(find "$1" -name '*.png' | wc -l) screenshots from $1"
    copied=$((copied + 1))
  else
    echo "No screenshots in $1 (its tests did not run, or Chromium is missing)." >&2
  fi
}
copy "$gallery" docs/screenshots
copy "$console" docs/screenshots/admin-console
if [ "$copied" -eq 0 ]; then
  echo "Run the browser tests first (they need chromium and chromium-driver)." >&2
  exit 1
fi
