#!/usr/bin/env bash
# (b) The alerts behave: `promtool test rules` runs guichet-rules.test.yml (series fed in, each
# alert expected to fire or to stay quiet at given times, recordings checked on known series),
# and observability.py checks that every alert is in it both ways, with a severity of page or
# ticket and a summary and description.
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
if ! command -v promtool >/dev/null 2>&1; then
  echo "ÉCHEC : promtool est introuvable (paquet Debian « prometheus », installé par tools/deps.sh)" >&2
  exit 1
fi
# promtool reads rule_files relative to the test file's folder.
(cd "$src/packaging/prometheus" && promtool test rules guichet-rules.test.yml)
python3 "$src/tests/observability/observability.py" rule-tests \
  "$src/packaging/prometheus/guichet-rules.yml" "$src/packaging/prometheus/guichet-rules.test.yml"
