"""The single writer: adds Analysis records to the store in batched transactions."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import time
from functools import cache
from pathlib import Path

from dateline.records import Analysis, Entity
from dateline.resources import PERSON_WORDS, tagged
from dateline.store import copies, statements, vectors
from dateline.store.people import (
    gender_of,
    genders_agree,
    name_gender,
    person_name,
    same_given_names,
)
from dateline.store.schema import (
    ARTICLE_FIELDS,
    TABLES,
    StoreError,
    Table,
    connect,
    explain,
    insert_sql,
)

# Mention texts that never name anyone across articles.
NOT_ALIASES = {
    *(row["word"] for row in tagged(PERSON_WORDS, "pronoun") if "reflexive" not in row["uses"]),
    *(f"the {noun}" for noun in ("president", "minister", "official", "spokesman", "spokeswoman")),
    *(f"the {noun}" for noun in ("company", "group", "country")),
}
PIPELINE_FILES = (
    "records.py",
    "read.py",
    "repair.py",
    "case.py",
    "nlp.py",
    "analyze.py",
    "stages",
    "resources",
)


@cache
def pipeline_version() -> str:
    """dateline's version plus a hash of the pipeline's source, so any stage change shows."""
    from dateline import __version__

    root = Path(__file__).resolve().parents[1]
    h = hashlib.blake2b(digest_size=4)
    for name in PIPELINE_FILES:
        target = root / name
        for file in sorted(target.rglob("*")) if target.is_dir() else [target]:
            if file.is_file() and "__pycache__" not in file.parts:
                h.update(file.name.encode() + file.read_bytes())
    return f"{__version__}+{h.hexdigest()}"


def content_hash(text: str) -> str:
    """The article key's content part: SHA-256 of the text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def repairs_value(repairs: tuple[str, ...]) -> str | None:
    """The `repairs` column: a JSON list of what was repaired, NULL when the text is as read."""
    return json.dumps(list(repairs)) if repairs else None


def warnings_value(warnings: tuple[str, ...]) -> str | None:
    """The `warnings` column: a JSON list (a stage that failed, a date that could not be read)."""
    return json.dumps(list(warnings), ensure_ascii=False) if warnings else None


def now() -> str:
    """The current UTC time, ISO 8601."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class NotStored(Exception):
    """A document the store refused (its reason was stored in `errors` instead)."""


def storable(text: str) -> str:
    """Text SQLite can store: lone surrogates written as backslash escapes."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


class Writer:
    """Writes articles, their records and errors; commits every `batch` articles or second."""

    def __init__(
        self, path: str | Path, *, model: str, version: str | None = None, batch: int = 64
    ) -> None:
        self.path = path
        self.conn = connect(path, create=True)
        self.model = model
        self.version = version or pipeline_version()
        self.batch = batch
        self.pending = 0
        self.last_commit = time.monotonic()
        self.sql = {table.name: insert_sql(table) for table in TABLES}
        self.absorbed: list[tuple[int, int]] = []  # (surname-only person, full name) this article

    def state(self, hash_: str, id_: str) -> tuple[str, str, str] | None:
        """('article'|'error', version, model) for a stored key, else None."""
        for kind, table in (("article", "articles"), ("error", "errors")):
            row = self.conn.execute(
                f"SELECT version, model FROM {table} WHERE hash = ? AND id = ?", (hash_, id_)
            ).fetchone()
            if row:
                return kind, row[0], row[1]
        return None

    def is_current(self, state: tuple[str, str, str] | None) -> bool:
        """True when a stored state was made by this pipeline version and model."""
        return state is not None and state[1:] == (self.version, self.model)

    def _begin(self) -> None:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")

    def add(
        self,
        analysis: Analysis,
        hash_: str | None = None,
        *,
        replace: bool = False,
        vectors: dict[str, list[bytes]] | None = None,
    ) -> bool:
        """Store one analysis (an error record goes to `errors`); False if it was already there.

        `vectors` may carry packed sentence vectors computed elsewhere (the Ray engine), per
        record kind ("quote", "event") in record order; missing ones are computed here.
        """
        hash_ = hash_ or content_hash(analysis.text)
        try:
            self._begin()
            self.conn.execute("SAVEPOINT article")
            refused = None
            try:
                if analysis.error is not None:
                    added = self._add_error(analysis, hash_)
                else:
                    added = self._add_article(analysis, hash_, replace, vectors)
            except (sqlite3.Error, KeyboardInterrupt, SystemExit):
                self.conn.execute("ROLLBACK TO article")
                raise
            except Exception as error:  # noqa: BLE001  (this document only: its error row instead)
                self.conn.execute("ROLLBACK TO article")
                self.absorbed.clear()
                refused = f"{analysis.id}: cannot store ({error.__class__.__name__}: {error})"
                added = self._add_error(Analysis(id=analysis.id, text="", error=refused), hash_)
            finally:
                self.conn.execute("RELEASE article")
            self.pending += 1
            if self.pending >= self.batch or time.monotonic() - self.last_commit > 1.0:
                self.commit()
            if refused is not None:
                raise NotStored(refused)
            return added
        except sqlite3.Error as error:
            self._rollback()
            raise StoreError(explain(error, self.path)) from None

    def _add_error(self, analysis: Analysis, hash_: str) -> bool:
        cur = self.conn.execute(
            "INSERT INTO errors VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (hash, id) DO UPDATE SET "
            "error = excluded.error, version = excluded.version, model = excluded.model",
            (
                hash_,
                storable(analysis.id),
                storable(analysis.error or ""),
                self.version,
                self.model,
                now(),
            ),
        )
        return cur.rowcount > 0

    def _add_article(
        self,
        analysis: Analysis,
        hash_: str,
        replace: bool,
        given: dict[str, list[bytes]] | None = None,
    ) -> bool:
        conn = self.conn
        stale: list[int] = []
        if replace:
            stale = statements.forget_article(conn, hash_, analysis.id)
            vectors.forget_article(conn, hash_, analysis.id)
            conn.execute("DELETE FROM articles WHERE hash = ? AND id = ?", (hash_, analysis.id))
        values = [getattr(analysis, f) for f in ARTICLE_FIELDS]
        cur = conn.execute(
            "INSERT INTO articles (hash, id, date, title, url, source, text, version, model, "
            "ingested, repairs, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (hash, id) DO NOTHING",
            (
                hash_,
                *values[:6],
                self.version,
                self.model,
                now(),
                repairs_value(analysis.repairs),
                warnings_value(tuple(map(storable, analysis.warnings))),
            ),
        )
        if cur.rowcount == 0:
            return False
        article = cur.lastrowid
        conn.execute("DELETE FROM errors WHERE id = ?", (analysis.id,))
        persons = self._persons(analysis.entities)
        for table in TABLES:
            self._add_records(article, analysis, table, persons)
        self._add_appearances(article, analysis, persons)
        copies.link(conn, article, analysis.text, analysis.blocks)
        vectors.embed_article(conn, article, given)
        for statement in stale:
            statements.refresh(conn, statement)
        statements.link_article(conn, article)
        return True

    def _persons(self, entities: tuple[Entity, ...]) -> list[int]:
        """Each entity's person row, all resolved before any row is built.

        A full name met later in the article may fold in a surname-only person met earlier.
        """
        found = [self.person(entity) for entity in entities]
        merged = dict(self.absorbed)
        self.absorbed.clear()
        for i, person in enumerate(found):
            while person in merged:
                person = merged[person]
            found[i] = person
        return found

    def _add_records(
        self, article: int, analysis: Analysis, table: Table, persons: list[int]
    ) -> None:
        """Insert one table's rows for an article (child tables walk their parents' records)."""
        if table.parent is None:
            owners = [((), getattr(analysis, table.attr))]
        else:
            parent = next(t for t in TABLES if t.name == table.parent)
            owners = [
                ((i,), getattr(r, table.attr)) for i, r in enumerate(getattr(analysis, parent.attr))
            ]
        rows = []
        for keys, records in owners:
            for seq, record in enumerate(records):
                row = [article, *keys, seq, *(c.value(record) for c in table.columns)]
                row += [persons[seq]] if table.name == "entities" else self._extras(table, record)
                rows.append(row)
        if rows:
            self.conn.executemany(self.sql[table.name], rows)

    def _add_appearances(self, article: int, analysis: Analysis, rows: list[int]) -> None:
        """One row per person in the article with their quote and event counts (for rankings)."""
        persons = {
            entity.id: person for entity, person in zip(analysis.entities, rows, strict=True)
        }
        counts: dict[int, list[int]] = {person: [0, 0] for person in persons.values()}
        for quote in analysis.quotes:
            if quote.speaker.entity in persons:
                counts[persons[quote.speaker.entity]][0] += 1
        for event in analysis.events:
            for actor in (event.actor, event.recipient):
                if actor is not None and actor.entity in persons:
                    counts[persons[actor.entity]][1] += 1
        self.conn.executemany(
            "INSERT INTO appearances VALUES (?, ?, ?, ?, ?)",
            [(article, person, analysis.source, q, e) for person, (q, e) in counts.items()],
        )

    def _extras(self, table: Table, record: object) -> list[object]:
        """Values of the store's digest columns for one quote or event record."""
        if table.name == "quotes":
            return [copies.text_digest(record.text)]  # type: ignore[attr-defined]
        if table.name == "events":
            r = record
            actor = r.actor.name if r.actor else None  # type: ignore[attr-defined]
            recipient = r.recipient.name if r.recipient else None  # type: ignore[attr-defined]
            return [copies.event_digest(r.type, actor, recipient, r.date, r.text)]  # type: ignore[attr-defined]
        return []

    def person(self, entity: Entity) -> int:
        """The cross-article person/actor row for an entity, created or extended with aliases."""
        conn = self.conn
        name = " ".join(entity.name.split())
        if entity.type == "PERSON":
            name = person_name(name)  # "President Putin" is "Putin"
        row = (
            conn.execute(
                "SELECT person FROM people WHERE name = ? AND type = ?", (name, entity.type)
            ).fetchone()
            or conn.execute(  # the same name in other capitals, through the alias index
                "SELECT p.person FROM aliases a JOIN people p USING (person) "
                "WHERE a.alias = ? AND p.type = ? AND lower(p.name) = a.alias LIMIT 1",
                (name.lower(), entity.type),
            ).fetchone()
        )
        if row is None and entity.type == "PERSON":
            row = self._same_person(name, gender_of(entity))
        if row is None:
            cur = conn.execute(
                "INSERT INTO people (name, type, country) VALUES (?, ?, ?)",
                (name, entity.type, entity.country),
            )
            person = cur.lastrowid
        else:
            person = row[0]
            if entity.country:
                conn.execute(
                    "UPDATE people SET country = ? WHERE person = ? AND country IS NULL",
                    (entity.country, person),
                )
        conn.executemany(
            "INSERT OR IGNORE INTO aliases VALUES (?, ?)", [(a, person) for a in aliases(entity)]
        )
        if row is None and entity.type == "PERSON" and len(name.split()) > 1:
            self._absorb_surname(person, name)
        return person

    def _same_person(self, name: str, gender: str | None) -> tuple[int] | None:
        """The one stored person a name can only be: for "Putin" alone, the one person of that
        surname whose gender fits; for "Vladimir V. Putin", the one with the same given names."""
        surname = name.split()[-1].lower()
        bearers = self.conn.execute(
            "SELECT DISTINCT p.person, p.name FROM aliases a JOIN people p USING (person) "
            "WHERE a.alias = ? AND p.type = 'PERSON'",
            (surname,),
        ).fetchall()
        if len(name.split()) == 1:
            fit = [p for p, full in bearers if genders_agree(gender, name_gender(full))]
            return (fit[0],) if len(fit) == 1 and len(bearers) == 1 else None
        fit = [p for p, full in bearers if len(full.split()) > 1 and same_given_names(name, full)]
        return (fit[0],) if len(fit) == 1 else None

    def _absorb_surname(self, person: int, name: str) -> None:
        """Fold a surname-only person ("Putin", seen first) into the one full name that fits."""
        conn = self.conn
        surname = name.split()[-1].lower()
        bearers = conn.execute(
            "SELECT DISTINCT p.person, p.name FROM aliases a JOIN people p USING (person) "
            "WHERE a.alias = ? AND p.type = 'PERSON' AND p.person != ?",
            (surname, person),
        ).fetchall()
        alone = [p for p, full in bearers if full.lower() == surname]
        if len(alone) != 1 or len(bearers) != 1:
            return  # no surname-only row, or another full name shares the surname
        old = alone[0]
        self.absorbed.append((old, person))
        conn.execute("UPDATE entities SET person = ? WHERE person = ?", (person, old))
        conn.execute(
            "INSERT INTO appearances SELECT article, ?, source, quotes, events "
            "FROM appearances WHERE person = ? AND true ON CONFLICT (article, person) "
            "DO UPDATE SET quotes = quotes + excluded.quotes, events = events + excluded.events",
            (person, old),
        )
        conn.execute("DELETE FROM appearances WHERE person = ?", (old,))
        conn.execute(
            "INSERT OR IGNORE INTO aliases SELECT alias, ? FROM aliases WHERE person = ?",
            (person, old),
        )
        conn.execute("DELETE FROM aliases WHERE person = ?", (old,))
        conn.execute(
            "UPDATE people SET country = COALESCE(country, (SELECT country FROM people "
            "WHERE person = ?)) WHERE person = ?",
            (old, person),
        )
        statements.rename_person(conn, old, person)
        conn.execute("DELETE FROM people WHERE person = ?", (old,))

    def commit(self) -> None:
        """Commit the open batch."""
        try:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise StoreError(explain(error, self.path)) from None
        self.pending = 0
        self.last_commit = time.monotonic()

    def _rollback(self) -> None:
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        self.pending = 0

    def close(self) -> None:
        """Commit what is complete and close."""
        try:
            self.commit()
        finally:
            self._rollback()
            self.conn.close()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:
            self._rollback()
            self.conn.close()


def aliases(entity: Entity) -> set[str]:
    """Lower-cased names an entity goes by: its name, a person's surname, its proper mentions."""
    name = " ".join(entity.name.split())
    found = {name.lower()}
    words = name.split()
    if entity.type == "PERSON" and len(words) > 1:
        found.add(words[-1].lower())
    for mention in entity.mentions:
        text = " ".join(mention.text.split())
        if text[:1].isupper() and len(text) > 2 and text.lower() not in NOT_ALIASES:
            found.add(text.lower().removeprefix("the "))
    return found
