#!/usr/bin/env bash
# The Debian package under a real systemd: systemd boots as PID 1 of private PID, mount,
# network, UTS, IPC and cgroup namespaces, over an overlay of the machine's own root (lower: /,
# upper: a tmpfs of the private mount namespace), so installing the package never touches the
# machine and everything vanishes with the namespace. Inside: `dpkg -i` runs postinst (the
# guichet user, /var/lib/guichet, the unit enabled and started); the unit is restarted with a
# configuration that loads the shipped `export` and `webhook` plugins, and the sandbox it sets up
# (ProtectSystem=strict, SystemCallFilter, PrivateUsers…) is shown to let LuaJIT judge
# registrations (POST …/evaluate), the export plugin (a dlopen'ed .so with its own thread) write
# its file in /var/lib/guichet while a write elsewhere is refused, a script changed on disk be
# reloaded (inotify) and the webhook plugin (libcurl) post the signed event; the journal holds
# JSON lines; a second `dpkg -i` restarts the service; `systemctl stop` ends cleanly; `dpkg -r`
# then `dpkg --purge` run prerm and postrm.
#
# Usage: systemd_unit_test.sh <build dir>   (cpack -G DEB builds the package there)
#        GUICHET_DEB=/path/guichet_<v>_amd64.deb systemd_unit_test.sh   (a ready package)
# Needs root, namespaces, overlayfs, cgroup v2 and systemd; exits 77 (skipped) without them.
# GUICHET_SYSTEMD_TEST_HOLD=<seconds> keeps the container that long after a failure.
#
# Network: a private network namespace with only the loopback (systemd, as PID 1, brings `lo`
# up). Every port is free there, nothing can collide with the tests running beside this one, and
# the service cannot reach the machine's own services (nginx, PostgreSQL).
set -euo pipefail
build=${1:-}
skip() { echo "IGNORÉ / SKIPPED (77) : $*" >&2; exit 77; }

[ "$(id -u)" = 0 ] || skip "il faut être root (namespaces, overlayfs, dpkg) / needs root"
[ -x /lib/systemd/systemd ] || skip "pas de /lib/systemd/systemd (paquet systemd) / no systemd binary"
for tool in unshare nsenter pivot_root setsid setpriv dpkg-deb jq openssl python3 timeout; do
  command -v "$tool" > /dev/null || skip "outil absent / missing tool: $tool"
done
grep -qw overlay /proc/filesystems || modprobe overlay 2> /dev/null || true
grep -qw overlay /proc/filesystems || skip "noyau sans overlayfs / kernel without overlayfs"
timeout 10 unshare --pid --fork --mount --net --uts --ipc --cgroup true 2> /dev/null \
  || skip "création de namespaces refusée (conteneur non privilégié ?) / namespaces not permitted"

# cgroup v2, where systemd gets a subtree of its own (its cgroup namespace's root): the unified
# hierarchy at /sys/fs/cgroup, or at /sys/fs/cgroup/unified on a hybrid host.
cgroot=
for dir in /sys/fs/cgroup /sys/fs/cgroup/unified; do
  if [ "$(stat -fc %T "$dir" 2> /dev/null)" = cgroup2fs ]; then cgroot=$dir; break; fi
done
[ -n "$cgroot" ] || skip "pas de hiérarchie cgroup v2 montée / no cgroup v2 hierarchy"

# What earlier runs killed before their cleanup (SIGKILL from a timeout) left: their folder
# and their cgroup (once empty), named after their process id.
own=$(sed -n 's/^0:://p' /proc/self/cgroup)
for old in "${TMPDIR:-/tmp}"/guichet-systemd.*.* "$cgroot${own%/}"/guichet-systemd-test.*; do
  pid=${old#*guichet-systemd*.}
  pid=${pid%%.*}
  [ -d "$old" ] && [[ $pid =~ ^[0-9]+$ ]] && ! kill -0 "$pid" 2> /dev/null || continue
  if [[ $old == *guichet-systemd-test.* ]]; then find "$old" -depth -type d -exec rmdir {} + 2> /dev/null || true
  else rm -rf "$old"; fi
done
work=$(mktemp -d "${TMPDIR:-/tmp}/guichet-systemd.$$.XXXXXX")
cg="$cgroot${own%/}/guichet-systemd-test.$$"
mkdir "$cg" 2> /dev/null || { rm -rf "$work"; skip "cgroup v2 non inscriptible ($cg) / cgroup v2 not writable"; }

upid='' pid1=''
cleanup() {
  set +e
  # SIGKILL to the namespace's PID 1 kills every process of the namespace; unshare then reaps
  # it and exits. cgroup.kill (Linux 5.14) catches anything left in the test's cgroup.
  [ -n "$pid1" ] && kill -KILL "$pid1" 2> /dev/null
  [ -n "$upid" ] && timeout 10 tail --pid="$upid" -f /dev/null
  [ -e "$cg/cgroup.kill" ] && echo 1 > "$cg/cgroup.kill" 2> /dev/null
  [ -n "$upid" ] && kill -KILL "$upid" 2> /dev/null
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    find "$cg" -depth -type d -exec rmdir {} + 2> /dev/null
    [ -d "$cg" ] || break
    sleep 0.2
  done
  [ -d "$cg" ] && echo "attention : cgroup $cg non supprimé" >&2
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

dump() {
  [ -n "$pid1" ] || return 0
  echo "--- journal (guichet) ---" >&2
  ns journalctl -u guichet --no-pager -o short-monotonic -n 400 2> /dev/null | grep -v '"logger":"access"' | tail -40 >&2 || true
  echo "--- systemctl status guichet ---" >&2
  ns systemctl status guichet --no-pager -n 0 >&2 2> /dev/null || true
}
# GUICHET_SYSTEMD_TEST_HOLD=<s>: on failure, keep the container that long to look inside it
# (nsenter --target <pid1> --all --root --wd).
fail() {
  echo "ÉCHEC : $*" >&2
  dump
  if [ -n "${GUICHET_SYSTEMD_TEST_HOLD:-}" ]; then echo "pid1=$pid1" >&2; sleep "$GUICHET_SYSTEMD_TEST_HOLD"; fi
  exit 1
}
t0=$(date +%s)
step() { echo "[$(( $(date +%s) - t0 )) s] $*"; }

# The package: a ready one (GUICHET_DEB), or built by cpack from the build folder.
if [ -n "${GUICHET_DEB:-}" ]; then
  deb=$GUICHET_DEB
else
  [ -n "$build" ] || fail "usage : $0 <dossier de construction> (ou GUICHET_DEB=…)"
  step "cpack -G DEB"
  (cd "$build" && timeout 600 cpack -G DEB -B "$work/out" > "$work/cpack.log" 2>&1) \
    || { cat "$work/cpack.log"; fail "cpack"; }
  deb=$(ls "$work"/out/guichet_*_amd64.deb 2> /dev/null | head -1)
fi
[ -f "$deb" ] || fail "paquet introuvable : ${deb:-$work/out/guichet_*_amd64.deb}"

# PID 1 of the new namespaces until it execs systemd: the overlay root, the API file systems a
# container manager provides (systemd.io/CONTAINER_INTERFACE: /proc, /sys and /proc/sys
# read-only, a minimal /dev, /run and /tmp as tmpfs, cgroup2 seen from its own namespace), then
# pivot_root into it so the machine's mounts are out of sight.
cat > "$work/boot.sh" << 'EOF'
set -eu
w=$1 root=$1/root
# The upper layer on a tmpfs of this mount namespace: it vanishes with the namespace, and works
# where / is itself an overlay (a container), which cannot hold an upper layer.
mkdir -p "$w/layers" "$root"
mount -t tmpfs -o mode=700 layers "$w/layers"
mkdir "$w/layers/upper" "$w/layers/work"
mount -t overlay overlay -o "lowerdir=/,upperdir=$w/layers/upper,workdir=$w/layers/work" "$root" \
  || { echo "MANQUE : montage overlayfs refusé / overlayfs mount refused"; exit 77; }
mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
mount --bind "$root/proc/sys" "$root/proc/sys"
mount -o remount,bind,ro "$root/proc/sys"
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys"
mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 "$root/sys/fs/cgroup"
mount -t tmpfs -o mode=755,nosuid dev "$root/dev"
for node in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
  IFS=: read -r name major minor <<< "$node"
  mknod -m 666 "$root/dev/$name" c "$major" "$minor"
done
mkdir "$root/dev/pts" "$root/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$root/dev/pts"
ln -s pts/ptmx "$root/dev/ptmx"
mount -t tmpfs -o mode=1777,nosuid,nodev shm "$root/dev/shm"
ln -s /proc/self/fd "$root/dev/fd"
for i in 0:stdin 1:stdout 2:stderr; do ln -s "/proc/self/fd/${i%%:*}" "$root/dev/${i#*:}"; done
mount -t tmpfs -o mode=755,nosuid,nodev run "$root/run"
mount -t tmpfs -o mode=1777,nosuid,nodev tmp "$root/tmp"
# The machine's fstab names its disks: not the container's (its generator would wait for them).
: > "$root/etc/fstab"
hostname guichet-test
cd "$root"
pivot_root . .
umount -l .
# basic.target, not the default target: the machine's own enabled services (nginx,
# PostgreSQL…) stay off; guichet.service is started by postinst and systemctl.
exec env -i container=guichet-test /lib/systemd/systemd --system --unit=basic.target
EOF

step "systemd démarre comme PID 1 d'un conteneur"
# setsid and no terminal: systemd must not take over the caller's terminal or hold its pipes.
# If this script dies without its cleanup (SIGKILL), unshare gets SIGKILL (pdeathsig) and its
# child, systemd, too (--kill-child): the whole namespace goes.
setsid bash -c 'echo $$ > "$1/cgroup.procs" && exec setpriv --pdeathsig KILL unshare --pid --fork --kill-child --mount \
  --propagation private --net --uts --ipc --cgroup bash "$2/boot.sh" "$2"' _ "$cg" "$work" \
  < /dev/null > "$work/boot.log" 2>&1 &
upid=$!
for _ in $(seq 100); do
  pid1=$(cat "/proc/$upid/task/$upid/children" 2> /dev/null | awk '{print $1}') || true
  [ -n "$pid1" ] && [ "$(cat "/proc/$pid1/comm" 2> /dev/null)" = systemd ] && break
  kill -0 "$upid" 2> /dev/null || break
  sleep 0.1
done
if [ "$(cat "/proc/${pid1:-0}/comm" 2> /dev/null)" != systemd ]; then
  wait "$upid" && rc=0 || rc=$?
  pid1=''
  if [ "$rc" = 77 ]; then skip "$(grep MANQUE "$work/boot.log")"; fi
  cat "$work/boot.log" >&2
  fail "systemd n'a pas démarré (code $rc)"
fi

# A command inside the container: every namespace of its PID 1, its root, a clean environment,
# bounded in time.
ns() {
  timeout "${NS_TIMEOUT:-30}" nsenter --target "$pid1" --mount --pid --net --uts --ipc --cgroup --root --wd \
    -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root "$@"
}
for _ in $(seq 100); do
  ns test -S /run/systemd/private && break
  sleep 0.1
done
state=$(NS_TIMEOUT=40 ns systemctl is-system-running --wait 2> /dev/null) || true
case "$state" in
  running) ;;
  degraded) echo "(unités en échec dans le conteneur, sans rapport avec guichet :" \
              "$(ns systemctl --failed --no-legend --plain | awk '{print $1}' | tr '\n' ' '))" ;;
  *) cat "$work/boot.log" >&2; fail "systemd n'a pas fini de démarrer (état : ${state:-?})" ;;
esac
[ "$(ns cat /proc/1/comm)" = systemd ] || fail "PID 1 du conteneur n'est pas systemd"
[ "$(ns systemd-detect-virt --container)" = container-other ] || fail "systemd ne se sait pas en conteneur"
[ $(( $(ns cat /sys/class/net/lo/flags) & 1 )) = 1 ] || fail "lo n'est pas active dans le conteneur (IFF_UP)"
step "systemd : $state"

# --- dpkg -i: postinst ---
step "dpkg -i $(basename "$deb")"
# Docker-built images ship a policy-rc.d that forbids maintainer scripts to start services (exit
# 101); a real Debian machine has none, and postinst's start is part of what is tested here.
ns rm -f /usr/sbin/policy-rc.d
ns sh -c 'cat > /root/guichet.deb' < "$deb"
NS_TIMEOUT=120 ns env DEBIAN_FRONTEND=noninteractive dpkg -i /root/guichet.deb > "$work/dpkg-i.log" 2>&1 \
  || { cat "$work/dpkg-i.log"; fail "dpkg -i (dépendances manquantes ? voir tools/deps.sh)"; }
! grep -qi "warning\|avertissement" "$work/dpkg-i.log" || { cat "$work/dpkg-i.log"; fail "dpkg -i : avertissement"; }
ns getent passwd guichet | awk -F: '$3 < 1000 && $6 == "/var/lib/guichet" && $7 ~ /nologin|false/ {ok=1} END {exit !ok}' \
  || fail "postinst n'a pas créé l'utilisateur système guichet : $(ns getent passwd guichet)"
[ "$(ns stat -c '%U:%G %a' /var/lib/guichet)" = "guichet:guichet 750" ] \
  || fail "/var/lib/guichet : $(ns stat -c '%U:%G %a' /var/lib/guichet)"
[ "$(ns stat -c '%U:%G %a' /etc/guichet/guichet.toml)" = "root:guichet 640" ] \
  || fail "/etc/guichet/guichet.toml : $(ns stat -c '%U:%G %a' /etc/guichet/guichet.toml)"
[ "$(ns systemctl is-enabled guichet)" = enabled ] || fail "postinst n'a pas activé guichet.service"
# postinst started it with the shipped configuration (127.0.0.1:8080, free in this network).
[ "$(ns systemctl is-active guichet)" = active ] || fail "postinst n'a pas démarré guichet.service"

# --- The configuration: a loopback port, the shipped plugins, the export plugin ---
port=$(shuf -i 20000-60000 -n 1)  # any port: the network namespace is ours alone
ns sh -c "sed -i -e 's|^listen = .*|listen = \"127.0.0.1:$port\"|' \
  -e 's|^# plugins = .*|plugins = \"/usr/lib/guichet/plugins\"|' /etc/guichet/guichet.toml"
ns grep -q "^listen = \"127.0.0.1:$port\"" /etc/guichet/guichet.toml || fail "listen non réécrit"
ns grep -q '^plugins = "/usr/lib/guichet/plugins"' /etc/guichet/guichet.toml || fail "plugins non réécrit"
# First, the export plugin aimed at a folder the guichet user owns but outside ReadWritePaths:
# only the sandbox (ProtectSystem=strict) can refuse the write.
ns install -d -o guichet -g guichet -m 0750 /srv/guichet-export
ns runuser -u guichet -- sh -c 'echo ok > /srv/guichet-export/probe && rm /srv/guichet-export/probe' \
  || fail "témoin : l'utilisateur guichet ne peut pas écrire dans /srv/guichet-export hors du bac à sable"
export_json() {
  ns sh -c "printf '%s\n' '{\"academy\": \"poitiers\", \"folder\": \"$1\", \"format\": \"json\", \"interval_seconds\": 1}' \
    > /usr/lib/guichet/plugins/export.json"
}
export_json /srv/guichet-export
ns guichet config check --config /etc/guichet/guichet.toml > "$work/config.log" 2>&1 \
  || { cat "$work/config.log"; fail "guichet config check refuse la configuration"; }

step "systemctl restart guichet (Type=notify)"
ns systemctl restart guichet || fail "systemctl restart guichet"
run=$(ns systemctl show -P InvocationID guichet)
[ "$(ns systemctl show -P ActiveState guichet)" = active ] || fail "guichet.service n'est pas active"
[ "$(ns systemctl show -P SubState guichet)" = running ] || fail "guichet.service n'est pas running"
mainpid=$(ns systemctl show -P MainPID guichet)
[ "$(ns ps -o user= -p "$mainpid" | tr -d ' ')" = guichet ] || fail "le service ne tourne pas sous l'utilisateur guichet"
# The sandbox is really in force on the process that answers below: a seccomp filter, no new
# privileges, no capabilities.
status=$(ns cat "/proc/$mainpid/status")
grep -qP '^Seccomp:\t2$' <<< "$status" || fail "pas de filtre seccomp (SystemCallFilter) : $(grep Seccomp <<< "$status")"
grep -qP '^NoNewPrivs:\t1$' <<< "$status" || fail "NoNewPrivileges absent"
grep -qP '^CapEff:\t0+$' <<< "$status" || fail "le service a des capacités : $(grep CapEff <<< "$status")"
api=http://127.0.0.1:$port

# --- /readyz ---
ns curl -sS --max-time 5 "$api/readyz" > "$work/readyz.json" || fail "/readyz ne répond pas sur $api"
[ "$(jq -r .status "$work/readyz.json")" = ready ] || fail "/readyz : $(cat "$work/readyz.json")"
[ "$(jq -r .details.rules.academies "$work/readyz.json")" -ge 1 ] || fail "aucune académie chargée : $(cat "$work/readyz.json")"
step "/readyz : prêt, règles $(jq -r .details.rules.version "$work/readyz.json")"

# --- The rules (LuaJIT) judge through the API ---
evaluate() {
  ns curl -sS --max-time 5 -H 'Content-Type: application/json' \
    -d "{\"answers\": {\"postal_code\": \"$1\"}}" "$api/api/v1/academies/poitiers/exams/bac_pro/sessions/2025/evaluate"
}
evaluate 75001 > "$work/eval-paris.json" || fail "evaluate (75001) ne répond pas"
[ "$(jq -r .wrong_academy "$work/eval-paris.json")" = true ] \
  || fail "75001 devrait relever d'une autre académie : $(cat "$work/eval-paris.json")"
grep -q "académie de Poitiers" <<< "$(jq -r .errors.postal_code "$work/eval-paris.json")" \
  || fail "message du script absent : $(cat "$work/eval-paris.json")"
evaluate 86000 > "$work/eval-poitiers.json" || fail "evaluate (86000) ne répond pas"
[ "$(jq -r '.errors | has("postal_code")' "$work/eval-poitiers.json")" = false ] \
  || fail "86000 est dans l'académie : $(cat "$work/eval-poitiers.json")"
# Enough calls for LuaJIT to compile the hot paths to machine code (mmap/mprotect under the
# system-call filter), each answered by a script still running: one curl, one connection.
url="$api/api/v1/academies/poitiers/exams/bac_pro/sessions/2025/evaluate"
urls=()
for _ in $(seq 300); do urls+=("$url"); done
ns curl -sS --max-time 20 -H 'Content-Type: application/json' -d '{"answers": {"postal_code": "17000"}}' \
  "${urls[@]}" > "$work/evals.json" || fail "300 évaluations : curl"
[ "$(jq -s 'map(select(.valid == false and (.errors | has("postal_code") | not))) | length' "$work/evals.json")" = 300 ] \
  || fail "300 évaluations : réponses inattendues : $(head -c 500 "$work/evals.json")"
[ "$(ns systemctl show -P MainPID guichet)" = "$mainpid" ] || fail "le service a redémarré pendant les évaluations"
step "LuaJIT : verdicts des règles de Poitiers corrects"

# --- The plugin, and a write outside /var/lib/guichet refused ---
# What this run of the service wrote (not systemd's lines about the unit, nor an earlier run).
journal() { ns journalctl "_SYSTEMD_INVOCATION_ID=$run" -o cat --no-pager; }
wait_journal() {
  for _ in $(seq 100); do
    grep -qF "$1" <<< "$(journal)" && return 0
    sleep 0.1
  done
  return 1
}
wait_journal "export de poitiers toutes les 1 s vers /srv/guichet-export" \
  || fail "le greffon export n'est pas chargé (dlopen sous le bac à sable ?)"
wait_journal "export : écriture impossible dans /srv/guichet-export" \
  || fail "le greffon a écrit hors de /var/lib/guichet, ou n'a pas essayé : ProtectSystem=strict ?"
[ -z "$(ns ls -A /srv/guichet-export)" ] || fail "/srv/guichet-export n'est pas vide : $(ns ls -A /srv/guichet-export)"
# The same seen from the service's own mount namespace, as root: read-only except the data.
for path in /etc/guichet /usr/lib/guichet /srv/guichet-export; do
  out=$(ns nsenter --target "$mainpid" --mount -- touch "$path/probe" 2>&1) \
    && fail "$path est inscriptible depuis le bac à sable du service"
  grep -q "Read-only file system" <<< "$out" || fail "$path : refus inattendu : $out"
done
ns nsenter --target "$mainpid" --mount -- sh -c 'touch /var/lib/guichet/probe && rm /var/lib/guichet/probe' \
  || fail "/var/lib/guichet n'est pas inscriptible depuis le bac à sable"
ns nsenter --target "$mainpid" --mount -- sh -c 'touch /tmp/guichet-probe'
! ns test -e /tmp/guichet-probe || fail "PrivateTmp : le /tmp du service est celui du système"
step "bac à sable : écriture refusée hors de /var/lib/guichet (EROFS), /tmp privé"

# Then the plugin at its proper place: its file appears, written by its own thread. And the
# webhook plugin (libcurl, its secret in a file under /etc/guichet) posts to a receiver in
# the container's network, a python3 service the container's systemd runs.
export_json /var/lib/guichet/exports
secret=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
ns sh -c "printf '%s' '$secret' > /etc/guichet/webhook.secret && chown root:guichet /etc/guichet/webhook.secret \
  && chmod 0640 /etc/guichet/webhook.secret"
hook_port=$(( port == 60000 ? 20000 : port + 1 ))
ns sh -c "printf '%s\n' '{\"endpoints\": [{\"url\": \"http://127.0.0.1:$hook_port/hook\", \
  \"secret_file\": \"/etc/guichet/webhook.secret\", \"events\": [\"rules.activated\"]}]}' \
  > /usr/lib/guichet/plugins/webhook.json"
ns sh -c 'cat > /root/receiver.py' << 'EOF_PY'
# Keeps the last request's signature header and raw body.
import http.server, sys
class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open("/root/webhook.body", "wb") as f:
            f.write(body)
        with open("/root/webhook.sig", "w") as f:
            f.write(self.headers.get("Guichet-Signature", ""))
        self.send_response(204)
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
EOF_PY
ns systemd-run --quiet --unit=webhook-receiver python3 /root/receiver.py "$hook_port" \
  || fail "le récepteur de webhooks ne démarre pas"
ns systemctl restart guichet || fail "systemctl restart guichet (export vers /var/lib/guichet)"
run=$(ns systemctl show -P InvocationID guichet)
for _ in $(seq 100); do
  ns test -f /var/lib/guichet/exports/inscriptions-poitiers-dernier.json && break
  sleep 0.1
done
ns cat /var/lib/guichet/exports/inscriptions-poitiers-dernier.json > "$work/export.json" 2> /dev/null \
  || fail "le greffon export n'a rien écrit dans /var/lib/guichet/exports"
[ "$(jq -r .academy "$work/export.json")" = poitiers ] || fail "export : $(head -c 300 "$work/export.json")"
[ "$(ns stat -c %U /var/lib/guichet/exports/inscriptions-poitiers-dernier.json)" = guichet ] \
  || fail "le fichier exporté n'appartient pas à guichet"
step "greffon export : chargé, fichier écrit dans /var/lib/guichet/exports"

# A script changed on disk: the server (inotify, under the filter) reloads the rules, and the
# webhook plugin delivers rules.activated, signed with the secret it read from its file.
wait_journal "greffon webhook 1.0.0 chargé" || fail "le greffon webhook n'est pas chargé"
before=$(jq -r .details.rules.version "$work/readyz.json")
ns sh -c 'echo "-- modifié par tests/packaging/systemd_unit_test.sh" >> /etc/guichet/scripts/academies/poitiers.lua'
for _ in $(seq 100); do
  after=$(ns curl -sS --max-time 5 "$api/readyz" | jq -r .details.rules.version)
  [ "$after" != "$before" ] && break
  sleep 0.1
done
[ "$after" != "$before" ] || fail "les règles ne sont pas rechargées après modification du script"
for _ in $(seq 100); do
  ns test -s /root/webhook.body && break
  sleep 0.1
done
ns cat /root/webhook.body > "$work/webhook.body" 2> /dev/null || fail "le greffon webhook n'a rien envoyé"
[ "$(jq -r '.type + " " + .data.academy' "$work/webhook.body")" = "rules.activated poitiers" ] \
  || fail "webhook : $(head -c 300 "$work/webhook.body")"
sig=$(ns cat /root/webhook.sig)
t=${sig#t=}
t=${t%%,*}
expected=$( (printf '%s.' "$t"; cat "$work/webhook.body") | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)
[ "$sig" = "t=$t,v1=$expected" ] || fail "webhook : signature $sig, attendue t=$t,v1=$expected"
step "rechargement à chaud et greffon webhook : rules.activated signé reçu"

# --- journald: JSON lines, by default (log_format is left unset: JOURNAL_STREAM decides) ---
journal > "$work/journal.txt"
[ "$(wc -l < "$work/journal.txt")" -ge 3 ] || fail "journal presque vide : $(cat "$work/journal.txt")"
# Every line is one JSON object with a time and a level (access lines carry the request's
# fields, the others a message).
bad=$(jq -R -r 'select(length > 0) | . as $l | try (fromjson
  | if type == "object" and has("time") and has("level") and (has("message") or .logger == "access")
    then empty else $l end) catch $l' \
  "$work/journal.txt")
[ -z "$bad" ] || fail "lignes du journal qui ne sont pas du JSON : $(head -3 <<< "$bad")"
grep -qF 'export : 0 inscription(s) dans /var/lib/guichet/exports/inscriptions-poitiers-' "$work/journal.txt" \
  || fail "le journal ne rapporte pas l'export"
step "journal : $(wc -l < "$work/journal.txt") lignes JSON"

# --- The same package installed again (postinst configure <version>: the upgrade path) ---
# The académie's edits to conffiles are kept, the running service is restarted (try-restart).
before_pid=$(ns systemctl show -P MainPID guichet)
NS_TIMEOUT=120 ns env DEBIAN_FRONTEND=noninteractive dpkg -i /root/guichet.deb < /dev/null > "$work/dpkg-i2.log" 2>&1 \
  || { cat "$work/dpkg-i2.log"; fail "dpkg -i (réinstallation)"; }
! grep -qi "warning\|avertissement" "$work/dpkg-i2.log" || { cat "$work/dpkg-i2.log"; fail "dpkg -i (réinstallation) : avertissement"; }
[ "$(ns systemctl show -P ActiveState guichet)" = active ] || fail "réinstallation : le service n'est plus actif"
[ "$(ns systemctl show -P MainPID guichet)" != "$before_pid" ] || fail "réinstallation : postinst n'a pas redémarré le service"
ns grep -q "^listen = \"127.0.0.1:$port\"" /etc/guichet/guichet.toml || fail "réinstallation : guichet.toml modifié écrasé"
ns grep -q "modifié par tests/packaging" /etc/guichet/scripts/academies/poitiers.lua || fail "réinstallation : script modifié écrasé"
ns curl -sS --max-time 5 "$api/readyz" | jq -e '.status == "ready"' > /dev/null || fail "réinstallation : /readyz"
run=$(ns systemctl show -P InvocationID guichet)
step "réinstallation : postinst redémarre le service, modifications locales gardées"

# --- systemctl stop: inactive, not failed ---
ns systemctl stop guichet || fail "systemctl stop guichet"
[ "$(ns systemctl show -P ActiveState guichet)" = inactive ] \
  || fail "après stop : $(ns systemctl show -P ActiveState guichet) (attendu : inactive)"
[ "$(ns systemctl show -P Result guichet)" = success ] || fail "arrêt : Result=$(ns systemctl show -P Result guichet)"
wait_journal "serveur arrêté" || fail "le service n'a pas fini son arrêt en douceur (SIGTERM)"
step "systemctl stop : arrêt en douceur, inactive, Result=success"

# --- dpkg -r (prerm stops the running service) then dpkg --purge (postrm) ---
ns systemctl start guichet || fail "systemctl start guichet"
# Ours, not the package's: dpkg would leave them (and warn that their folders are not empty).
ns rm -f /usr/lib/guichet/plugins/export.json /usr/lib/guichet/plugins/webhook.json /etc/guichet/webhook.secret
NS_TIMEOUT=60 ns dpkg -r guichet > "$work/dpkg-r.log" 2>&1 || { cat "$work/dpkg-r.log"; fail "dpkg -r"; }
! grep -qi "warning\|avertissement" "$work/dpkg-r.log" || { cat "$work/dpkg-r.log"; fail "dpkg -r : avertissement"; }
state=$(ns systemctl show -P ActiveState guichet)
[ "$state" = inactive ] || fail "prerm n'a pas arrêté le service (état : $state)"
[ "$(ns systemctl show -P Result guichet)" = success ] || fail "prerm : Result=$(ns systemctl show -P Result guichet)"
! ns pgrep -u guichet > /dev/null || fail "un processus guichet survit à dpkg -r"
! ns test -e /usr/bin/guichet || fail "/usr/bin/guichet reste après dpkg -r"
ns test -f /etc/guichet/guichet.toml || fail "dpkg -r a supprimé le conffile (seul --purge le doit)"
NS_TIMEOUT=60 ns dpkg --purge guichet > "$work/dpkg-purge.log" 2>&1 \
  || { cat "$work/dpkg-purge.log"; fail "dpkg --purge"; }
! grep -qi "warning\|avertissement" "$work/dpkg-purge.log" || { cat "$work/dpkg-purge.log"; fail "dpkg --purge : avertissement"; }
! ns test -e /etc/guichet/guichet.toml || fail "guichet.toml reste après --purge"
! ns test -e /etc/systemd/system/multi-user.target.wants/guichet.service || fail "lien d'activation resté"
! ns test -e /etc/systemd/system/guichet.service || fail "guichet.service reste masqué après --purge"
ns sh -c '! ls /var/lib/systemd/deb-systemd-helper-enabled/ 2>/dev/null | grep -q guichet' \
  || fail "l'état de deb-systemd-helper reste après --purge"
ns test -d /var/lib/guichet/exports || fail "--purge a supprimé /var/lib/guichet (les données doivent rester)"
ns getent passwd guichet > /dev/null || fail "--purge a supprimé l'utilisateur guichet (il doit rester)"
grep -q guichet <<< "$(ns systemctl --failed --no-legend --plain)" && fail "guichet.service est en échec"
step "dpkg -r et --purge : prerm, postrm sans erreur ; données et utilisateur conservés"
echo "ok : $(basename "$deb") sous systemd $(systemctl --version | awk 'NR==1{print $2}') en $(( $(date +%s) - t0 )) s"
