"""The extraction stages, one package each, run in this order after the spaCy parse.

- `blocks`: the article's structure (body, headings, captions, credits, bylines).
- `entities`: people and organisations resolved across the article.
- `times`: time expressions normalised against the article's date (TIMEX3).
- `places`: place mentions resolved to coordinates (gazetteer).
- `quotes`: quotations with speaker, cue and relay.
- `events`: political events coded in PLOVER.

Each package's `__init__` names its spaCy component and public functions; `common` holds
what every stage uses (the component wrapper and lookups of records by offset), `speech` the
speech-verb lexicon and `marks` the pairing of quotation marks, which entities and quotes share.
"""
