"""Coreference scorers against hand-computed values (example of Pradhan et al. 2014, Fig. 1)."""

from __future__ import annotations

import pytest

from storyline.evaluate.coref import b_cubed, ceaf_e, conll_f1, muc, pairwise_f1

KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]   # e missing; h, i twinless


def close(score, expected):
    return all(got == pytest.approx(want, abs=1e-9) for got, want in zip(score, expected, strict=True))


def test_muc_hand_computed():
    # recall: (3-2)+(4-3) over 2+3; precision: (2-1)+(2-2)+(4-3) over 1+1+3
    assert close(muc(KEY, RESPONSE), (2 / 5, 2 / 5, 2 / 5))


def test_b_cubed_hand_computed():
    r = (2 / 3 + 2 / 3 + 1 / 3 + 1 / 4 + 0 + 2 / 4 + 2 / 4) / 7
    p = (1 + 1 + 1 / 2 + 1 / 2 + 2 / 4 + 2 / 4 + 0 + 0) / 8
    assert close(b_cubed(KEY, RESPONSE), (p, r, 2 * p * r / (p + r)))


def test_ceaf_e_uses_optimal_alignment():
    # phi4: K1-R1 = 0.8, K2-R3 = 0.5 is the best assignment (1.3)
    assert close(ceaf_e(KEY, RESPONSE), (1.3 / 3, 1.3 / 2, 2 * (1.3 / 3) * 0.65 / (1.3 / 3 + 0.65)))


def test_ceaf_e_prefers_global_optimum_over_greedy():
    # greedy takes K1-R1 (phi 0.857) and leaves K2 with nothing; optimal pairs K1-R2, K2-R1
    key = [{1, 2, 3, 4}, {5, 6}]
    response = [{1, 2, 3, 5, 6}, {4}]
    sim = 2 * 2 / (2 + 5) + 2 * 1 / (4 + 1)
    assert ceaf_e(key, response)[0] == pytest.approx(sim / 2)


def test_conll_is_mean_of_three_f1():
    expected = (muc(KEY, RESPONSE)[2] + b_cubed(KEY, RESPONSE)[2] + ceaf_e(KEY, RESPONSE)[2]) / 3
    assert conll_f1(KEY, RESPONSE) == pytest.approx(expected)


def test_perfect_and_empty():
    assert muc(KEY, KEY) == (1.0, 1.0, 1.0)
    assert b_cubed(KEY, KEY) == (1.0, 1.0, 1.0)
    assert ceaf_e(KEY, KEY) == (1.0, 1.0, 1.0)
    assert conll_f1(KEY, KEY) == pytest.approx(1.0)
    assert ceaf_e(KEY, []) == (0.0, 0.0, 0.0)
    assert muc([], []) == (0.0, 0.0, 0.0)


def test_singletons_give_no_muc_links():
    key = [{1}, {2}, {3}]
    assert muc(key, key) == (0.0, 0.0, 0.0)
    assert b_cubed(key, key) == (1.0, 1.0, 1.0)


def test_all_in_one_response():
    key = [{1, 2}, {3, 4}]
    response = [{1, 2, 3, 4}]
    assert close(muc(key, response), (2 / 3, 1.0, 0.8))   # 4 - 2 parts over 4 - 1
    assert close(b_cubed(key, response), (0.5, 1.0, 2 / 3))


def test_pairwise():
    # key pairs ab ac bc de df dg ef eg fg (9); response pairs ab cd fg fh fi gh gi hi (8); common ab fg
    assert close(pairwise_f1(KEY, RESPONSE), (2 / 8, 2 / 9, 2 * (2 / 8) * (2 / 9) / (2 / 8 + 2 / 9)))


def test_mention_in_two_clusters_is_rejected():
    with pytest.raises(ValueError):
        muc([{1, 2}, {2, 3}], [{1}])
