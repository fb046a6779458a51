#!/usr/bin/python3
"""Independent RRULE oracle for RecurrenceTests, built on python-dateutil and zoneinfo.

Reads a JSON list of cases on stdin:
  {"rule": "FREQ=...;..." or null, "start": "YYYYMMDDTHHMMSS", "tz": "Europe/Brussels",
   "rdates": [...], "exdates": [...], "limit": N}
and prints a JSON list (one per case) of lists of UTC instants "YYYY-MM-DDTHH:MM:SSZ",
ascending, at most `limit` each.

How the answer is built (independently of the Swift code):
- dateutil.rrule.rrulestr expands the rule on NAIVE wall-clock datetimes from DTSTART.
- DTSTART is always the first instance (RFC 5545 3.8.5.3). dateutil omits a DTSTART that does
  not match the rule, so when the rule's first instance is not DTSTART we add DTSTART ourselves
  (as rruleset.rdate would) and expand the rule with COUNT-1 so DTSTART uses up one of COUNT.
- UNTIL in UTC form ("...Z") cannot be compared with naive datetimes, so it is removed from the
  rule text and applied after the conversion to UTC (DTSTART itself is kept). UNTIL as a bare
  date (YYYYMMDD) means the whole day: it is rewritten to YYYYMMDDT235959 (dateutil would take
  midnight at the start of the day; this is the project's deliberate reading).
- Each wall-clock time is converted to UTC by RFC 5545 3.3.5, done here explicitly: a time that
  does not round-trip (spring gap) moves forward by the gap (the fold=1 offset minus the fold=0
  offset) and is then read with the post-transition offset; an ambiguous time takes fold=0,
  the first instant. Both are cross-checked against zoneinfo's own fold semantics.
- RDATEs are added, EXDATEs are converted the same way and remove instances with the same UTC
  instant, duplicates (same instant) are dropped, and the result is sorted by instant.
"""
import json
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

EXTRA = 64  # instances generated beyond `limit`, so sorting near gaps cannot miss one


def parse_local(text):
    text = text.replace("-", "").replace(":", "")
    if len(text) == 8:
        return datetime.strptime(text, "%Y%m%d")
    if len(text) == 13:  # YYYYMMDDTHHMM
        return datetime.strptime(text, "%Y%m%dT%H%M")
    return datetime.strptime(text, "%Y%m%dT%H%M%S")


def to_utc(naive, zone):
    """RFC 5545 3.3.5 conversion of a naive wall-clock time in `zone` to an aware UTC datetime."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    utc_first = first.astimezone(timezone.utc)
    round_trip = utc_first.astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        # Nonexistent (spring gap): move forward by the length of the gap.
        gap = second.utcoffset() - first.utcoffset()
        if gap <= timedelta(0):  # zoneinfo reports the offsets the other way round
            gap = -gap
            before, after = second.utcoffset(), first.utcoffset()
        else:
            before, after = first.utcoffset(), second.utcoffset()
        moved = naive + gap
        result = (moved - after).replace(tzinfo=timezone.utc)
        # Check: this is what fold=0 (the pre-transition offset) gives as well.
        assert result == (naive - before).replace(tzinfo=timezone.utc)
        assert result == utc_first, (naive, result, utc_first)
        return result
    # Existing or ambiguous: fold=0 is the first (earlier) instant.
    utc_second = second.astimezone(timezone.utc)
    assert utc_first <= utc_second
    return utc_first


def split_rule(rule):
    """Returns (rule text without UTC UNTIL, UTC until or None, count or None)."""
    parts = [p for p in rule.split(";") if p]
    until_utc, count, kept = None, None, []
    for part in parts:
        name, _, value = part.partition("=")
        name = name.upper()
        if name == "UNTIL" and value.upper().endswith("Z"):
            until_utc = datetime.strptime(value[:-1], "%Y%m%dT%H%M%S").replace(tzinfo=timezone.utc)
            continue
        if name == "UNTIL" and len(value) == 8:
            part = "UNTIL=" + value + "T235959"
        if name == "COUNT":
            count = int(value)
            continue
        kept.append(part)
    return ";".join(kept), until_utc, count


def rule_instances(rule, dtstart, wanted):
    """Naive wall-clock instances of the rule with DTSTART first (see header), up to `wanted`."""
    body, until_utc, count = split_rule(rule)
    full = rrulestr(body + (f";COUNT={count}" if count else ""), dtstart=dtstart)
    first = next(iter(full), None)
    instances = []
    if first != dtstart:
        instances.append(dtstart)
        if count is not None:
            count -= 1
        if count == 0:
            return instances, until_utc
        full = rrulestr(body + (f";COUNT={count}" if count else ""), dtstart=dtstart)
    for value in full:
        if len(instances) >= wanted:
            break
        if until_utc is not None and value.replace(tzinfo=timezone.utc) - timedelta(hours=16) > until_utc:
            break
        instances.append(value)
    return instances, until_utc


def expand(case):
    zone = ZoneInfo(case["tz"])
    dtstart = parse_local(case["start"])
    limit = case["limit"]
    if case.get("rule"):
        instances, until_utc = rule_instances(case["rule"], dtstart, limit + EXTRA)
    else:
        instances, until_utc = [dtstart], None
    instants = set()
    for value in instances:
        utc = to_utc(value, zone)
        if until_utc is not None and value != dtstart and utc > until_utc:
            continue
        instants.add(utc)
    for text in case.get("rdates", []):
        instants.add(to_utc(parse_local(text), zone))
    for text in case.get("exdates", []):
        instants.discard(to_utc(parse_local(text), zone))
    ordered = sorted(instants)[:limit]
    return [value.strftime("%Y-%m-%dT%H:%M:%SZ") for value in ordered]


def main():
    cases = json.load(sys.stdin)
    json.dump([expand(case) for case in cases], sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
