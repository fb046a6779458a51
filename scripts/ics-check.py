#!/usr/bin/python3
"""Independent oracle for Relais iCalendar output (used by ICalendarTests).

Usage: ics-check.py [FILE.ics ...]   (no file or "-": read one calendar from stdin)
Parses each calendar with the `icalendar` package and prints JSON (an object for one file,
a list for several): METHOD, UID, SEQUENCE, SUMMARY..., DTSTART/DTEND as UTC instants
resolved three ways -- by icalendar (TZID looked up by name), by icalendar's reading of the
embedded VTIMEZONE (Timezone.to_tz), and by this script's own reading of the VTIMEZONE's
offsets, onsets, RRULEs and RDATEs -- plus zoneinfo's answer for the TZID, the list of
instants (every 30 min over the event's year +/- 1) where the VTIMEZONE's offset differs from
zoneinfo's, and raw checks: CRLF only, physical lines <= 75 octets, no split UTF-8 character.
"""
import bisect
import datetime as dt
import json
import sys
import zoneinfo

import icalendar
from dateutil import rrule

UTC = dt.timezone.utc


def raw_checks(raw):
    problems = []
    for i, byte in enumerate(raw):
        if byte == 0x0A and (i == 0 or raw[i - 1] != 0x0D):
            problems.append("bare LF at offset %d" % i)
            break
        if byte == 0x0D and (i + 1 >= len(raw) or raw[i + 1] != 0x0A):
            problems.append("bare CR at offset %d" % i)
            break
    lines = raw.split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    else:
        problems.append("does not end with CRLF")
    for line in lines:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append("physical line is not whole UTF-8 characters: %r" % line)
    return {
        "crlf_only": not any(p.startswith("bare") for p in problems),
        "max_line_octets": max((len(l) for l in lines), default=0),
        "long_lines": [l.decode("utf-8", "replace") for l in lines if len(l) > 75],
        "problems": problems,
    }


def unfolded_properties(raw):
    """(name, params text, value) of every content line, unfolded by this script itself."""
    text = raw.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    result = []
    for line in text.split("\r\n"):
        if not line:
            continue
        in_quotes = False
        for i, char in enumerate(line):
            if char == '"':
                in_quotes = not in_quotes
            elif char == ":" and not in_quotes:
                head, value = line[:i], line[i + 1:]
                name, _, params = head.partition(";")
                result.append((name.upper(), params, value))
                break
    return result


def unescape_text(value):
    """RFC 5545 §3.3.11 TEXT unescaping, left to right (icalendar 4.0.3's replace chain
    mangles a backslash followed by n, comma or semicolon)."""
    out = []
    i = 0
    while i < len(value):
        char = value[i]
        if char == "\\" and i + 1 < len(value):
            following = value[i + 1]
            out.append("\n" if following in "nN" else following)
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


def transitions_of(vtimezone, until):
    """(UTC onset, offset from, offset to) of every onset of every observance up to `until`."""
    result = []
    for sub in vtimezone.subcomponents:
        start = sub.decoded("DTSTART")
        off_from = sub["TZOFFSETFROM"].td
        off_to = sub["TZOFFSETTO"].td
        onsets = [start]
        if "RRULE" in sub:
            rule = rrule.rrulestr(sub["RRULE"].to_ical().decode(), dtstart=start)
            onsets = list(rule.between(start, until, inc=True))
        rdates = sub.get("RDATE", [])
        if not isinstance(rdates, list):
            rdates = [rdates]
        for rdate in rdates:
            onsets += [d.dt for d in rdate.dts]
        for onset in onsets:
            result.append((onset - off_from, off_from, off_to))
    result.sort()
    return result


def offset_at(transitions, utc_naive):
    if not transitions:
        return dt.timedelta(0)
    index = bisect.bisect_right([t[0] for t in transitions], utc_naive)
    return transitions[index - 1][2] if index > 0 else transitions[0][1]


def local_to_utc(transitions, local_naive):
    """UTC instant of a wall-clock time per the VTIMEZONE; the earlier one when ambiguous."""
    offsets = {t[1] for t in transitions} | {t[2] for t in transitions}
    candidates = sorted(local_naive - o for o in offsets if offset_at(transitions, local_naive - o) == o)
    return candidates[0].replace(tzinfo=UTC) if candidates else None


def iso(value):
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value is not None else None


def check(raw):
    result = {"raw": raw_checks(raw)}
    cal = icalendar.Calendar.from_ical(raw.decode("utf-8"))
    result["method"] = str(cal.get("METHOD"))
    result["prodid"] = str(cal.get("PRODID"))
    result["version"] = str(cal.get("VERSION"))
    result["calscale"] = str(cal.get("CALSCALE"))
    event = cal.walk("VEVENT")[0]
    for key in ("UID", "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "STATUS"):
        result[key.lower()] = str(event[key]) if key in event else None
    result["sequence"] = int(event["SEQUENCE"]) if "SEQUENCE" in event else None
    result["dtstamp"] = iso(event.decoded("DTSTAMP"))
    organizer = event.get("ORGANIZER")
    own = {}
    inside_event = False
    for name, params, value in unfolded_properties(raw):
        if name == "BEGIN" and value == "VEVENT":
            inside_event = True
        elif inside_event and name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
            own[name.lower()] = unescape_text(value)
    result["own_text"] = own
    result["organizer"] = str(organizer) if organizer is not None else None
    result["organizer_cn"] = str(organizer.params.get("CN")) if organizer is not None and "CN" in organizer.params else None
    vtimezones = cal.walk("VTIMEZONE")
    result["vtimezone_count"] = len(vtimezones)
    for key in ("DTSTART", "DTEND"):
        prop = event[key]
        tzid = prop.params.get("TZID")
        local = dt.datetime.strptime(prop.to_ical().decode()[:15], "%Y%m%dT%H%M%S")
        entry = {"tzid": tzid, "local": local.strftime("%Y-%m-%dT%H:%M:%S"), "icalendar": iso(prop.dt)}
        vtz = next((v for v in vtimezones if str(v["TZID"]) == tzid), None)
        if vtz is not None:
            try:
                entry["icalendar_vtimezone"] = iso(vtz.to_tz().localize(local))
            except Exception as error:
                entry["icalendar_vtimezone"] = "error: %s" % error
            trans = transitions_of(vtz, dt.datetime(local.year + 2, 1, 1))
            entry["vtimezone"] = iso(local_to_utc(trans, local))
        if tzid:
            entry["zoneinfo"] = iso(local.replace(tzinfo=zoneinfo.ZoneInfo(tzid)))
        result[key.lower()] = entry
    # Compare the VTIMEZONE with zoneinfo over the event's year +/- 1.
    mismatches = []
    start = result["dtstart"]
    if vtimezones:
        vtz = next((v for v in vtimezones if str(v["TZID"]) == start.get("tzid")), vtimezones[0])
        year = int(start["local"][:4])
        trans = transitions_of(vtz, dt.datetime(year + 2, 1, 1))
        onsets = [t[0] for t in trans]
        zone = zoneinfo.ZoneInfo(str(vtz["TZID"]))
        instant = dt.datetime(year - 1, 1, 1)
        while instant < dt.datetime(year + 2, 1, 1):
            index = bisect.bisect_right(onsets, instant)
            ours = trans[index - 1][2] if index > 0 else (trans[0][1] if trans else dt.timedelta(0))
            theirs = instant.replace(tzinfo=UTC).astimezone(zone).utcoffset()
            if ours != theirs:
                mismatches.append("%sZ vtimezone %s zoneinfo %s" % (instant.isoformat(), ours, theirs))
            instant += dt.timedelta(minutes=30)
    result["vtimezone_mismatches"] = mismatches[:20]
    result["vtimezone_mismatch_count"] = len(mismatches)
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
