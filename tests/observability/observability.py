#!/usr/bin/env python3
"""Checks that keep /metrics, docs/metrics.md and packaging/prometheus/ from drifting apart.

  observability.py rule-tests RULES TESTS   every alert is well formed and unit-tested both ways
  observability.py metrics SCRAPE DOCS RULES [--plugin-consumer NAME]
                                            every family of a real scrape is documented (type,
                                            labels), every documented family is served, every
                                            metric the rules use exists

Exits 1 with one line per problem (French and English) on failure.
"""
import re
import sys

import yaml

EVALUATE_ROUTE = "/api/v1/academies/{academy}/exams/{exam}/sessions/{session}/evaluate"
PROMQL_KEYWORDS = {"and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
                   "group_left", "group_right", "inf", "nan", "atan2"}
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")
# Labels with a fixed set of values, each of which docs/metrics.md must list.
CLOSED_LABELS = {"result", "state", "kind", "le"}


def fail(problems):
    for p in problems:
        print("ÉCHEC / FAIL: " + p, file=sys.stderr)
    if problems:
        sys.exit(1)


def load_rules(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    return [rule for group in doc["groups"] for rule in group["rules"]]


# --- rule-tests -----------------------------------------------------------------------------

def check_rule_tests(rules_path, tests_path):
    problems = []
    rules = load_rules(rules_path)
    alerts = {r["alert"]: r for r in rules if "alert" in r}
    if not alerts:
        problems.append(f"{rules_path}: aucune alerte / no alert at all")
    for name, rule in alerts.items():
        severity = rule.get("labels", {}).get("severity")
        if severity not in ("page", "ticket"):
            problems.append(f"{name}: severity « {severity} » au lieu de page ou ticket / must be page or ticket")
        annotations = rule.get("annotations", {})
        for key in ("summary", "description"):
            if not str(annotations.get(key, "")).strip():
                problems.append(f"{name}: annotation {key} absente / missing")
    with open(tests_path, encoding="utf-8") as f:
        tests = yaml.safe_load(f)
    fires, quiet = set(), set()
    for group in tests.get("tests", []):
        for case in group.get("alert_rule_test", []) or []:
            name = case["alertname"]
            if name not in alerts:
                # promtool passes `exp_alerts: []` for an alert that does not exist: a typo would hide.
                problems.append(f"{tests_path}: l'alerte testée {name} n'existe pas / tested alert does not exist")
            (fires if case.get("exp_alerts") else quiet).add(name)
    for name in alerts:
        if name not in fires:
            problems.append(f"{name}: aucun cas où elle se déclenche / no test case where it fires")
        if name not in quiet:
            problems.append(f"{name}: aucun cas où elle reste silencieuse / no test case where it stays quiet")
    fail(problems)
    print(f"{len(alerts)} alertes, chacune testée dans les deux sens / {len(alerts)} alerts, each tested both ways")


# --- metrics ----------------------------------------------------------------------------------

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:\\.|[^"\\])*)"')


def parse_exposition(text):
    """Families {name: type}, helps {name}, samples [(name, {label: value}, value)], problems."""
    families, helps, samples, problems = {}, set(), [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("# TYPE "):
            parts = line.split()
            if len(parts) != 4:
                problems.append(f"/metrics ligne {n}: TYPE mal formé / malformed: {line}")
                continue
            families[parts[2]] = parts[3]
        elif line.startswith("# HELP "):
            helps.add(line.split()[2])
        elif line.startswith("#"):
            continue
        else:
            m = SAMPLE.match(line)
            if not m:
                problems.append(f"/metrics ligne {n}: échantillon illisible / unreadable sample: {line}")
                continue
            labels = dict(LABEL.findall(m.group(3) or ""))
            try:
                float(m.group(4))
            except ValueError:
                problems.append(f"/metrics ligne {n}: valeur non numérique / non-numeric value: {line}")
            samples.append((m.group(1), labels, m.group(4)))
    return families, helps, samples, problems


def family_of(name, families):
    if name in families:
        return name
    for suffix in HISTOGRAM_SUFFIXES:
        base = name[: -len(suffix)]
        if name.endswith(suffix) and families.get(base) in ("histogram", "summary"):
            return base
    return None


def parse_docs(path):
    """{family: {"type", "labels", "values", "external"}} from the `### `name`` sections, whose
    bullets "- **Type:**", "- **Labels:**" and "- **Label values:**" may wrap onto indented lines."""
    docs, current, bullets = {}, None, []

    def close():
        if current is None:
            return
        for key, text in bullets:
            if key == "Type":
                m = re.match(r"(\w+)(.*)$", text)
                current["type"] = m.group(1) if m else None
                current["external"] = "added by Prometheus" in text
            elif key == "Labels":
                current["labels"] = set(re.findall(r"`([a-zA-Z_][a-zA-Z0-9_]*)`", text))
            elif key == "Label values":
                current["values"] = set(re.findall(r"`([^`]*)`", text))

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"^### `([a-zA-Z_:][a-zA-Z0-9_:]*)`\s*$", line)
            if m or line.startswith("#"):
                close()
                bullets = []
                current = docs.setdefault(m.group(1), {"type": None, "labels": None, "values": set(),
                                                       "external": False}) if m else None
                continue
            if current is None:
                continue
            b = re.match(r"^- \*\*([^*]+):\*\* (.*)$", line)
            if b:
                bullets.append((b.group(1), b.group(2)))
            elif line.startswith("  ") and bullets:
                bullets[-1] = (bullets[-1][0], bullets[-1][1] + " " + line.strip())
    close()
    return docs


def strip_promql(expr):
    expr = re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|`[^`]*`', " ", expr)
    expr = re.sub(r"\{[^}]*\}", " ", expr)
    expr = re.sub(r"\[[^\]]*\]", " ", expr)
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", expr)
    return expr


def promql_metric_names(expr):
    expr = strip_promql(expr)
    names = set()
    for m in re.finditer(r"[a-zA-Z_:][a-zA-Z0-9_:]*", expr):
        word = m.group(0)
        if word.lower() in PROMQL_KEYWORDS:
            continue
        if re.match(r"\s*\(", expr[m.end():]):  # a function or an aggregation
            continue
        if m.start() > 0 and (expr[m.start() - 1].isdigit() or expr[m.start() - 1] == "."):
            continue  # the exponent or unit of a number
        names.add(word)
    return names


def check_metrics(scrape_path, docs_path, rules_path, plugin_consumer):
    problems = []
    with open(scrape_path, encoding="utf-8") as f:
        text = f.read()
    families, helps, samples, parse_problems = parse_exposition(text)
    problems += parse_problems
    docs = parse_docs(docs_path)

    # The scrape is a real one: the requests the test made are in it.
    if len(families) < 10:
        problems.append(f"/metrics n'a que {len(families)} familles / only {len(families)} families: ce n'est pas la sortie attendue / not the expected output")

    def value_of(name, **labels):
        for n, l, v in samples:
            if n == name and all(l.get(k) == want for k, want in labels.items()):
                return float(v)
        return None

    # (family, labels, least value): what the test's requests and provoked faults must show.
    expected = [
        ("guichet_http_requests_total", {"route": "/healthz", "method": "GET", "status": "200"}, 1),
        ("guichet_http_requests_total", {"route": "unmatched", "status": "404"}, 1),
        ("guichet_http_requests_total", {"route": "rejected", "method": "-", "status": "400"}, 1),
        ("guichet_http_requests_total", {"route": "/api/v1/accounts", "method": "POST", "status": "201"}, 1),
        ("guichet_http_request_duration_seconds_bucket", {"route": "/readyz", "le": "+Inf"}, 1),
        ("guichet_rules_info", {}, 1),
        # an evaluation whose script raises an error
        ("guichet_http_requests_total", {"route": EVALUATE_ROUTE, "method": "POST", "status": "500"}, 1),
        ("guichet_rule_evaluations_total", {"result": "script_error"}, 1),
        ("guichet_script_faults_total", {"academy": "poitiers", "kind": "error"}, 1),
        ("guichet_script_academy_suspended", {"academy": "poitiers"}, 0),
        # a broken edit of the scripts folder
        ("guichet_rules_reloads_total", {"result": "refused"}, 1),
        ("guichet_rules_pending_changes", {"state": "refused"}, 1),
    ]
    for name, labels, least in expected:
        got = value_of(name, **labels)
        if got is None or got < least:
            problems.append(f"/metrics: {name}{labels} vaut {got}, au moins {least} attendu après les requêtes du test / "
                            f"is {got}, at least {least} expected after the test's requests")

    def has(name, **labels):
        return value_of(name, **labels) is not None

    if plugin_consumer and not has("guichet_plugin_events_delivered_total", consumer=plugin_consumer):
        problems.append(f"/metrics: pas de consommateur / no consumer {plugin_consumer} alors que le greffon est chargé / although the plugin is loaded")

    # Every family served is documented, with its type and labels.
    for name, kind in sorted(families.items()):
        if name not in helps:
            problems.append(f"/metrics: {name} sans ligne HELP / has no HELP line")
        doc = docs.get(name)
        if doc is None:
            problems.append(f"{docs_path}: {name} ({kind}) n'est pas documentée / is not documented (section « ### `{name}` »)")
            continue
        if doc["type"] != kind:
            problems.append(f"{docs_path}: {name} documentée « {doc['type']} », servie « {kind} » / documented as {doc['type']}, served as {kind}")
        if doc["labels"] is None:
            problems.append(f"{docs_path}: {name} sans ligne « - **Labels:** » / has no Labels line")
    seen_labels = {}
    for sample, labels, _ in samples:
        family = family_of(sample, families)
        if family is None:
            problems.append(f"/metrics: l'échantillon {sample} n'appartient à aucune famille (TYPE) / belongs to no family")
            continue
        seen_labels.setdefault(family, set()).update(labels)
    # Labels whose values are a fixed set must list every value served.
    for sample, labels, _ in samples:
        family = family_of(sample, families)
        if family not in docs:
            continue
        for label in sorted(set(labels) & CLOSED_LABELS):
            if labels[label] not in docs[family]["values"]:
                problems.append(f"{docs_path}: la valeur « {labels[label]} » de l'étiquette {label} de {family} n'est pas dans « Label values » / value not documented")
    for family, labels in sorted(seen_labels.items()):
        documented = (docs.get(family) or {}).get("labels") or set()
        for label in sorted(labels - documented):
            if family in docs:
                problems.append(f"{docs_path}: l'étiquette « {label} » de {family} n'est pas documentée / label {label} of {family} is not documented")

    # Every family documented as served by guichet is served (no stale docs).
    for name, doc in sorted(docs.items()):
        if doc["type"] is None:
            problems.append(f"{docs_path}: {name} sans ligne « - **Type:** » / has no Type line")
        if not doc["external"] and name not in families:
            problems.append(f"{docs_path}: {name} est documentée mais /metrics ne la sert pas / is documented but not served")

    # Every metric the rules use exists; every recording they use is defined.
    rules = load_rules(rules_path)
    recorded = {r["record"] for r in rules if "record" in r}
    known = set(families) | set(docs)

    def known_metric(name):
        if name in known:
            return True
        for suffix in HISTOGRAM_SUFFIXES:
            base = name[: -len(suffix)]
            if name.endswith(suffix) and (families.get(base) == "histogram" or (docs.get(base) or {}).get("type") == "histogram"):
                return True
        return False

    used = 0
    for rule in rules:
        what = rule.get("alert") or rule.get("record")
        for name in sorted(promql_metric_names(str(rule["expr"]))):
            used += 1
            if ":" in name:
                if name not in recorded:
                    problems.append(f"{rules_path}: {what} utilise l'enregistrement {name}, jamais défini / uses recording {name}, never defined")
            elif not known_metric(name):
                problems.append(f"{rules_path}: {what} utilise {name}, ni servie par /metrics ni documentée / uses {name}, neither served nor documented")
        for text in (rule.get("annotations") or {}).values():
            for name in re.findall(r"\bguichet_[a-z0-9_]+\b", str(text)):
                if not known_metric(name):
                    problems.append(f"{rules_path}: l'annotation de {what} cite {name}, qui n'existe pas / annotation names {name}, which does not exist")
    if used == 0:
        problems.append(f"{rules_path}: aucune métrique trouvée dans les expressions / no metric found in the expressions")
    fail(problems)
    print(f"{len(families)} familles servies et documentées, {len(rules)} règles vérifiées / "
          f"{len(families)} families served and documented, {len(rules)} rules checked")


def main(argv):
    if len(argv) >= 4 and argv[1] == "rule-tests":
        return check_rule_tests(argv[2], argv[3])
    if len(argv) >= 5 and argv[1] == "metrics":
        consumer = argv[argv.index("--plugin-consumer") + 1] if "--plugin-consumer" in argv else None
        return check_metrics(argv[2], argv[3], argv[4], consumer)
    print(__doc__, file=sys.stderr)
    sys.exit(2)


if __name__ == "__main__":
    main(sys.argv)
