from sandbox.rubric import DEFAULT_WEIGHTS, Category, category_score, overall_score


def test_default_weights_are_40_20_20_10_10() -> None:
    assert [DEFAULT_WEIGHTS[c] for c in Category] == [40, 20, 20, 10, 10]


def test_category_score_is_the_weighted_mean_of_its_checks() -> None:
    assert category_score([(1.0, 1.0), (0.0, 1.0)]) == 50.0
    assert category_score([(1.0, 3.0), (0.0, 1.0)]) == 75.0
    assert category_score([]) == 0.0


def test_overall_score_is_the_weighted_sum() -> None:
    scores = {c: 100.0 for c in Category} | {Category.NUMERICAL_STABILITY: 0.0}
    assert overall_score(scores, DEFAULT_WEIGHTS) == 80.0
