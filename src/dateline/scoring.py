"""The arithmetic under ``dateline evaluate``: one-to-one matching and bootstrap intervals.

Nothing here knows about events or gold files; ``dateline.evaluate`` builds the numbers and
hands them over, so that these functions can be tested on plain integers.

- ``best_matching`` pairs gold items with reported items so that each is used at most once
  and the total weight is the largest (a maximum-weight bipartite matching, solved exactly by
  the Hungarian method). Without it, three reported events that each fit one gold event
  would all count as correct.
- ``bootstrap`` resamples the scored units (sentences or documents) with replacement from a
  seeded generator, so a report is reproducible; ``percentile_interval`` turns the draws into
  a percentile interval.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence

Statistic = Callable[[Sequence[int]], Mapping[str, float | None]]


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of ``precision`` and ``recall`` (0.0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts; a ratio with an empty denominator is 0.0."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, f1(precision, recall)


def type_counts(pairs: Iterable[tuple[str, str]], none: str = "NONE") -> dict[str, list[int]]:
    """``{type: [tp, fp, fn]}`` over ``(gold, guess)`` pairs of line types; ``none`` (no
    event) is no type: a no-event line adds only the false positive of what was guessed."""
    counts: dict[str, list[int]] = {}
    for gold, guess in pairs:
        if gold == guess:
            if gold != none:
                counts.setdefault(gold, [0, 0, 0])[0] += 1
            continue
        if guess != none:
            counts.setdefault(guess, [0, 0, 0])[1] += 1
        if gold != none:
            counts.setdefault(gold, [0, 0, 0])[2] += 1
    return counts


def macro_f1(counts: Mapping[str, Sequence[int]]) -> float | None:
    """The mean F1 of the types present in the gold (``type_counts``); None when none is."""
    scores = [prf(tp, fp, fn)[2] for tp, fp, fn in counts.values() if tp + fn]
    return sum(scores) / len(scores) if scores else None


def best_matching(weights: Mapping[tuple[int, int], int]) -> dict[int, int]:
    """A maximum-weight one-to-one matching of left items to right items.

    ``weights`` maps ``(left, right)`` to a positive weight for every allowed pair (absent
    pairs may not be matched). Returns ``{left: right}`` for the matched pairs; each left and
    each right item appears at most once. The same weights always give the same matching.
    Raises ``ValueError`` for a weight that is not positive.
    """
    if any(w <= 0 for w in weights.values()):
        raise ValueError("matching weights must be positive")
    lefts = sorted({left for left, _ in weights})
    rights = sorted({right for _, right in weights})
    if not lefts:
        return {}
    # The Hungarian method wants no more rows than columns; padding columns (weight 0) stand
    # for "left item unmatched".
    n, m = len(lefts), max(len(rights), len(lefts))

    def cost(row: int, col: int) -> int:
        if col >= len(rights):
            return 0
        return -weights.get((lefts[row], rights[col]), 0)

    assigned = _hungarian(n, m, cost)
    return {
        lefts[row]: rights[col]
        for row, col in enumerate(assigned)
        if col < len(rights) and (lefts[row], rights[col]) in weights
    }


def _hungarian(n: int, m: int, cost: Callable[[int, int], int]) -> list[int]:
    """Minimum-cost assignment of ``n`` rows to distinct columns among ``m >= n`` columns
    (the O(n²m) potentials form). Returns the column of each row."""
    inf = math.inf
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[col] = row (1-based) holding column col; 0 = free
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0] = row
        col0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[col0] = True
            row0 = owner[col0]
            delta, col1 = inf, 0
            for col in range(1, m + 1):
                if used[col]:
                    continue
                current = cost(row0 - 1, col - 1) - u[row0] - v[col]
                if current < minv[col]:
                    minv[col], way[col] = current, col0
                if minv[col] < delta:
                    delta, col1 = minv[col], col
            for col in range(m + 1):
                if used[col]:
                    u[owner[col]] += delta
                    v[col] -= delta
                else:
                    minv[col] -= delta
            col0 = col1
            if owner[col0] == 0:
                break
        while col0:
            col1 = way[col0]
            owner[col0] = owner[col1]
            col0 = col1
    result = [0] * n
    for col in range(1, m + 1):
        if owner[col]:
            result[owner[col] - 1] = col - 1
    return result


def percentile_interval(values: Sequence[float], confidence: float = 0.95) -> list[float] | None:
    """The central ``confidence`` percentile interval ``[low, high]`` of ``values``.

    Takes the outer nearest ranks, so the interval never narrows by rounding. Returns None
    for no values. Raises ``ValueError`` for a confidence outside (0, 1).
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie between 0 and 1, not {confidence}")
    if not values:
        return None
    ordered = sorted(values)
    tail = (1 - confidence) / 2 * (len(ordered) - 1)
    low = ordered[math.floor(tail)]
    high = ordered[math.ceil(len(ordered) - 1 - tail)]
    return [low, high]


def bootstrap(
    units: int, statistic: Statistic, draws: int, seed: int, confidence: float = 0.95
) -> dict[str, list[float] | None]:
    """Percentile intervals of the figures ``statistic`` computes, by the bootstrap.

    Each of ``draws`` resamples picks ``units`` indices in ``range(units)`` with replacement
    from ``random.Random(seed)``; ``statistic`` maps a resample to named figures, None where a
    figure is undefined on that resample (a type absent from it), and those draws are left out
    of that figure's interval. Returns ``{name: [low, high]}`` (None when never defined).
    Raises ``ValueError`` for fewer than one draw.
    """
    if draws < 1:
        raise ValueError(f"the bootstrap needs at least one draw, not {draws}")
    rng = random.Random(seed)
    collected: dict[str, list[float]] = {}
    names: list[str] = []
    for _ in range(draws):
        sample = [rng.randrange(units) for _ in range(units)] if units else []
        for name, value in statistic(sample).items():
            if name not in collected:
                collected[name] = []
                names.append(name)
            if value is not None:
                collected[name].append(value)
    return {name: percentile_interval(collected[name], confidence) for name in names}
