#!/usr/bin/env bash
# The home page's first load in Debian's Chromium: bytes of JavaScript, CSS and fonts on the
# wire (issue 15: under 150 KiB of JavaScript compressed, DSFR included). Builds the portal first.
# GUICHET_BIN=path compares another build of the server.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd web && npm run --silent build >/dev/null)
node web/scripts/first-load.mjs
