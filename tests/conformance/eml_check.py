"""Reads the engine's sample .eml with Python's standard `email` package and
requires it to be a standard message: the subject, sender and both bodies
decode to exactly what was rendered, the structure is multipart/alternative
with text/plain then text/html, and the lines are CRLF-terminated and within
RFC 5322 limits. An independent parser, so the proof is not the engine
reading its own output. Python 3 standard library only.
"""

import datetime
import email.parser
import email.policy
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
# Written by crates/engine/tests/eml.rs (cargo test runs before this script).
SAMPLE = ROOT / "target" / "tmp" / "sample.eml"
EXPECTED = ROOT / "target" / "tmp" / "sample.eml.json"

ENCODED_WORD = re.compile(rb"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")


def canonical(text):
    """Text as MIME carries it: every line break CRLF (RFC 2045 §6.8)."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def header_lines(raw):
    """The lines of the message's header section and of each part's."""
    lines = raw.split(b"\r\n")
    found, in_header = [], True
    for line in lines:
        if in_header:
            if line == b"":
                in_header = False
            else:
                found.append(line)
        elif line.startswith(b"--") and not line.endswith(b"--"):
            in_header = True  # a boundary delimiter: part headers follow
    return found


def main():
    for path in (SAMPLE, EXPECTED):
        if not path.exists():
            print(f"FAIL {path} is missing (run cargo test -p notice-engine --test eml first)")
            print("0 passed, 1 failed")
            return 1
    raw = SAMPLE.read_bytes()
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    message = email.parser.BytesParser(policy=email.policy.default).parsebytes(raw)
    results = []

    def check(name, condition, detail=""):
        results.append(bool(condition))
        detail = str(detail)
        detail = detail if len(detail) <= 300 else detail[:300] + "…"
        print(f"ok   {name}" if condition else f"FAIL {name}" + (f"\n  {detail}" if detail else ""))

    check("no parsing defects", not message.defects and all(not p.defects for p in message.walk()),
          [d for p in message.walk() for d in p.defects])

    subject = str(message["Subject"])
    check("Subject decodes to the rendered subject", subject == expected["subject"], f"{subject!r} != {expected['subject']!r}")
    check("Subject is not ASCII, so this exercises encoded-words", not expected["subject"].isascii())

    for field, key in (("From", "from"), ("To", "to")):
        addresses = message[field].addresses if message[field] else ()
        check(f"{field} has one mailbox", len(addresses) == 1, addresses)
        if addresses:
            check(f"{field} display name decodes", addresses[0].display_name == expected[f"{key}_name"],
                  f"{addresses[0].display_name!r} != {expected[key + '_name']!r}")
            check(f"{field} address is kept", addresses[0].addr_spec == expected[f"{key}_address"],
                  f"{addresses[0].addr_spec!r} != {expected[key + '_address']!r}")

    date = message["Date"].datetime
    wanted = datetime.datetime.fromtimestamp(expected["date_ms"] / 1000, datetime.timezone.utc)
    check("Date parses to the given time in UTC", date == wanted and date.utcoffset() == datetime.timedelta(0), f"{date} != {wanted}")
    check("MIME-Version is 1.0", str(message["MIME-Version"]) == "1.0")

    check("multipart/alternative", message.get_content_type() == "multipart/alternative", message.get_content_type())
    parts = list(message.iter_parts())
    types = [p.get_content_type() for p in parts]
    check("exactly text/plain then text/html", types == ["text/plain", "text/html"], types)
    for part, key in zip(parts, ("text", "html")):
        content = part.get_content()
        check(f"{part.get_content_type()} is UTF-8", part.get_content_charset() == "utf-8", part.get_content_charset())
        check(f"{part.get_content_type()} decodes to the rendered {key} (line breaks CRLF)",
              content == canonical(expected[key]), f"{content!r}\n  != {canonical(expected[key])!r}")
    body = message.get_body(preferencelist=("html", "plain"))
    check("a mail client would show the HTML part", body is not None and body.get_content_type() == "text/html")

    check("7-bit ASCII throughout", raw.isascii())
    check("ends with CRLF", raw.endswith(b"\r\n"))
    lines = raw[:-2].split(b"\r\n")
    bare = [i + 1 for i, line in enumerate(lines) if b"\r" in line or b"\n" in line]
    check("every line ends with CRLF (no bare CR or LF)", not bare, f"lines {bare}")
    long = [i + 1 for i, line in enumerate(lines) if len(line) > 998]
    check("no line over 998 characters", not long, f"lines {long}")
    headers = header_lines(raw)
    long = [line for line in headers if len(line) > 78]
    check(f"no header line over 78 characters ({len(headers)} header lines)", headers and not long, long)
    words = ENCODED_WORD.findall(b"\r\n".join(headers))
    long = [w for w in words if len(w) > 75]
    check(f"no encoded-word over 75 characters ({len(words)} words)", words and not long, long)

    passed, failed = results.count(True), results.count(False)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
