"""Blocks: headings, captions with credits, wire datelines, bylines and footers."""

from __future__ import annotations

import pytest

from dateline.stages.blocks.stage import find_blocks


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, text[b.start : b.end]) for b in find_blocks(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "KYIV, Ukraine (AP) — Air raid sirens sounded across the capital overnight.",
            [
                ("dateline", "KYIV, Ukraine (AP) —"),
                ("body", "Air raid sirens sounded across the capital overnight."),
            ],
        ),
        (
            "MOSCOW (Reuters) - The Kremlin said on Friday it saw no grounds for optimism.",
            [
                ("dateline", "MOSCOW (Reuters) -"),
                ("body", "The Kremlin said on Friday it saw no grounds for optimism."),
            ],
        ),
        (
            "The talks ended without a deal.\n\nKursk conundrum\n\nUkrainian troops held on in the region.",
            [
                ("body", "The talks ended without a deal."),
                ("heading", "Kursk conundrum"),
                ("body", "Ukrainian troops held on in the region."),
            ],
        ),
        (
            "Rescuers searched the rubble.\n\nA woman walks past a destroyed building in Kharkiv on December 18, 2024. SERHII BOBROV / AFP\n\nOfficials said two people died.",
            [
                ("body", "Rescuers searched the rubble."),
                (
                    "caption",
                    "A woman walks past a destroyed building in Kharkiv on December 18, 2024.",
                ),
                ("credit", "SERHII BOBROV / AFP"),
                ("body", "Officials said two people died."),
            ],
        ),
        (
            "Firefighters work at the scene in Odesa. (AP Photo/Jane Doe)\n\nThe strike hit a grain terminal.",
            [
                ("caption", "Firefighters work at the scene in Odesa."),
                ("credit", "(AP Photo/Jane Doe)"),
                ("body", "The strike hit a grain terminal."),
            ],
        ),
        (
            "Photo: Reuters\n\nThe president spoke for two hours.",
            [("credit", "Photo: Reuters"), ("body", "The president spoke for two hours.")],
        ),
        (
            "By Anna Kowalska and Tom Reed\n\nWARSAW — Poland will raise defence spending.",
            [
                ("byline", "By Anna Kowalska and Tom Reed"),
                ("dateline", "WARSAW —"),
                ("body", "Poland will raise defence spending."),
            ],
        ),
        (
            "The vote is due next week.\n\nThis story originated in Dateline Wire's Berlin bureau.",
            [
                ("body", "The vote is due next week."),
                ("footer", "This story originated in Dateline Wire's Berlin bureau."),
            ],
        ),
        (
            "Prices rose again.\n\nSome information for this report came from Reuters.",
            [
                ("body", "Prices rose again."),
                ("footer", "Some information for this report came from Reuters."),
            ],
        ),
        (
            "Date night is back on the menu, restaurant owners said.",
            [("body", "Date night is back on the menu, restaurant owners said.")],
        ),
        (
            '"We will not retreat," the commander said.\n\nHe added that supplies were short.',
            [
                ("body", '"We will not retreat," the commander said.'),
                ("body", "He added that supplies were short."),
            ],
        ),
    ],
)
def test_blocks(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(text) == expected


def test_header_lines_are_not_blocks() -> None:
    text = "date 2024-12-19\ntitle Talks stall\n\nThe talks stalled on Thursday."
    assert kinds(text) == [("body", "The talks stalled on Thursday.")]


def test_inline_date_body_starts_after_date() -> None:
    text = " date 2024-12-19 Russian President Vladimir Putin said the talks would go on."
    assert kinds(text) == [("body", "Russian President Vladimir Putin said the talks would go on.")]


def test_nothing_is_deleted() -> None:
    text = "WASHINGTON (AP) — A.\n\nSub head\n\nB. JOHN SMITH / AFP\n\nReporting by Jo Lee"
    covered = "".join(text[b.start : b.end] for b in find_blocks(text))
    assert "".join(covered.split()) == "".join(text.split())


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("NEWPORT NEWS, Va. - The shipyard added 2,000 jobs.", "dateline"),
        ("QUESTIONABLE MEDICAL CLAIMS \u2014 The campaign has not said.", "heading"),
    ],
)
def test_run_in_caps(text: str, kind: str) -> None:
    assert find_blocks(text)[0].kind == kind
