#!/usr/bin/env bash
# One command: install, build, and start the server on the embedded default
# (SQLite in ./data, the shipped scripts). Extra arguments go to `guichet serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh --target guichet
exec build/guichet serve --data-dir data --scripts scripts "$@"
