#!/usr/bin/env bash
# The SDK as an integrator gets it: `cmake --install` of the sdk component into a prefix, the
# example plugin configured and built out of tree with find_package(guichet), then loaded by
# `guichet plugins`. Usage: out_of_tree_test.sh <guichet build dir> <source dir> <guichet binary>
set -euo pipefail
build=$1 source=$2 guichet=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --component sdk --prefix "$work/prefix" > "$work/install.log"
test -f "$work/prefix/include/guichet/guichet_plugin.h"
cmake -S "$source/plugins/example" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" > "$work/configure.log"
cmake --build "$work/build" > "$work/build.log"
mkdir "$work/plugins"
cp "$work/build/compteur.so" "$work/plugins/"
echo '{"greeting": "bonjour"}' > "$work/plugins/compteur.json"
out=$("$guichet" plugins --plugins "$work/plugins")
echo "$out"
grep -q "compteur" <<< "$out"
grep -q "1.0.0" <<< "$out"
grep -q "function:total" <<< "$out" || grep -q "total" <<< "$out"
! grep -qi "refus" <<< "$out"
# A plugin asking for a newer ABI than the installed SDK offers does not configure.
sed 's/find_package(guichet 1.0 REQUIRED)/find_package(guichet 2.0 REQUIRED)/' "$source/plugins/example/CMakeLists.txt" \
  > "$work/CMakeLists.txt"
cp "$source/plugins/example/compteur.c" "$work/"
if cmake -S "$work" -B "$work/build2" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" > "$work/configure2.log" 2>&1; then
  echo "find_package(guichet 2.0) should have failed" >&2
  exit 1
fi
echo "ok"
