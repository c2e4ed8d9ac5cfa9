"""batch-norm's own checks: the initial state (the interface) and the running statistics
after two training batches (the mathematics). Forward (train and eval), backward, shapes,
the 1e8 offset and timing are the layer profile's."""

from sandbox.checking import Category, CheckInput, Outcome, check, compare_values

STATE, RUNNING = "initial_state", "running_statistics"


@check(category=Category.CODE_ORGANIZATION, probes=[STATE])
def initial_state_as_stated(c: CheckInput) -> Outcome:
    """BatchNorm(3): momentum 0.9, eps 1e-5, gamma ones, beta zeros, running mean zeros and
    running variance ones, each under its name."""
    observed, expected = c.candidate[STATE], c.reference[STATE]
    for name in ("momentum", "eps", "gamma", "beta", "running_mean", "running_var"):
        if observed.value(name) is None:
            return Outcome.failed(f"BatchNorm(3).{name} is missing: the statement names it")
        outcome = compare_values(
            observed.array(name), expected.array(name), what=f"BatchNorm(3).{name}", rtol=1e-12
        )
        if not outcome.is_pass:
            return outcome
        if observed.array(name).shape != expected.array(name).shape:
            return Outcome.failed(
                f"BatchNorm(3).{name} has shape {observed.array(name).shape}, expected "
                f"{expected.array(name).shape}"
            )
    return Outcome.passed()


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=[RUNNING])
def running_statistics_after_two_batches(c: CheckInput) -> Outcome:
    for name in ("running_mean", "running_var"):
        outcome = compare_values(
            c.candidate[RUNNING].array(name),
            c.reference[RUNNING].array(name),
            what=f"{name} after two training batches",
            rtol=1e-6,
        )
        if not outcome.is_pass:
            return Outcome.failed(
                f"{outcome.message}. running = momentum * running + (1 - momentum) * batch "
                "statistic, with the biased (1/n) batch variance"
            )
    return Outcome.passed()
