#!/usr/bin/env bash
# (a) packaging/prometheus/guichet-rules.yml is valid for Prometheus: `promtool check rules`
# (syntax, PromQL, templates of the annotations, duplicate rules), and so is the example
# configuration of packaging/prometheus/README.md (`promtool check config`).
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
if ! command -v promtool >/dev/null 2>&1; then
  echo "ÉCHEC : promtool est introuvable (paquet Debian « prometheus », installé par tools/deps.sh)" >&2
  exit 1
fi
promtool check rules "$src/packaging/prometheus/guichet-rules.yml"
# The example server configuration of the README, with the rule file it loads.
promtool check config "$src/packaging/prometheus/prometheus.example.yml"
