"""Scorers shared by the benchmarks: coreference metrics (MUC, B3, CEAF-e, CoNLL F1, pairwise)."""

from storyline.evaluate.coref import b_cubed, ceaf_e, conll_f1, muc, pairwise_f1

__all__ = ["muc", "b_cubed", "ceaf_e", "conll_f1", "pairwise_f1"]
