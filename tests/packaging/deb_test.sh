#!/usr/bin/env bash
# The Debian packages as an operator gets them: cpack builds guichet_<v>_amd64.deb and
# guichet-dev_<v>_all.deb from the build folder; their contents, control files and maintainer
# scripts are what docs/operations.md says; lintian reports no error; the systemd unit passes
# `systemd-analyze verify` with the packaged binary. Usage: deb_test.sh <build dir> <source dir>
# (GUICHET_DEB_DIR: a folder holding the packages already built).
set -euo pipefail
build=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "ÉCHEC : $*" >&2; exit 1; }

version=$(sed -n 's/^project(guichet VERSION \([0-9.]*\).*/\1/p' "$source/CMakeLists.txt")
# The packages ctest's packaging.cpack made (GUICHET_DEB_DIR), else built here.
out=${GUICHET_DEB_DIR:-}
if [ -z "$out" ]; then
  out="$work/out"
  (cd "$build" && cpack -G DEB -B "$out" > "$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
fi
main="$out/guichet_${version}_amd64.deb"
dev="$out/guichet-dev_${version}_all.deb"
[ -f "$main" ] || { ls "$out"; fail "pas de $main"; }
[ -f "$dev" ] || { ls "$out"; fail "pas de $dev"; }

# Contents.
dpkg-deb -c "$main" | awk '{print $6}' > "$work/main.list"
for path in ./usr/bin/guichet ./usr/lib/guichet/plugins/smtp.so ./usr/lib/guichet/plugins/webhook.so \
            ./usr/lib/guichet/plugins/export.so ./usr/share/guichet/web/index.html ./etc/guichet/guichet.toml \
            ./etc/guichet/scripts/academies/poitiers.lua ./etc/guichet/scripts/exams/bac_pro.lua \
            ./lib/systemd/system/guichet.service ./usr/share/doc/guichet/copyright ./usr/share/doc/guichet/changelog.gz; do
  grep -qx "$path" "$work/main.list" || fail "$path absent de guichet"
done
! grep -q "^./usr/include" "$work/main.list" || fail "le SDK est dans guichet, pas dans guichet-dev"
dpkg-deb -c "$dev" | awk '{print $6}' > "$work/dev.list"
for path in ./usr/include/guichet/guichet_plugin.h ./usr/lib/cmake/guichet/guichetConfig.cmake \
            ./usr/share/doc/guichet-dev/copyright; do
  grep -qx "$path" "$work/dev.list" || fail "$path absent de guichet-dev"
done

# Control: dependencies found by dpkg-shlibdeps, conffiles, the maintainer scripts.
dpkg-deb -f "$main" Depends > "$work/depends"
for lib in libluajit adduser libsoci-sqlite3 libsoci-postgresql libpq libsodium libzip libcairo libtomlplusplus libsystemd; do
  grep -q "$lib" "$work/depends" || fail "Depends sans $lib : $(cat "$work/depends")"
done
mkdir "$work/control"
dpkg-deb -e "$main" "$work/control"
grep -qx /etc/guichet/guichet.toml "$work/control/conffiles" || fail "guichet.toml n'est pas un conffile"
grep -qx /etc/guichet/scripts/academies/poitiers.lua "$work/control/conffiles" || fail "les scripts ne sont pas des conffiles"
for script in postinst prerm postrm; do
  [ -x "$work/control/$script" ] || fail "$script absent ou non exécutable"
  sh -n "$work/control/$script" || fail "$script : syntaxe"
done
grep -q "adduser --system --group" "$work/control/postinst" || fail "postinst ne crée pas l'utilisateur guichet"
# The binary is stripped (a few MiB, not the build's debug information).
mkdir "$work/root"
dpkg-deb -x "$main" "$work/root"
size=$(stat -c %s "$work/root/usr/bin/guichet")
[ "$size" -lt 60000000 ] || fail "binaire non dépouillé ($size octets)"
"$work/root/usr/bin/guichet" --help > /dev/null || fail "le binaire empaqueté ne démarre pas"

# The unit: systemd's own checks, with ExecStart pointing at the packaged binary.
sed "s#/usr/bin/guichet#$work/root/usr/bin/guichet#" "$work/root/lib/systemd/system/guichet.service" > "$work/guichet.service"
if ! systemd-analyze verify "$work/guichet.service" > "$work/verify.log" 2>&1; then
  cat "$work/verify.log"; fail "systemd-analyze verify"
fi
# Lines about the machine's own units (none here) aside, nothing is reported for ours.
! grep -i "guichet.service" "$work/verify.log" || { cat "$work/verify.log"; fail "systemd-analyze verify signale l'unité"; }
systemd-analyze security --offline=true "$work/guichet.service" > "$work/security.log" 2>&1 || true
grep -q "Overall exposure level" "$work/security.log" || { cat "$work/security.log"; fail "systemd-analyze security"; }
grep "Overall exposure level" "$work/security.log"

# lintian: no error (warnings are listed for the record).
lintian --fail-on error "$main" "$dev" > "$work/lintian.log" 2>&1 \
  || { cat "$work/lintian.log"; fail "lintian signale des erreurs"; }
cat "$work/lintian.log"
echo "ok : $(basename "$main") ($(stat -c %s "$main") octets), $(basename "$dev")"
