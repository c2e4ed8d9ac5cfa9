

@check(category=Category.CODE_ORGANIZATION, probes=["fit_small"])
def escape(c: CheckInput) -> Outcome:
    return Outcome.failed("ESCAPE " + "[" + _AT_IMPORT + ", " + _escape() + "]")
