#!/usr/bin/python3
"""SMTP test server for Relais tests (aiosmtpd, Debian python3-aiosmtpd 1.4.3).

Listens on 127.0.0.1, prints "PORT n" as its first stdout line, and exits when stdin
closes or on SIGTERM. Options: STARTTLS (--tls-cert/--tls-key, --require-starttls),
AUTH PLAIN/LOGIN (--auth user:password), recording of accepted messages and connections
(--record DIR), implicit TLS (--implicit-tls, for smtps://), and fault injection
(--fault STAGE:ACTION [--fault-match S] [--fault-count N] [--fault-skip N]) where STAGE is greeting, ehlo, auth, mail, rcpt, data or eod and ACTION is an SMTP reply
("421 4.7.0 Try later"), "drop" (close the connection; for data: in the middle of the body)
or "stall" (never answer).
"""
import argparse
import asyncio
import base64
import json
import logging
import os
import signal
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Fault:
    def __init__(self, spec, match, count, skip):
        self.stage, _, self.action = spec.partition(":") if spec else (None, None, None)
        self.match = match
        self.remaining = count
        self.skip = skip or 0

    def take(self, stage, rcpts=()):
        """Returns the action for this stage, or None; counts down --fault-count."""
        if self.stage != stage:
            return None
        if self.match and not any(self.match in r for r in rcpts):
            return None
        if self.skip > 0:
            self.skip -= 1
            return None
        if self.remaining is not None:
            if self.remaining <= 0:
                return None
            self.remaining -= 1
        return self.action


class State:
    connections = 0
    messages = 0


class Handler:
    def __init__(self, args, fault):
        self.args = args
        self.fault = fault

    async def handle_DATA(self, server, session, envelope):
        action = self.fault.take("eod", envelope.rcpt_tos)
        if action is not None:
            result = await server.apply_fault(action)
            if result is not None:
                return result
        State.messages += 1
        if self.args.record:
            record = {
                "mail_from": envelope.mail_from,
                "rcpt_tos": envelope.rcpt_tos,
                "data": base64.b64encode(envelope.original_content or b"").decode("ascii"),
                "connection": server.connection_number,
                "message": State.messages,
                "tls": session.ssl is not None,
                "authenticated": bool(session.authenticated),
                "peer": list(session.peer) if session.peer else None,
            }
            path = os.path.join(self.args.record, "message-%06d.json" % State.messages)
            with open(path + ".tmp", "w") as f:
                json.dump(record, f)
            os.replace(path + ".tmp", path)
        return "250 2.0.0 OK queued as %d" % State.messages


class FaultySMTP(SMTP):
    """aiosmtpd's SMTP with a connection counter and fault injection."""

    def __init__(self, handler, fault, record, **kwargs):
        super().__init__(handler, **kwargs)
        self.fault = fault
        self.record = record
        self.connection_number = 0

    def connection_made(self, transport):
        if self.transport is None:  # not the STARTTLS upgrade
            State.connections += 1
            self.connection_number = State.connections
            if self.record:
                with open(os.path.join(self.record, "connections.log"), "a") as f:
                    f.write("%d\n" % self.connection_number)
        super().connection_made(transport)

    async def apply_fault(self, action):
        """Performs a fault: returns a reply to send, or None after drop/stall handling."""
        if action == "drop":
            self.transport.close()
            return None
        if action == "stall":
            await asyncio.sleep(3600)
            return None
        return action

    async def _fault_reply(self, stage, rcpts=()):
        action = self.fault.take(stage, rcpts)
        if action is None:
            return False
        reply = await self.apply_fault(action)
        if reply is not None:
            await self.push(reply)
        return True

    async def _handle_client(self):
        action = self.fault.take("greeting")
        if action is not None:
            reply = await self.apply_fault(action)
            if reply is not None:
                await self.push(reply)
                self.transport.close()
            return
        await super()._handle_client()

    async def smtp_EHLO(self, hostname):
        if not await self._fault_reply("ehlo"):
            await super().smtp_EHLO(hostname)

    async def smtp_AUTH(self, arg):
        if not await self._fault_reply("auth"):
            await super().smtp_AUTH(arg)

    async def smtp_MAIL(self, arg):
        if not await self._fault_reply("mail"):
            await super().smtp_MAIL(arg)

    async def smtp_RCPT(self, arg):
        rcpt = arg or ""
        if not await self._fault_reply("rcpt", [rcpt]):
            await super().smtp_RCPT(arg)

    async def smtp_DATA(self, arg):
        action = self.fault.take("data", self.envelope.rcpt_tos)
        if action == "drop":
            await self.push("354 End data with <CR><LF>.<CR><LF>")
            await self._reader.readexactly(1024)  # part of the body, then hang up
            self.transport.abort()
            return
        if action is not None:
            reply = await self.apply_fault(action)
            if reply is not None:
                await self.push(reply)
            return
        await super().smtp_DATA(arg)


def make_authenticator(credentials):
    user, _, password = credentials.partition(":")

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode("utf-8", "replace") == user
              and auth_data.password.decode("utf-8", "replace") == password)
        return AuthResult(success=ok, handled=False)
    return authenticator


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--require-starttls", action="store_true")
    parser.add_argument("--implicit-tls", action="store_true", help="TLS from the first byte (smtps)")
    parser.add_argument("--auth")
    parser.add_argument("--record")
    parser.add_argument("--fault")
    parser.add_argument("--fault-match")
    parser.add_argument("--fault-count", type=int)
    parser.add_argument("--fault-skip", type=int, help="let the first N matching commands through")
    parser.add_argument("--verbose", action="store_true", help="log aiosmtpd's session errors to stderr")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.CRITICAL)
    if not args.verbose:
        logging.getLogger("mail.log").setLevel(logging.CRITICAL)

    loop = asyncio.get_running_loop()
    fault = Fault(args.fault, args.fault_match, args.fault_count, args.fault_skip)
    handler = Handler(args, fault)
    tls_context = None
    if args.tls_cert:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.tls_cert, args.tls_key)
    kwargs = dict(
        hostname="relais-test", tls_context=None if args.implicit_tls else tls_context, require_starttls=args.require_starttls,
        data_size_limit=64 * 1024 * 1024, loop=loop,
    )
    if args.auth:
        kwargs.update(authenticator=make_authenticator(args.auth), auth_required=True,
                      auth_require_tls=tls_context is not None and not args.implicit_tls)
    if args.record:
        os.makedirs(args.record, exist_ok=True)

    server = await loop.create_server(
        lambda: FaultySMTP(handler, fault, args.record, **kwargs), host="127.0.0.1", port=args.port,
        ssl=tls_context if args.implicit_tls else None)
    port = server.sockets[0].getsockname()[1]
    sys.stdout.write("PORT %d\n" % port)
    sys.stdout.flush()

    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)

    def stdin_closed():
        try:
            if not os.read(sys.stdin.fileno(), 4096):
                loop.remove_reader(sys.stdin.fileno())
                stop.set()
        except OSError:
            loop.remove_reader(sys.stdin.fileno())
            stop.set()
    loop.add_reader(sys.stdin.fileno(), stdin_closed)
    await stop.wait()
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
