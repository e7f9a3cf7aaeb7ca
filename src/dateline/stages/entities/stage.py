"""The entities stage: cluster names, surnames, titles, descriptors, metonyms and pronouns."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from dateline.records import Block, Entity, Mention
from dateline.stages.common import covering, mentions_overlapping, run_stage, text_of, tokens_in
from dateline.stages.entities.clusters import (
    absorb_surnames,
    add_metonyms,
    add_surname_mentions,
    cluster_names,
    left_context,
    merge_name_variants,
    title_and_country,
)
from dateline.stages.entities.descriptors import add_descriptors
from dateline.stages.entities.lexicon import (
    KEEP,
    MISLABELS,
    NEVER_SPEAK,
    SKIP_BLOCKS,
    NameLexicon,
    lexicon,
)
from dateline.stages.entities.pronouns import add_pronouns
from dateline.stages.entities.spans import join_spans
from dateline.stages.marks import quoted_ranges
from dateline.stages.speech import is_speech


def _repair_label(span: Span, blocks: list[Block]) -> str | None:
    """Return the corrected label of an entity span, or None to drop it."""
    lex = lexicon()
    text = span.text.lower().removeprefix("the ")
    if span.label_ in MISLABELS and text in lex.places and not text.endswith(("an", "ese", "ish")):
        return "GPE"
    if (
        span.label_ in {"ORG", "PERSON"}
        and text in lex.orgs
        and lex.orgs[text][1] not in (None, "")
    ):
        return "ORG"
    if (
        span.label_ in ("ORG", "GPE", "NORP", "FAC")
        and 2 <= len(span) <= 4
        and all(t.is_title for t in span)
    ):
        left = left_context(span.doc, span.start)
        if left and title_and_country(" " + " ".join(t.text for t in left) + " ")[0]:
            return "PERSON"  # "Chancellor Olaf Scholz" tagged ORG
    if span.label_ in NEVER_SPEAK and _speaking_name(span, lex):
        return "PERSON"  # "Aden Duale told a news conference", tagged WORK_OF_ART
    at = covering(span.doc, "blocks", span.start_char)  # blocks do not overlap: one at most
    if at is not None and (blocks[at].kind, blocks[at].start, blocks[at].end) == (
        "heading",
        span.start_char,
        span.end_char,
    ):
        return None
    first = span[0]
    if len(span) == 1 and first.is_sent_start and first.tag_ not in ("NNP", "NNPS"):
        return None  # a capitalised common noun at a sentence start
    return span.label_ if span.label_ in KEEP else None


def _speaking_name(span: Span, lex: NameLexicon) -> bool:
    """A two- or three-word name that is the subject of a speech verb ("Aden Duale told"): a
    work, event or law does not speak; a product name only with a known given name first."""
    root = span.root
    return (
        2 <= len(span) <= 3
        and all(t.is_title and t.pos_ == "PROPN" for t in span)
        and (span.label_ != "PRODUCT" or span[0].text in lex.first_gender)
        and root.dep_ in ("nsubj", "nsubjpass")
        and is_speech(root.head)
    )


def _added_places(doc: Doc, taken: set[int]) -> Iterable[Span]:
    """Known place names the model left untagged, as GPE spans."""
    places = lexicon().places
    for token in tokens_in(doc, (p for p in places if " " not in p)):
        if (
            token.i in taken
            or not token.is_title
            or token.ent_type_ in ("DATE", "TIME", "CARDINAL")
        ):
            continue
        if token.lower_ in places and token.tag_ in ("NNP", "NNPS"):
            yield Span(doc, token.i, token.i + 1, label="GPE")


def _candidate_spans(doc: Doc) -> list[Span]:
    """NER spans, repaired, outside credits, bylines and footers."""
    blocks: list[Block] = doc._.blocks or []
    body_start = blocks[0].start if blocks else 0
    spans: list[Span] = []
    taken: set[int] = set()
    for ent in doc.ents:
        at = covering(doc, "blocks", ent.start_char)
        if ent.start_char < body_start or (at is not None and blocks[at].kind in SKIP_BLOCKS):
            continue
        label = _repair_label(ent, blocks)
        if label:
            spans.append(Span(doc, ent.start, ent.end, label=label))
        taken.update(range(ent.start, ent.end))
    spans.extend(s for s in _added_places(doc, taken) if s.start_char >= body_start)
    return join_spans(doc, sorted(spans, key=lambda s: s.start), lexicon().title_words)


def find_entities(doc: Doc) -> list[Entity]:
    """Return the article's entities, each with its clustered mentions, in order of first mention."""
    spans = _candidate_spans(doc)
    clusters = cluster_names(doc, spans)
    taken = {t.i for s in spans for t in s}
    merge_name_variants(clusters)
    clusters = [c for c in clusters if c.mentions]
    add_surname_mentions(doc, clusters, taken)
    absorb_surnames(doc, clusters)
    add_metonyms(doc, clusters)
    quoted = quoted_ranges(doc)
    add_descriptors(doc, clusters, taken, quoted)
    add_pronouns(doc, clusters, quoted)
    body_start = doc._.blocks[0].start if doc._.blocks else 0
    for cluster in clusters:
        cluster.mentions = [m for m in cluster.mentions if m[0] >= body_start]
    live = [c for c in clusters if c.mentions]
    live.sort(key=lambda c: min(c.mentions))
    text = text_of(doc)
    return [
        Entity(
            id=f"E{n}",
            name=c.name,
            type=c.type,
            country=c.country,
            title=c.title,
            mentions=tuple(Mention(s, e, text[s:e]) for s, e in sorted(set(c.mentions))),
        )
        for n, c in enumerate(live, start=1)
    ]


def entity_at(doc: Doc, start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping characters [start, end), preferring the tightest."""
    best: tuple[int, Entity] | None = None
    for entity, m in mentions_overlapping(doc, start, end):  # an index, not a scan of all
        size = m.end - m.start
        if best is None or size < best[0]:
            best = (size, entity)
    return best[1] if best else None


@Language.component(
    "dateline_entities",
    requires=["doc.ents", "token.dep", "doc._.blocks"],
    assigns=["doc._.entities"],
)
def entities_component(doc: Doc) -> Doc:
    """Set `doc._.entities`."""
    return run_stage(doc, "entities", find_entities)
