#!/usr/bin/env bash
# Installs every Debian package guichet needs to build, run, test and benchmark.
# Idempotent: only calls apt-get when a package is missing.
set -euo pipefail

PACKAGES=(
  # toolchain
  g++ cmake ninja-build ccache pkg-config git ca-certificates
  # libraries (see README, "Dependencies")
  libluajit2-5.1-dev
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsoci-dev libsqlite3-dev libpq-dev
  libspdlog-dev libfmt-dev
  libhowardhinnant-date-dev tzdata
  libsodium-dev libssl-dev
  # /etc/guichet/guichet.toml (toml++), and sd_notify for the systemd unit (Type=notify)
  libtomlplusplus-dev libsystemd-dev
  # the Debian packages (cpack -G DEB): their shared-library dependencies (dpkg-shlibdeps),
  # lintian's verdict and systemd-analyze on the unit (tests/packaging/deb_test.sh)
  dpkg-dev fakeroot lintian systemd
  # tests/packaging/systemd_unit_test.sh: the package installed and run under systemd as PID 1 of
  # private namespaces (unshare, nsenter from util-linux); jq reads the API's answers and journal
  # (python3, listed below, runs its webhook receiver; openssl, below, checks the signature)
  jq
  # the office publishes documents in bulk as a ZIP of PDFs
  libzip-dev
  # shipped plugins: SMTP and webhook delivery (libcurl); the smtp plugin's test server
  libcurl4-openssl-dev python3 python3-aiosmtpd
  # the summary PDF: cairo draws it, DejaVu gives the accents; pdftotext checks it in tests
  libcairo2-dev fonts-dejavu-core poppler-utils
  libgtest-dev libgmock-dev
  # tests: openapi.yaml is read back to check the contract
  libyaml-cpp-dev
  # tests: a throwaway PostgreSQL cluster, curl for smoke tests
  postgresql curl procps util-linux
  # benchmarks (bench/): load generator and the static-file baseline
  wrk nginx-light
  # tests/packaging/nginx_site_test.sh: the shipped nginx site (nginx-light above: ssl, http_v2)
  # in front of guichet, over TLS with a certificate openssl makes
  openssl
  # the back-office benchmark logs staff in with a TOTP code
  oathtool
  # tests/observability: promtool (shipped in Debian's prometheus package) checks and unit-tests
  # packaging/prometheus/guichet-rules.yml (the package also sets up a Prometheus service on
  # :9090; `systemctl disable --now prometheus` if unwanted); python3-yaml reads the rules
  # and their tests
  prometheus python3-yaml
  # tools/fuzz.sh: the sandbox fuzz target is built with clang, whose libFuzzer and
  # sanitizer runtimes (libclang_rt.fuzzer, asan, ubsan) come in libclang-rt-14-dev
  clang libclang-rt-14-dev
  # the portal's browser tests (web/tests): Playwright drives Debian's Chromium, never a
  # downloaded browser; chromium-l10n makes its own words (the file chooser's) French
  chromium chromium-l10n
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# tools/test.sh checks openapi.yaml with a real OpenAPI validator, Redocly's CLI, from npm:
# its exact version and every dependency are pinned in tools/lint/package-lock.json and
# installed with `npm ci` (Node and npm from Debian when the machine has none). Reinstalled
# only when the lock file changes.
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
# Vite needs Node 20.19 or later: say so plainly rather than fail inside the build.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "Node.js $(node --version) est trop ancien pour construire le portail (web/) : il faut Node 20.19 ou plus récent." >&2
  exit 1
fi
# The portal (web/): React, Vite and the DSFR from npm, every version pinned by
# web/package-lock.json; reinstalled only when the lock file changes. Playwright is told never to
# download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
web_dir="$(dirname "$0")/../web"
if ! cmp -s "$web_dir/package-lock.json" "$web_dir/node_modules/.installed-lock.json"; then
  (cd "$web_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null &&
    cp package-lock.json node_modules/.installed-lock.json)
fi
lint_dir="$(dirname "$0")/lint"
if ! cmp -s "$lint_dir/package-lock.json" "$lint_dir/node_modules/.installed-lock.json"; then
  (cd "$lint_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null &&
    cp package-lock.json node_modules/.installed-lock.json)
fi
