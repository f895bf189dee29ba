"""Periods of a time chart (day, week, month): every period between two, and each one's
first and last day, so a chart's axis is true time and a bar can filter to its period."""

from __future__ import annotations

import datetime as dt

# More bars than a chart shows legibly (~1,100 px): the timeline moves to a coarser unit.
MAX_BARS = 120
COARSER = {"day": "week", "week": "month"}


def _start(by: str, period: str) -> dt.date:
    if by == "month":
        return dt.date.fromisoformat(period[:7] + "-01")
    return dt.date.fromisoformat(period[:10])


def _next(by: str, day: dt.date) -> dt.date:
    if by == "day":
        return day + dt.timedelta(days=1)
    if by == "week":
        return day + dt.timedelta(days=7)
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _label(by: str, day: dt.date) -> str:
    return day.isoformat()[:7] if by == "month" else day.isoformat()


def axis(by: str, found: list[str]) -> list[str]:
    """Every period from the first to the last of ``found`` (sorted labels), in order; at
    most ``MAX_BARS + 1`` of them (the caller then asks for a coarser unit)."""
    if not found:
        return []
    day, last = _start(by, found[0]), _start(by, found[-1])
    out: list[str] = []
    while day <= last and len(out) <= MAX_BARS:
        out.append(_label(by, day))
        day = _next(by, day)
    return out


def bounds(by: str, period: str) -> list[str]:
    """The first and last day of a period, as ISO dates: ``["2026-01-05", "2026-01-11"]``."""
    first = _start(by, period)
    return [first.isoformat(), (_next(by, first) - dt.timedelta(days=1)).isoformat()]
