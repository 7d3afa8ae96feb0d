#!/usr/bin/env bash
# The tree's layering, checked on the sources (README "Layout", docs/request-flow.md):
# SQL and SOCI only in db/ (app/ wires them); no std::regex anywhere (a character test does,
# and <regex> costs seconds of compile per file); no JSON in a service's signature except the
# free-form data the services declare as such.
set -u
root="${1:?source dir}"
cd "$root" || exit 2
fail=0
say() { echo "layering: $*" >&2; fail=1; }

hits=$(grep -rlE 'soci' --include='*.cpp' --include='*.hpp' core services http plugins mail documents || true)
[ -z "$hits" ] || say "SOCI outside db/ and app/: $hits"

hits=$(grep -rlE '"(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|NOTIFY) ' --include='*.cpp' --include='*.hpp' \
       core services http plugins mail documents app || true)
[ -z "$hits" ] || say "SQL outside db/: $hits"

hits=$(grep -rlE '#include <regex>' --include='*.cpp' --include='*.hpp' \
       core db services http plugins mail documents app tests || true)
[ -z "$hits" ] || say "std::regex: $hits"

# A service returns typed results; JSON stays only where it is the candidate's answers, an event's
# payload or an audit record's before/after (each marked in its header).
hits=$(grep -lE 'Result<boost::json|boost::json::(object|array|value) [a-z_]+\(' services/*.hpp || true)
[ -z "$hits" ] || say "a service returns JSON: $hits"

exit $fail
