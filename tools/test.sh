#!/usr/bin/env bash
# One command: install, build, and run every test: the scripts' own cases, then the C++
# suites (which start their own throwaway PostgreSQL cluster and servers on loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh
echo "== guichet check scripts"
build/guichet check scripts
echo "== guichet check scripts/guide/exemple"
build/guichet check scripts/guide/exemple
echo "== guichet test scripts"
build/guichet test scripts
echo "== ctest"
cd build
ctest --output-on-failure -j 2 --timeout 600
