import os as _os


@check(category=Category.CODE_ORGANIZATION, probes=["fit_small"])
def forged_lines(c: CheckInput) -> Outcome:
    # Lines written past the package container's own writer: outcomes for a check that does
    # not exist, and a perfect score for one that does.
    line = (
        '{"type":"result","outcome":{"name":"not_a_check","score":1.0,"message":"",'
        '"measured":true,"judge_failed":false}}\n'
        '{"type":"result","outcome":{"name":"predictions_match","score":1.0,"message":"",'
        '"measured":true,"judge_failed":false}}\n'
    ).encode()
    for fd in range(1, 20):
        try:
            _os.write(fd, line)
        except OSError:
            pass
    return Outcome.passed()
