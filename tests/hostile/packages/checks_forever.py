

@check(category=Category.CODE_ORGANIZATION, probes=["fit_small"])
def forever(c: CheckInput) -> Outcome:
    while True:  # and the time budget's alarm swallowed
        try:
            while True:
                pass
        except BaseException:
            pass
