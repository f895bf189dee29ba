"""``sqlite_errors``: the store's one translation of ``sqlite3`` errors into ``StoreError``."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from dateline.errors import StoreError

P = ParamSpec("P")
R = TypeVar("R")


def sqlite_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Wrap ``func`` so that sqlite3 errors (a corrupt page, a locked file, a full disk) are
    raised as ``StoreError``."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except sqlite3.Error as exc:
            raise StoreError(f"database error: {exc}") from exc

    return wrapper
