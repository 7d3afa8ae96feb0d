#!/usr/bin/env python3
"""A webhook receiver for the tests, on loopback: checks each request's HMAC-SHA256 signature
and timestamp (replay window) the way an integrator's receiver would, independently of the
plugin's C++ code. Writes its port to --port-file; appends each accepted body as one JSON line
to --log, with "valid" false for a refused one. The first --fail requests get a 503."""
import argparse, hashlib, hmac, http.server, json, time

parser = argparse.ArgumentParser()
parser.add_argument("--secret", required=True)
parser.add_argument("--port-file", required=True)
parser.add_argument("--log", required=True)
parser.add_argument("--fail", type=int, default=0)
parser.add_argument("--window", type=int, default=300)
args = parser.parse_args()
state = {"failures_left": args.fail}


def record(entry):
    with open(args.log, "a") as f:
        f.write(json.dumps(entry) + "\n")


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def answer(self, code):
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if state["failures_left"] > 0:
            state["failures_left"] -= 1
            record({"refused": "503"})
            return self.answer(503)
        sig = self.headers.get("Guichet-Signature", "")
        parts = dict(p.split("=", 1) for p in sig.split(",") if "=" in p)
        t = parts.get("t", "0")
        expected = hmac.new(args.secret.encode(), t.encode() + b"." + body, hashlib.sha256).hexdigest()
        fresh = t.isdigit() and abs(time.time() - int(t)) <= args.window
        if not (hmac.compare_digest(expected, parts.get("v1", "")) and fresh):
            record({"refused": "signature"})
            return self.answer(401)
        event = json.loads(body)
        if event.get("id") != self.headers.get("Guichet-Event-Id"):
            record({"refused": "id"})
            return self.answer(400)
        record({"accepted": event})
        self.answer(204)


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
with open(args.port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.rename(args.port_file + ".tmp", args.port_file)
server.serve_forever()
