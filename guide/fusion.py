"""Rank fusion: weighted reciprocal rank fusion (RRF) of several ranked lists.

``score(item) = sum over lists r of weight_r / (k + rank_r(item))``, ranks 1-based. With ``k = 60`` (the usual
constant, Cormack et al. 2009) a first place in one list is worth 1/61 and rank differences further down matter
little, so a list that is precise at its head (exact symbol lookup) needs a weight above 1 to win against an item
that the two other lists both rank high. ``bench/retrieval_quality.py`` measures the weightings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

RRF_K = 60


@dataclass(frozen=True)
class FusionConfig:
    """``k`` and a weight per retriever name (1.0 when not given); ``ks`` overrides ``k`` per retriever (a small k
    makes the first places of that list count much more than the following ones)."""

    k: int = RRF_K
    weights: Mapping[str, float] = field(default_factory=dict)
    ks: Mapping[str, int] = field(default_factory=dict)

    def weight(self, name: str) -> float:
        return self.weights.get(name, 1.0)

    def k_of(self, name: str) -> int:
        return self.ks.get(name, self.k)


def rrf_score(
    ranks: Mapping[str, int], config: FusionConfig | None = None, weights: Mapping[str, float] | None = None
) -> float:
    """The fused score of one item from its 1-based rank in each list (``weights`` overrides the config's)."""
    cfg = config or FusionConfig()
    w = weights or {}
    return sum(w.get(name, cfg.weight(name)) / (cfg.k_of(name) + rank) for name, rank in ranks.items())


__all__ = ["RRF_K", "FusionConfig", "rrf_score"]
