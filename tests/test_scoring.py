"""The arithmetic under ``dateline evaluate``: matching, intervals, the bootstrap."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence

import pytest

from dateline.scoring import (
    best_matching,
    bootstrap,
    macro_f1,
    percentile_interval,
    prf,
    type_counts,
)


def _brute_force(weights: dict[tuple[int, int], int]) -> int:
    """The best total weight by trying every set of pairs (tiny inputs only)."""
    edges = list(weights)
    best = 0
    for size in range(len(edges) + 1):
        for chosen in itertools.combinations(edges, size):
            lefts = [left for left, _ in chosen]
            rights = [right for _, right in chosen]
            if len(set(lefts)) == len(lefts) and len(set(rights)) == len(rights):
                best = max(best, sum(weights[e] for e in chosen))
    return best


def test_matching_finds_the_assignment_that_covers_both() -> None:
    # Gold 0 fits reported 0 and 1, gold 1 fits reported 0 only: first come, first served
    # would give reported 0 to gold 0 and leave gold 1 out.
    assert best_matching({(0, 0): 1, (0, 1): 1, (1, 0): 1}) == {0: 1, 1: 0}


def test_matching_uses_each_side_once() -> None:
    matching = best_matching({(0, 0): 5, (1, 0): 5, (2, 0): 5})
    assert len(matching) == 1


def test_matching_prefers_heavier_pairs() -> None:
    assert best_matching({(0, 0): 1, (0, 1): 3, (1, 1): 1}) == {0: 1}
    assert best_matching({}) == {}
    with pytest.raises(ValueError, match="positive"):
        best_matching({(0, 0): 0})


@pytest.mark.parametrize("seed", range(40))
def test_matching_is_as_good_as_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    weights = {
        (left, right): rng.choice((1, 2, 7))
        for left in range(rng.randint(1, 4))
        for right in range(rng.randint(1, 4))
        if rng.random() < 0.6
    }
    matching = best_matching(weights)
    assert len(set(matching.values())) == len(matching)
    assert all((left, right) in weights for left, right in matching.items())
    assert sum(weights[pair] for pair in matching.items()) == _brute_force(weights)


def test_percentile_interval_takes_the_outer_ranks() -> None:
    values = [float(v) for v in range(101)]
    assert percentile_interval(values, 0.95) == [2.0, 98.0]
    assert percentile_interval([0.5], 0.95) == [0.5, 0.5]
    assert percentile_interval([], 0.95) is None
    with pytest.raises(ValueError, match="between 0 and 1"):
        percentile_interval(values, 1.5)


def _share(hits: list[int]) -> Callable[[Sequence[int]], dict[str, float | None]]:
    def statistic(sample: Sequence[int]) -> dict[str, float | None]:
        return {"share": sum(hits[i] for i in sample) / len(sample), "never": None}

    return statistic


def test_bootstrap_is_reproducible_and_holds_the_estimate() -> None:
    hits = [1] * 30 + [0] * 20
    first = bootstrap(len(hits), _share(hits), draws=500, seed=7)
    again = bootstrap(len(hits), _share(hits), draws=500, seed=7)
    assert first == again
    low, high = first["share"] or [0.0, 0.0]
    assert low < 0.6 < high
    # Wide enough to be a real interval of a 50-item sample, not a point.
    assert 0.15 < high - low < 0.4
    assert first["never"] is None


def test_bootstrap_refuses_no_draws() -> None:
    with pytest.raises(ValueError, match="at least one draw"):
        bootstrap(3, _share([1, 0, 1]), draws=0, seed=1)


def test_prf_handles_empty_counts() -> None:
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    assert prf(1, 1, 0) == (0.5, 1.0, pytest.approx(2 / 3))


def test_type_counts_treat_no_event_as_no_type() -> None:
    pairs = [("AID", "AID"), ("AID", "NONE"), ("NONE", "ACCUSE"), ("NONE", "NONE"),
             ("ACCUSE", "AID")]  # fmt: skip
    counts = type_counts(pairs)
    assert counts == {"AID": [1, 1, 1], "ACCUSE": [0, 1, 1]}
    # ACCUSE is in the gold (F1 0), AID has F1 0.5: the mean is 0.25; NONE is no type.
    assert macro_f1(counts) == 0.25
    assert macro_f1(type_counts([("NONE", "AID")])) is None
