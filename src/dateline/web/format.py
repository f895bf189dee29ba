"""Small Jinja2 filters for the pages (CSS class names, labels); they never build markup."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment

from dateline.models import QUAD_CLASS
from dateline.store.types import quote_value


def slug(value: Any) -> str:
    """A CSS-safe token: "material conflict" -> "material-conflict"."""
    return _slug(str(value or ""))


@lru_cache(maxsize=1024)
def _slug(text: str) -> str:
    # A few dozen statuses and classes, each asked for on every row of every table.
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def quad_class(event_type: Any) -> str:
    """The CSS class for an event type's PLOVER class: "q-material-conflict"."""
    return "q-" + slug(QUAD_CLASS.get(str(event_type or ""), "other"))


def actor_label(actor: Any) -> str:
    """How an actor reads in a table: its code, else its text."""
    if isinstance(actor, dict):
        return str(actor.get("code") or actor.get("name") or actor.get("text") or "?")
    return str(actor or "?")


def with_query(params: dict[str, Any], **changes: Any) -> str:
    """A query string from ``params`` with ``changes`` (None removes a key), starting with
    '?'; empty when no key is left."""
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "", [])}
    return "?" + urlencode(merged, doseq=True) if merged else ""


def install_filters(env: Environment) -> None:
    """Add the filters and helpers to a template environment."""
    env.filters["slug"] = slug
    env.filters["quad_class"] = quad_class
    env.filters["actor_label"] = actor_label
    env.filters["quoted"] = quote_value  # one filter value, its commas kept (place names)
    env.globals["with_query"] = with_query
