"""Quotes: direct and indirect quotations with their speaker, cue and relay."""

from dateline.stages.quotes.stage import explain_quotes, find_quotes, quotes_component

__all__ = ["explain_quotes", "find_quotes", "quotes_component"]
