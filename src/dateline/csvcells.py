"""CSV cells made safe to open in a spreadsheet (OWASP's rule against formula injection).

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken for a
formula by Excel, LibreOffice and Google Sheets (``=HYPERLINK(...)`` leaks data, ``@SUM``
and ``+cmd`` run). Text from an article may begin so, so every text cell of a CSV export is
prefixed with a single quote when it does; numbers are left as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value``, with a leading ``'`` when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A CSV row (column → value) with every cell passed through ``safe_cell``."""
    return {key: safe_cell(value) for key, value in row.items()}
