"""Build the highlighted article HTML: every piece of article text is escaped before it is wrapped."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote as url_quote

from markupsafe import Markup, escape

from dateline.records import Analysis, Quote

PALETTE = 8  # speaker colours (CSS classes sp0..sp7, a colour-blind-safe set)
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"


@dataclass(frozen=True)
class Layer:
    """One annotation over [start, end): its kind, record index and link."""

    start: int
    end: int
    kind: str  # quote | person | entity | place | time | event
    index: int
    href: str
    title: str = ""
    css: str = ""
    who: str = ""  # a quote's speaker, as its label shows it


def speaker_colours(analysis: Analysis) -> dict[str, int]:
    """A colour index per speaker name, in order of first quote."""
    colours: dict[str, int] = {}
    for quote in analysis.quotes:
        name = quote.speaker.name or "?"
        colours.setdefault(name, len(colours) % PALETTE)
    return colours


def speaker_label(analysis: Analysis, quote: Quote) -> str:
    """The speaker's name, else the words the article names them by ("the mayor")."""
    if quote.speaker.name:
        return quote.speaker.name
    if quote.speaker.start is not None and quote.speaker.end is not None:
        return analysis.text[quote.speaker.start : quote.speaker.end]
    return "unknown speaker"


def layers(analysis: Analysis, people: dict[str, int]) -> list[Layer]:
    """All highlightable spans of an article, each linking to its record."""
    colours = speaker_colours(analysis)
    out: list[Layer] = []
    for i, q in enumerate(analysis.quotes):
        name = speaker_label(analysis, q)
        css = f"quote sp{colours[q.speaker.name or '?']}"
        who = name if len(name) <= 28 else name[:27] + "…"
        out.append(Layer(q.start, q.end, "quote", i, f"#quote-{i}", f"{name} ({q.kind})", css, who))
    for i, entity in enumerate(analysis.entities):
        person = people.get(entity.id)
        href = f"/people/{person}" if person is not None else f"#entity-{i}"
        kind = "person" if entity.type == "PERSON" else "entity"
        for m in entity.mentions:
            out.append(Layer(m.start, m.end, kind, i, href, f"{entity.name} ({entity.type})", kind))
    for i, p in enumerate(analysis.places):
        title = f"{p.name} ({p.kind}{', ' + p.country_code if p.country_code else ''})"
        out.append(Layer(p.start, p.end, "place", i, f"#place-{i}", title, "place"))
    for i, t in enumerate(analysis.times):
        out.append(Layer(t.start, t.end, "time", i, f"#time-{i}", f"{t.type} {t.value}", "time"))
    for i, ev in enumerate(analysis.events):
        out.append(Layer(ev.start, ev.end, "event", i, f"#event-{i}", ev.type, ""))
    return [layer for layer in out if 0 <= layer.start < layer.end <= len(analysis.text)]


LINK_ORDER = ("time", "place", "person", "entity", "quote")  # the most specific record links


def _segment(text: str, active: list[Layer], start: int = -1) -> str:
    """One run of text under the same annotations: escaped, wrapped, linked once.

    The run that opens a quote (`start` is the quote's start) names its speaker in `data-who`,
    which the stylesheet shows as a small label: the speaker is never told by colour alone.
    """
    html = str(escape(text))
    for layer in active:
        if layer.kind == "time":
            html = f'<abbr class="time" title="{escape(layer.title)}">{html}</abbr>'
    for layer in active:
        if layer.kind in ("person", "entity", "place"):
            html = f'<span class="{layer.css}" title="{escape(layer.title)}">{html}</span>'
    linkable = [x for x in active if x.kind in LINK_ORDER]
    link = min(linkable, key=lambda x: (LINK_ORDER.index(x.kind), x.end - x.start), default=None)
    if link is not None:
        html = f'<a href="{escape(link.href)}" title="{escape(link.title)}">{html}</a>'
    for layer in sorted((x for x in active if x.kind == "quote"), key=lambda x: x.start):
        who = f' data-who="{escape(layer.who)}"' if layer.start == start and layer.who else ""
        html = f'<mark class="{layer.css}" data-quote="{layer.index}"{who}>{html}</mark>'
    events = " ".join(str(x.index) for x in active if x.kind == "event")
    if events:
        html = f'<span class="ev" data-ev=" {events} ">{html}</span>'
    return html


def _region(text: str, start: int, end: int, all_layers: list[Layer]) -> str:
    """The HTML of text[start:end], cut at every annotation boundary."""
    inside = [x for x in all_layers if x.start < end and x.end > start]
    cuts = sorted(
        {start, end, *(max(start, x.start) for x in inside), *(min(end, x.end) for x in inside)}
    )
    parts = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [x for x in inside if x.start <= a and x.end >= b]
        parts.append(_segment(text[a:b], active, a))
    return "".join(parts)


def article_html(analysis: Analysis, people: dict[str, int]) -> Markup:
    """The article text as HTML: blocks as paragraphs (captions set apart), highlights linked."""
    text = analysis.text
    all_layers = layers(analysis, people)
    regions: list[tuple[str, int, int]] = []
    position = 0
    for block in sorted(analysis.blocks, key=lambda b: b.start):
        if block.start > position:
            regions.append(("plain", position, block.start))
        if block.end > max(block.start, position):
            regions.append((block.kind, max(block.start, position), block.end))
            position = block.end
    if position < len(text):
        regions.append(("plain", position, len(text)))
    out = []
    for kind, start, end in regions:
        if not text[start:end].strip():
            continue
        tag = "figure" if kind == "caption" else "p"
        body = _region(text, start, end, all_layers)
        if kind == "caption":
            body = f"<figcaption>{body}</figcaption>"
        out.append(f'<{tag} class="block {escape(kind)}" data-start="{start}">{body}</{tag}>')
    return Markup("\n".join(out))


def snippet_html(snippet: str) -> Markup:
    """An FTS snippet with its match markers turned into <mark>, everything else escaped."""
    out = []
    for i, piece in enumerate(snippet.replace(MARK_CLOSE, MARK_OPEN).split(MARK_OPEN)):
        out.append(f"<mark>{escape(piece)}</mark>" if i % 2 else str(escape(piece)))
    return Markup("".join(out))


def person_href(name: str) -> str:
    """A link to a person found by name."""
    return "/people/by-name?name=" + url_quote(name)
