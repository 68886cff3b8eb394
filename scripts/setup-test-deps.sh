#!/usr/bin/env bash
# Installs what the external checks of the test suite need; idempotent and quick when all is there.
#   Debian: chromium (report checks, driven by Playwright from the test extra), fonts-noto-cjk and
#           fonts-noto-core (Japanese/Chinese and Arabic/Hebrew/Devanagari glyphs, so the browser
#           tests see no missing-glyph boxes), gettext (msgfmt --check), and via
#           tests/clients/ics-check/setup.sh: khal, python3-gi, gir1.2-ical-3.0 (libical)
#   npm:    ical.js for tests/js (pinned in tests/js/package-lock.json)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
for font in fonts-noto-cjk fonts-noto-core; do
  dpkg-query -W -f='${Status}' "$font" 2>/dev/null | grep -q "install ok installed" || need+=("$font")
done
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ "${#need[@]}" -gt 0 ]; then
  echo "setup-test-deps: apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# ics-check (tests/clients/ics-check): ical.js, libical and khal read every calendar we write.
bash "$HERE/tests/clients/ics-check/setup.sh" >/dev/null

if [ ! -f "$HERE/tests/js/node_modules/ical.js/package.json" ]; then
  (cd "$HERE/tests/js" && { npm ci --no-audit --no-fund --silent || npm install --no-audit --no-fund --silent; })
fi
echo "setup-test-deps: ok"
