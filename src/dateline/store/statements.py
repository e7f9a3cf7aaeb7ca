"""Statements: one row per utterance of one speaker, linking every quote in the store that carries it.

A quote joins a statement of the same speaker (the same `people` row; a speaker named but not
resolved only ever meets the same name) when it is an exact copy, a fragment of the statement
(a mixed or shortened quote, ellipses allowed), the statement's longer form, or a light edit.
Words are compared lower-cased without punctuation, so curly or straight marks, dashes and
ellipses do not split a statement. Linking runs as each article is written, inside its
savepoint, so an interrupted or resumed ingest leaves the statements consistent.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from hashlib import blake2b

from dateline.read import split_header
from dateline.store.copies import digest, normalise

MIN_FRAGMENT = 2  # words a fragment needs to join a longer statement of its speaker
MIN_FOLD = 3  # words a statement needs before a longer quote containing it absorbs it
SHORT = 10  # words under which a quote joins other articles' statements only within WINDOW days
WINDOW = 3
MIN_BRIDGE = 4  # words a stored quote needs for a longer quote containing it to join its statement
MIN_ANONYMOUS = 8  # words an unattributed quote needs to join an exact copy of itself
MIN_INDIRECT = 6  # words a reported (indirect) quote needs to take part: "to do" is no utterance
MIN_EDIT = 6  # words both forms need before a light edit (a changed word) can join them
EDIT_RATIO = 0.85  # word-sequence similarity of a light edit
MAX_SPAN = 20  # longest fragment length looked up inside a longer quote (plus every prefix/suffix)
CANDIDATES = 200  # quotes examined per full-text lookup
ELLIPSIS = re.compile(r"\.\s*\.\s*\.|…|\[\s*\.\.\.\s*\]")
RANK = {"exact": 0, "edit": 1, "longer": 2, "contains": 3, "fragment": 4}
TIME = re.compile(r"T?(\d{1,2}):(\d{2})")

SCHEMA = """
CREATE TABLE IF NOT EXISTS statements (
  statement INTEGER PRIMARY KEY,
  speaker_key TEXT NOT NULL,
  person INTEGER,
  speaker TEXT,
  text TEXT NOT NULL,
  digest TEXT NOT NULL,
  quote INTEGER,
  first_quote INTEGER,
  first_article INTEGER,
  first_date TEXT,
  first_time TEXT,
  first_source TEXT,
  carriers INTEGER NOT NULL DEFAULT 0,
  articles INTEGER NOT NULL DEFAULT 0,
  outlets INTEGER NOT NULL DEFAULT 0,
  variants INTEGER NOT NULL DEFAULT 0,
  relays TEXT
);
CREATE INDEX IF NOT EXISTS statements_key_digest ON statements(speaker_key, digest);
CREATE INDEX IF NOT EXISTS statements_person ON statements(person, first_date);
CREATE INDEX IF NOT EXISTS statements_first_date ON statements(first_date);
CREATE INDEX IF NOT EXISTS statements_outlets ON statements(outlets);
CREATE TABLE IF NOT EXISTS statement_quotes (
  quote INTEGER PRIMARY KEY REFERENCES quotes(rowid) ON DELETE CASCADE,
  statement INTEGER NOT NULL REFERENCES statements(statement),
  match TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS statement_quotes_statement ON statement_quotes(statement);
"""


@dataclass(frozen=True)
class Said:
    """A stored quote as statement linking sees it."""

    quote: int
    article: int
    text: str
    key: str | None
    person: int | None
    speaker: str | None
    date: str | None = None
    kind: str | None = None

    @property
    def weak(self) -> bool:
        """A few reported words ("to do", "his support"): they link to nothing."""
        return self.kind == "indirect" and len(self.text.split()) < MIN_INDIRECT

    @property
    def short(self) -> bool:
        """Few words as written: a phrase a speaker may well say again on another day."""
        return len(self.text.split()) < SHORT

    @property
    def words(self) -> list[str]:
        """The quote's words, lower-cased, without punctuation or ellipses."""
        return normalise(self.text).split()

    @property
    def pieces(self) -> list[str]:
        """The normalised stretches between ellipses."""
        return [p for p in (normalise(part) for part in ELLIPSIS.split(self.text)) if p]


SAID = (
    "SELECT q.rowid, q.article, q.text, e.person, p.name, q.speaker_name, a.date, q.kind "
    "FROM quotes q "
    "JOIN articles a ON a.article = q.article "
    "LEFT JOIN entities e ON e.article = q.article AND e.id = q.speaker_entity "
    "LEFT JOIN people p ON p.person = e.person "
)


def _said(conn: sqlite3.Connection, where: str, params: Iterable[object]) -> list[Said]:
    rows = conn.execute(SAID + where, list(params)).fetchall()
    out = []
    for quote, article, text, person, person_name, speaker_name, date, kind in rows:
        if person is not None:
            key, name = f"p{person}", person_name
        elif speaker_name and normalise(speaker_name):
            key, name = "n:" + normalise(speaker_name), speaker_name
        else:
            key, name = None, None
        out.append(Said(quote, article, text or "", key, person, name, date, kind))
    return out


def link_article(conn: sqlite3.Connection, article: int) -> None:
    """Link each quote of a freshly written article to its statement (made when new)."""
    # Longest first: whole sentences link the article to its copies before fragments try to.
    for said in _said(conn, "WHERE q.article = ? ORDER BY length(q.text) DESC, q.seq", (article,)):
        link(conn, said)


def link(conn: sqlite3.Connection, said: Said) -> int:
    """Attach one quote to the statement it carries, creating or merging statements; return it."""
    words = said.words
    found: dict[int, str] = {}  # statement -> how this quote matches it
    if said.weak:
        pass
    elif words and said.key is not None:
        found = _matches(conn, said, words)
    elif len(words) >= MIN_ANONYMOUS:  # unattributed: exact copies only, among unattributed
        rows = conn.execute(
            "SELECT statement, quote FROM statements WHERE speaker_key = 'u' AND digest = ?",
            (digest(" ".join(words)),),
        ).fetchall()
        for statement, quote in rows:
            if any(_near(said, other) for other in _said(conn, "WHERE q.rowid = ?", [quote])):
                found = {statement: "exact"}
                break
    key = said.key or ("u" if len(words) >= MIN_ANONYMOUS else f"q{said.quote}")
    if not found:
        cur = conn.execute(
            "INSERT INTO statements (speaker_key, person, speaker, text, digest) "
            "VALUES (?, ?, ?, ?, ?)",
            (key, said.person, said.speaker, said.text, digest(" ".join(words))),
        )
        statement = cur.lastrowid
        conn.execute(
            "INSERT INTO statement_quotes VALUES (?, ?, 'origin')", (said.quote, statement)
        )
        refresh(conn, statement)
        return statement
    statement = _choose(found)
    conn.execute(
        "INSERT OR REPLACE INTO statement_quotes VALUES (?, ?, ?)",
        (said.quote, statement, found[statement]),
    )
    # Forms this quote contains or repeats are one utterance: their statements fold into one.
    for other, how in found.items():
        if other != statement and how in ("longer", "exact", "edit"):
            conn.execute(
                "UPDATE statement_quotes SET statement = ? WHERE statement = ?", (statement, other)
            )
            conn.execute("DELETE FROM statements WHERE statement = ?", (other,))
    refresh(conn, statement)
    return statement


def _choose(found: dict[int, str]) -> int:
    """The statement a quote joins: a full match first, then the oldest statement."""
    rank = RANK
    return min(found, key=lambda s: (rank[found[s]], s))


def _matches(conn: sqlite3.Connection, said: Said, words: list[str]) -> dict[int, str]:
    """Statements of the same speaker that this quote copies, shortens, lengthens or edits."""
    found: dict[int, str] = {}
    n = len(words)
    text = " ".join(words)
    # The quote's whole text, or a longer statement containing it (a fragment).
    pieces = said.pieces or [text]
    if n >= MIN_FRAGMENT and len(said.text.split()) >= MIN_FRAGMENT:  # "doesn’t" is one word
        query = " AND ".join('"' + p.replace('"', '""') + '"' for p in pieces)
        for other in _candidates(conn, said, query):
            target = " " + " ".join(other.words) + " "
            if not _in_order(pieces, target):
                continue
            how = "exact" if " ".join(other.words) == text else "fragment"
            if other.article != said.article and (
                ((said.short or how == "fragment") and not _near(said, other))
                or (said.short and not _linked(conn, said.article, other.article))
            ):
                continue  # a phrase said again, or a piece of another day's sentence
            _note(found, _statement_of(conn, other.quote), how)
    # Shorter statements of the speaker that this quote contains: their digests are spans of it.
    spans = _spans(words)
    spans.discard(digest(text))
    for chunk in _chunks(sorted(spans), 900):
        rows = conn.execute(
            "SELECT s.statement, s.quote FROM statements s WHERE speaker_key = ? AND digest IN "
            f"({','.join('?' * len(chunk))})",
            [said.key, *chunk],
        ).fetchall()
        for statement, quote in rows:
            (shorter,) = _said(conn, "WHERE q.rowid = ?", [quote]) or [None]
            if (
                shorter is not None
                and not shorter.weak
                and (not shorter.short or _near(said, shorter))
            ):
                _note(found, statement, "longer")
        # A stored quote inside this one (a mixed quote of the same words) bridges to its statement.
        rows = conn.execute(
            "SELECT q.rowid FROM quotes q JOIN statement_quotes l ON l.quote = q.rowid "
            f"WHERE q.digest IN ({','.join('?' * len(chunk))}) LIMIT ?",
            [*chunk, CANDIDATES],
        ).fetchall()
        ids = [r[0] for r in rows if r[0] != said.quote]
        if ids:
            marks = ",".join("?" * len(ids))
            for other in _said(conn, f"WHERE q.rowid IN ({marks})", ids):
                if (
                    other.key == said.key
                    and len(other.words) >= MIN_BRIDGE
                    and not other.weak
                    and (not other.short or _near(said, other))
                ):
                    _note(found, _statement_of(conn, other.quote), "contains")
    # Light edits: the same opening or closing words, then a close word-by-word match.
    if n >= MIN_EDIT:
        query = " OR ".join(
            '"' + " ".join(part) + '"' for part in (words[:4], words[-4:]) if len(part) == 4
        )
        for other in _candidates(conn, said, query):
            theirs = other.words
            if len(theirs) < MIN_EDIT or min(n, len(theirs)) / max(n, len(theirs)) < EDIT_RATIO:
                continue
            if not _near(said, other):  # a reworded claim weeks later is said again
                continue
            if SequenceMatcher(None, words, theirs, autojunk=False).ratio() >= EDIT_RATIO:
                _note(found, _statement_of(conn, other.quote), "edit")
    found.pop(None, None)  # type: ignore[call-overload]
    return found


def _spans(words: list[str]) -> set[str]:
    """Digests (as copies.text_digest makes them) of the word runs a shorter statement could be."""
    n = len(words)
    found = set()
    for i in range(n):
        run = " ".join(words[i : i + MIN_FOLD - 1])
        for j in range(i + MIN_FOLD, n + 1):
            run += " " + words[j - 1]
            if j - i <= MAX_SPAN or i == 0 or j == n:
                found.add(blake2b(run.encode(), digest_size=8).hexdigest())
    return found


def _near(one: Said, other: Said) -> bool:
    """The same article, or dated articles at most WINDOW days apart."""
    if one.article == other.article:
        return True
    if not one.date or not other.date:
        return False
    try:
        gap = dt.date.fromisoformat(one.date[:10]) - dt.date.fromisoformat(other.date[:10])
    except ValueError:
        return False
    return abs(gap.days) <= WINDOW


def _linked(conn: sqlite3.Connection, one: int, other: int) -> bool:
    """Articles that share more than a phrase: one copies the other, or a statement links them."""
    row = conn.execute(
        "SELECT 1 FROM articles a JOIN articles b ON b.article = ? WHERE a.article = ? AND "
        "(a.copy_of = b.article OR b.copy_of = a.article OR a.copy_of = b.copy_of) "
        "UNION ALL SELECT 1 FROM quotes q1 JOIN statement_quotes l1 ON l1.quote = q1.rowid "
        "JOIN statement_quotes l2 ON l2.statement = l1.statement "
        "JOIN quotes q2 ON q2.rowid = l2.quote AND q2.article = ? "
        "WHERE q1.article = ? AND length(q1.text) > 40 LIMIT 1",
        (other, one, other, one),
    ).fetchone()
    return row is not None


def _note(found: dict[int, str], statement: int | None, how: str) -> None:
    """Record a match, keeping the strongest kind per statement."""
    rank = RANK
    if statement is None:
        return
    if statement not in found or rank[how] < rank[found[statement]]:
        found[statement] = how


def _candidates(conn: sqlite3.Connection, said: Said, query: str) -> list[Said]:
    """Linked quotes by the same speaker that the full-text query finds (this quote excluded)."""
    try:
        rows = conn.execute(
            "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?", (query, CANDIDATES)
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    ids = [r[0] for r in rows if r[0] != said.quote]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    others = _said(
        conn,
        f"WHERE q.rowid IN ({marks}) AND q.rowid IN (SELECT quote FROM statement_quotes)",
        ids,
    )
    return [o for o in others if o.key == said.key and not o.weak]


def _statement_of(conn: sqlite3.Connection, quote: int) -> int | None:
    row = conn.execute(
        "SELECT statement FROM statement_quotes WHERE quote = ?", (quote,)
    ).fetchone()
    return row[0] if row else None


def _in_order(pieces: list[str], target: str) -> bool:
    """True when every piece occurs in `target` as whole words, in order."""
    at = 0
    for piece in pieces:
        found = target.find(" " + piece + " ", at)
        if found < 0:
            return False
        at = found + len(piece) + 1
    return True


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def article_time(text: str) -> str | None:
    """The time of day in an article's `date` header line ("2024-12-19T08:30:00Z"), as HH:MM."""
    value = split_header(text[:2000])[0].get("date", "") if text else ""
    match = TIME.search(value)
    if match and int(match.group(1)) < 24:
        return f"{int(match.group(1)):02d}:{match.group(2)}"
    return None


def refresh(conn: sqlite3.Connection, statement: int) -> None:
    """Recompute a statement's text, first appearance and counts from its carriers."""
    rows = conn.execute(
        "SELECT l.quote, q.text, a.article, a.date, a.source, q.via, substr(a.text, 1, 400), "
        "q.kind "
        "FROM statement_quotes l JOIN quotes q ON q.rowid = l.quote "
        "JOIN articles a ON a.article = q.article WHERE l.statement = ?",
        (statement,),
    ).fetchall()
    if not rows:
        conn.execute("DELETE FROM statements WHERE statement = ?", (statement,))
        return
    # The longest verbatim form (a direct or mixed quote) before any reported paraphrase.
    longest = max(
        rows,
        key=lambda r: (r[7] != "indirect", len(normalise(r[1]).split()), not ELLIPSIS.search(r[1])),
    )
    timed = [(r, article_time(r[6])) for r in rows]
    first, first_time = min(timed, key=lambda rt: (rt[0][3] or "9999", rt[1] or "99", rt[0][2]))
    relays = sorted({r[5] for r in rows if r[5]})
    conn.execute(
        "UPDATE statements SET text = ?, digest = ?, quote = ?, first_quote = ?, "
        "first_article = ?, first_date = ?, first_time = ?, first_source = ?, carriers = ?, "
        "articles = ?, outlets = ?, variants = ?, relays = ? WHERE statement = ?",
        (
            longest[1],
            digest(normalise(longest[1])),
            longest[0],
            first[0],
            first[2],
            first[3],
            first_time,
            first[4],
            len(rows),
            len({r[2] for r in rows}),
            len({r[4] or f"#{r[2]}" for r in rows}),
            len({normalise(r[1]) for r in rows}),
            "; ".join(relays) or None,
            statement,
        ),
    )


def forget_article(conn: sqlite3.Connection, hash_: str, id_: str) -> list[int]:
    """Unlink an article's quotes before it is replaced; return the statements to refresh."""
    rows = conn.execute(
        "SELECT DISTINCT l.statement FROM statement_quotes l JOIN quotes q ON q.rowid = l.quote "
        "JOIN articles a ON a.article = q.article WHERE a.hash = ? AND a.id = ?",
        (hash_, id_),
    ).fetchall()
    conn.execute(
        "DELETE FROM statement_quotes WHERE quote IN (SELECT q.rowid FROM quotes q JOIN articles "
        "a ON a.article = q.article WHERE a.hash = ? AND a.id = ?)",
        (hash_, id_),
    )
    return [r[0] for r in rows]


def rename_person(conn: sqlite3.Connection, old: int, new: int) -> None:
    """A surname-only person folded into a full name: their statements follow."""
    conn.execute(
        "UPDATE statements SET person = ?, speaker_key = ?, "
        "speaker = (SELECT name FROM people WHERE person = ?) WHERE person = ?",
        (new, f"p{new}", new, old),
    )


def rebuild(conn: sqlite3.Connection) -> None:
    """Link every stored quote, article by article in store order (a migration's backfill)."""
    conn.execute("DELETE FROM statement_quotes")
    conn.execute("DELETE FROM statements")
    for (article,) in conn.execute("SELECT article FROM articles ORDER BY article").fetchall():
        link_article(conn, article)
