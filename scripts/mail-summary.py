#!/usr/bin/python3
"""Summarizes the messages recorded by scripts/smtp-test-server.py, as an independent oracle
for the end-to-end tests: Python's email parser (policy.default) and icalendar read them.

Usage: mail-summary.py RECORD_DIR  ->  a JSON list, one object per message-N.json (in order):
  rcpt, subject (decoded), content_language, message_id, content_types (every part),
  calendar_method, calendar_dtstart (UTC, ISO 8601) and calendar_summary, or null without a calendar;
  calendar_organizer and calendar_attendees (every ATTENDEE as "address PARTSTAT") of its first VEVENT.
"""
import base64
import datetime
import email
import email.policy
import json
import os
import sys

from icalendar import Calendar


def calendar_people(message):
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            calendar = Calendar.from_ical(part.get_payload(decode=True))
            for event in calendar.walk("VEVENT"):
                organizer = event.get("ORGANIZER")
                attendees = event.get("ATTENDEE") or []
                if not isinstance(attendees, list):
                    attendees = [attendees]
                return (str(organizer) if organizer is not None else None,
                        ["%s %s" % (a, a.params.get("PARTSTAT", "")) for a in attendees])
    return None, []


def calendar_fields(message):
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            calendar = Calendar.from_ical(part.get_payload(decode=True))
            method = str(calendar.get("METHOD")) if calendar.get("METHOD") else None
            for event in calendar.walk("VEVENT"):
                start = event.decoded("DTSTART")
                if isinstance(start, datetime.datetime) and start.tzinfo is not None:
                    start = start.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
                else:
                    start = str(start)
                return method, start, str(event.get("SUMMARY"))
            return method, None, None
    return None, None, None


def main():
    directory = sys.argv[1]
    names = sorted(n for n in os.listdir(directory) if n.startswith("message-") and n.endswith(".json"))
    summaries = []
    for name in names:
        with open(os.path.join(directory, name)) as f:
            record = json.load(f)
        message = email.message_from_bytes(base64.b64decode(record["data"]), policy=email.policy.default)
        method, dtstart, summary = calendar_fields(message)
        organizer, attendees = calendar_people(message)
        summaries.append({
            "rcpt": record["rcpt_tos"][0] if record["rcpt_tos"] else None,
            "subject": str(message["Subject"]) if message["Subject"] is not None else None,
            "content_language": str(message["Content-Language"]) if message["Content-Language"] is not None else None,
            "message_id": str(message["Message-ID"]) if message["Message-ID"] is not None else None,
            "content_types": [part.get_content_type() for part in message.walk()],
            "calendar_method": method,
            "calendar_dtstart": dtstart,
            "calendar_summary": summary,
            "calendar_organizer": organizer,
            "calendar_attendees": attendees,
        })
    json.dump(summaries, sys.stdout)


if __name__ == "__main__":
    main()
