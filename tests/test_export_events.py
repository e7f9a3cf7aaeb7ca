"""Event exports: GDELT-like TSV and POLECAT-like rows from analysed articles."""

from __future__ import annotations

from pathlib import Path

from dateline.analyze import analyze
from dateline.export_events import rows, tsv_lines

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "events"


def test_export_rows_and_tsv(nlp):
    """GDELT-like rows carry codes, quad class, evidence and a header line."""
    analysis = analyze((FIXTURES / "01-drone-strike.txt").read_text("utf-8"), id="a1")
    table = list(tsv_lines(rows([analysis]), "gdelt"))
    assert table[0].startswith("GlobalEventID\tDay\t")
    assert len(table) == len(analysis.events) + 1
    first = dict(zip(table[0].split("\t"), table[1].split("\t"), strict=True))
    assert first["EventCode"] == "ASSAULT" and first["QuadClass"] == "4"
    assert first["Day"] == "20260314" and first["EvidenceText"]
    polecat = list(tsv_lines(rows([analysis]), "polecat"))
    assert polecat[0].split("\t")[:4] == ["event_id", "story_date", "event_date", "event_type"]
