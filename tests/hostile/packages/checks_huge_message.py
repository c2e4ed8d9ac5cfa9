

@check(category=Category.CODE_ORGANIZATION, probes=["fit_small"])
def huge_message(c: CheckInput) -> Outcome:
    return Outcome.failed("x" * 5_000_000)
