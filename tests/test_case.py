"""Case restoration: all-lower and ALL-CAPS documents and shouted headlines, char for char."""

from __future__ import annotations

import pytest

from dateline.case import case_of, restore_case

STORY = (
    "Prime Minister Pushpa Kamal Dahal said on Friday that Nepal would ask India and China for "
    "help after the floods, and the United Nations said it was sending aid to Kathmandu. "
    '"We don\'t have enough boats," said Anita Rai, a district official in Sunsari.'
)


@pytest.mark.parametrize(
    ("text", "case"),
    [
        (STORY, "mixed"),
        (STORY.lower(), "lower"),
        (STORY.upper(), "upper"),
        ("NATO and the EU said so.", "mixed"),  # too short to judge
    ],
)
def test_case_of(text: str, case: str) -> None:
    assert case_of(text) == case


# What the restored story must spell as written, whichever case it lost.
STORY_NAMES = [
    "Pushpa Kamal Dahal",
    "Friday",
    "Nepal",
    "India",
    "China",
    "United Nations",
    "Kathmandu",
    "We don't",
    "Anita Rai",
]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (STORY.lower(), STORY_NAMES),
        (STORY.upper(), STORY_NAMES),
        (
            "FLOODS CUT OFF VILLAGES IN EASTERN NEPAL\n\n" + STORY,
            ["Floods", "Nepal\n\nPrime Minister"],
        ),
    ],
)
def test_restore_case(text: str, names: list[str]) -> None:
    restored = restore_case(text)
    assert restored is not None and len(restored) == len(text)
    assert restored.lower() == text.lower()
    for name in names:
        assert name in restored, (name, restored)


@pytest.mark.parametrize(
    "text",
    [
        STORY,
        "WASHINGTON (AP) — " + STORY,  # a wire dateline is not a shouted line
        "short note",
        "NATO\n\n" + STORY,
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert restore_case(text) is None


def test_a_shouted_line_takes_the_documents_own_forms_without_the_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_model() -> None:
        raise AssertionError("the case model was loaded for an ordinary document")

    monkeypatch.setattr("dateline.case.truecaser", no_model)
    text = "2. U.N. PANEL AND UN WIKILEAKS FOUNDER IN LONDON.\n\n" + STORY.replace(
        "the United Nations", "a United Nations panel that backed the WikiLeaks founder in London"
    )
    restored = restore_case(text)
    assert restored is not None
    assert restored.startswith("2. U.N. panel and UN WikiLeaks founder in London.\n")
