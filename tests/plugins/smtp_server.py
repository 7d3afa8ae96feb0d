#!/usr/bin/env python3
"""An SMTP server for the tests, on loopback (aiosmtpd): STARTTLS required when given a
certificate, AUTH LOGIN/PLAIN required when given a user, each accepted mail written to
--out as <n>.eml with its envelope in <n>.env. The first --fail recipients get a 451."""
import argparse, os, signal, socket, ssl, threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

parser = argparse.ArgumentParser()
parser.add_argument("--port-file", required=True)
parser.add_argument("--out", required=True)
parser.add_argument("--cert")
parser.add_argument("--key")
parser.add_argument("--user")
parser.add_argument("--password")
parser.add_argument("--fail", type=int, default=0)
args = parser.parse_args()
os.makedirs(args.out, exist_ok=True)
state = {"fail": args.fail, "n": 0}


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if state["fail"] > 0:
            state["fail"] -= 1
            return "451 4.3.0 Essayez plus tard"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        state["n"] += 1
        base = os.path.join(args.out, str(state["n"]))
        with open(base + ".env", "w") as f:
            f.write("from=%s\nto=%s\ntls=%s\nauth=%s\n" % (envelope.mail_from, ",".join(envelope.rcpt_tos),
                                                           session.ssl is not None, session.authenticated))
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == args.user.encode() and auth_data.password == args.password.encode()
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself


s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
kwargs = {}
if args.cert:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    kwargs.update(tls_context=context, require_starttls=True)
if args.user:
    kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=bool(args.cert))
controller = Controller(Handler(), hostname="127.0.0.1", port=port, **kwargs)
controller.start()
with open(args.port_file + ".tmp", "w") as f:
    f.write(str(port))
os.rename(args.port_file + ".tmp", args.port_file)
stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *a: stop.set())
stop.wait()
controller.stop()
