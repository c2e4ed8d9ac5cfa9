

@check(category=Category.CODE_ORGANIZATION, probes=["fit_small"])
def nan_score(c: CheckInput) -> Outcome:
    return Outcome(float("nan"), "a score that is no number")
