"""The web app: server-rendered pages and a JSON API over a dateline store (`dateline serve`)."""

from dateline.web.app import create_app

__all__ = ["create_app"]
