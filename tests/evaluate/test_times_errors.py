"""`dateline eval times --errors`: every error names the rule behind it, and a table counts hits
and errors by rule (a sentence written for this test)."""

from __future__ import annotations

import datetime as dt

from dateline.evaluate.times import TimeMLDoc, show_errors
from dateline.records import Time

TEXT = "The talks resumed on Monday after three weeks, the envoy said at dawn."


def gold(span: str, kind: str, value: str) -> Time:
    """A gold TIMEX3 over the first occurrence of `span`."""
    start = TEXT.index(span)
    return Time(start, start + len(span), span, kind, value, None)


def test_errors_name_their_rule(capsys) -> None:
    """A hit, a mismatch and a miss: the mismatch names its rule, the miss has none."""
    doc = TimeMLDoc(
        "1:talks",
        TEXT,
        dt.date(2025, 6, 11),
        (
            gold("Monday", "DATE", "2025-06-09"),
            gold("three weeks", "DURATION", "P2W"),
            gold("dawn", "TIME", "2025-06-11TMO"),
        ),
    )
    show_errors([doc], "test")
    out = capsys.readouterr().out
    lines = [line.split("\t")[:3] for line in out.splitlines() if line.startswith("1:talks")]
    assert lines == [["1:talks", "mismatch", "counted unit"], ["1:talks", "missed", "-"]]
    table = {line.split("│")[1].strip(): line for line in out.splitlines() if line.count("│") > 2}
    assert "named day" in table and "counted unit" in table and "-" in table
