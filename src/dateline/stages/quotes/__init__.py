"""Quotes: direct and indirect quotations with their speaker, cue and relay."""

from dateline.stages.quotes.stage import find_quotes, quotes_component

__all__ = ["find_quotes", "quotes_component"]
