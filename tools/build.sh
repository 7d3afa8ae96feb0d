#!/usr/bin/env bash
# Installs what is missing, then configures and builds guichet into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh
# GUICHET_WERROR=ON|OFF (tools/test.sh) turns warnings into errors; unset, the build keeps
# what it was configured with.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${GUICHET_WERROR:+-DGUICHET_WERROR=$GUICHET_WERROR} >/dev/null
cmake --build build -j "$(nproc)" "$@"
# The portal guichet serves at / (web/dist): type-checked, then bundled by Vite (a few seconds).
(cd web && npm run --silent build >/dev/null)
