#!/usr/bin/python3
"""Independent oracle for Relais MIME output (used by MIMETests).

Usage: mime-check.py [FILE.eml ...]   (no file or "-": read one message from stdin)
Parses each message with Python's `email` package (policy=strict and policy=default) and
prints JSON (an object for one message, a list for several): decoded headers, header names
in order, From/To mailboxes, the MIME tree, decoded bodies, and the results of raw checks:
CRLF only, line lengths (header <= 78, quoted-printable body <= 76, any line <= 998),
encoded words <= 75 characters, each decoding to whole UTF-8 characters and separated from
neighbouring text by whitespace.
"""
import base64
import binascii
import email
import email.header
import email.policy
import json
import quopri
import re
import sys

ENCODED_WORD = re.compile(rb"=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=")


def raw_checks(raw):
    problems = []
    for i, byte in enumerate(raw):
        if byte == 0x0A and (i == 0 or raw[i - 1] != 0x0D):
            problems.append("bare LF at offset %d" % i)
            break
        if byte == 0x0D and (i + 1 >= len(raw) or raw[i + 1] != 0x0A):
            problems.append("bare CR at offset %d" % i)
            break
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        problems.append("no blank line after the header section")
    header_lines = head.split(b"\r\n")
    max_header = max((len(l) for l in header_lines), default=0)
    long_headers = [l.decode("latin-1") for l in header_lines if len(l) > 78]
    max_line = max((len(l) for l in raw.split(b"\r\n")), default=0)
    # Raw header fields (unfolded by removing CRLF before WSP), names in order.
    fields = []
    for line in header_lines:
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] = fields[-1] + line
        else:
            fields.append(line)
    raw_names = [f.split(b":", 1)[0].decode("latin-1") for f in fields]
    words = []
    for line in header_lines:
        for m in ENCODED_WORD.finditer(line):
            word = m.group(0)
            entry = {"word": word.decode("ascii", "replace"), "length": len(word)}
            if len(word) > 75:
                problems.append("encoded word longer than 75: %s" % entry["word"])
            before = line[m.start() - 1:m.start()] if m.start() > 0 else b""
            after = line[m.end():m.end() + 1]
            if before not in (b"", b" ", b"\t") and not line[:m.start()].endswith(b": "):
                problems.append("encoded word glued to preceding text: %s" % line.decode("latin-1"))
            if after not in (b"", b" ", b"\t"):
                problems.append("encoded word glued to following text: %s" % line.decode("latin-1"))
            payload = m.group(3)
            try:
                if m.group(2) in (b"Q", b"q"):
                    data = quopri.decodestring(payload.replace(b"_", b" "), header=True)
                else:
                    data = base64.b64decode(payload, validate=True)
                data.decode(m.group(1).decode("ascii"))
            except (UnicodeDecodeError, binascii.Error, LookupError) as error:
                problems.append("encoded word is not whole characters: %s (%s)" % (entry["word"], error))
            words.append(entry)
    return {
        "crlf_only": not any(p.startswith("bare") for p in problems),
        "max_header_line": max_header,
        "long_header_lines": long_headers,
        "max_line": max_line,
        "raw_header_names": raw_names,
        "encoded_words": words,
        "problems": problems,
    }


def mailboxes(header):
    if header is None:
        return []
    return [{"display_name": a.display_name, "addr_spec": a.addr_spec} for a in header.addresses]


def legacy_decode(raw_value):
    """RFC 2047 decoding by the older email.header API, as a second opinion."""
    unfolded = re.sub(r"\r\n([ \t])", r"\1", raw_value)
    return str(email.header.make_header(email.header.decode_header(unfolded)))


def legacy_display_name(raw_value):
    """Display name of a single-mailbox header decoded with the older API (RFC 2047 §6.2
    whitespace rules), as a second opinion on the header registry's display_name."""
    if raw_value is None:
        return None
    unfolded = re.sub(r"\r\n([ \t])", r"\1", str(raw_value))
    if not unfolded.endswith(">") or " <" not in unfolded:
        return ""
    phrase = unfolded[:unfolded.rfind(" <")]
    if phrase.startswith('"') and phrase.endswith('"'):
        return re.sub(r"\\(.)", r"\1", phrase[1:-1])
    return legacy_decode(phrase)


def check(raw):
    result = {"raw": raw_checks(raw)}
    try:
        email.message_from_bytes(raw, policy=email.policy.strict)
        result["strict_error"] = None
    except Exception as error:  # the strict policy raises on any defect
        result["strict_error"] = "%s: %s" % (type(error).__name__, error)
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    result["header_names"] = list(msg.keys())
    result["headers"] = {}
    for name, value in msg.items():
        result["headers"].setdefault(name, []).append(str(value))
    result["subject"] = str(msg["Subject"]) if msg["Subject"] is not None else None
    compat = email.message_from_bytes(raw, policy=email.policy.compat32)
    raw_subject = compat.get("Subject")
    result["subject_legacy"] = legacy_decode(str(raw_subject)) if raw_subject is not None else None
    result["from_legacy_name"] = legacy_display_name(compat.get("From"))
    result["to_legacy_name"] = legacy_display_name(compat.get("To"))
    result["from"] = mailboxes(msg["From"])
    result["to"] = mailboxes(msg["To"])
    result["reply_to"] = mailboxes(msg["Reply-To"])
    defects = [repr(d) for d in msg.defects]
    tree = []
    bodies = {}
    qp_max = 0
    for part in msg.walk():
        defects += [repr(d) for d in part.defects]
        depth = 0
        entry = {
            "type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "cte": part.get("Content-Transfer-Encoding"),
            "disposition": part.get_content_disposition(),
            "filename": part.get_filename(),
            "method": part.get_param("method"),
        }
        tree.append(entry)
        if part.is_multipart():
            continue
        if (entry["cte"] or "").lower() == "quoted-printable":
            raw_payload = part.get_payload(decode=False)
            qp_max = max([qp_max] + [len(l.rstrip("\r")) for l in raw_payload.split("\n")])
        key = {"text/plain": "text", "text/html": "html", "text/calendar": "calendar"}.get(entry["type"])
        if entry["disposition"] == "attachment":
            key = "attachment"
        if key:
            payload = part.get_payload(decode=True)
            bodies[key] = payload.decode("utf-8")
    result["tree"] = tree
    result["bodies"] = bodies
    result["max_qp_line"] = qp_max
    result["defects"] = defects
    return result


def main(argv):
    paths = argv[1:] or ["-"]
    results = []
    for path in paths:
        raw = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
        results.append(check(raw))
    json.dump(results[0] if len(results) == 1 else results, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
