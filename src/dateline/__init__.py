"""dateline: who said what, and who did what to whom, where and when, in dated news articles."""

from dateline.analyze import Options, analyze, analyze_articles
from dateline.nlp import load
from dateline.read import read
from dateline.records import Analysis, Article
from dateline.store import Store

__version__ = "0.1.0"
__all__ = ["Analysis", "Article", "Options", "Store", "analyze", "analyze_articles", "load", "read"]
