#!/usr/bin/env bash
# Lints openapi.yaml with the pinned Redocly CLI (installed by tools/deps.sh); exits non-zero
# on any error. No telemetry, no update check.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
exec "$here/node_modules/.bin/redocly" lint --config "$here/redocly.yaml" --format=summary "$here/../../openapi.yaml"
