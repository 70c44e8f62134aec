import math

import pytest

from assistant.evaluation.metrics import hit_at_k, ndcg_at_k, recall_at_k, score_ranking, summarise

RANKED = ["a", "b", "c", "d", "e"]
TARGETS = {"b", "e", "z"}


def test_recall_and_hit() -> None:
    assert recall_at_k(RANKED, TARGETS, 1) == 0.0
    assert recall_at_k(RANKED, TARGETS, 3) == pytest.approx(1 / 3)
    assert recall_at_k(RANKED, TARGETS, 10) == pytest.approx(2 / 3)
    assert hit_at_k(RANKED, TARGETS, 1) == 0.0
    assert hit_at_k(RANKED, TARGETS, 2) == 1.0


def test_ndcg_by_hand() -> None:
    # Hits at ranks 2 and 5; the ideal puts min(5, 3) = 3 hits at ranks 1-3.
    expected = (1 / math.log2(3) + 1 / math.log2(6)) / (1 + 1 / math.log2(3) + 1 / math.log2(4))
    assert ndcg_at_k(RANKED, TARGETS, 5) == pytest.approx(expected)
    assert ndcg_at_k(RANKED, TARGETS, 1) == 0.0
    # One target: the ideal is a single hit at rank 1, whatever k is.
    assert ndcg_at_k(["x", "a"], {"a"}, 10) == pytest.approx(1 / math.log2(3))
    assert ndcg_at_k(["a", "x"], {"a"}, 10) == 1.0


def test_repeated_hit_counts_once() -> None:
    assert recall_at_k(["a", "a", "b"], {"a", "b"}, 2) == 1.0
    assert ndcg_at_k(["a", "a"], {"a", "b"}, 2) == pytest.approx(1 / (1 + 1 / math.log2(3)))


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="target_ids is empty"):
        recall_at_k(RANKED, set(), 5)
    with pytest.raises(ValueError, match="k must be"):
        hit_at_k(RANKED, TARGETS, 0)


def test_summarise_averages_rows() -> None:
    rows = [score_ranking(["a", "b"], {"a"}, ks=(1,)), score_ranking(["b", "a"], {"a"}, ks=(1,))]
    assert summarise(rows) == {"recall@1": 0.5, "hit@1": 0.5, "ndcg@1": 0.5, "n": 2}
    assert summarise([]) == {"n": 0}
    with pytest.raises(ValueError, match="row 1"):
        summarise([{"hit@1": 1.0}, {"hit@5": 1.0}])
