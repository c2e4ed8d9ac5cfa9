"""Checks for tsne-affinities. Entropies are recomputed here (trusted) from the inputs and
the candidate's own precisions, so the stopping rules are judged on what the candidate
returned, not on what it says about itself. The interface and the timing are the profile's
standard checks; the conditional probabilities at given precisions and stability under
shifted and scaled distances and with duplicate points (against the candidate's own
values), and the fitted values, are named checks (problem.yaml)."""

import numpy as np

from sandbox.checking import Category, CheckInput, Outcome, all_finite, check
from sandbox.named_checks import unless_computed_right

# Stability is measured when the conditional probabilities are computed right (up to a
# constant factor): a wrong search or a wrong symmetrisation is mathematics' business, and
# their results can still be checked against themselves; garbage earns nothing.
FORMULA = {"conditional_given_betas": ["P"]}


def row_entropies(P: np.ndarray) -> np.ndarray:
    """Shannon entropy in nats of each row of a conditional distribution."""
    logs = np.log(np.where(P > 0.0, P, 1.0))
    entropy: np.ndarray = -(P * logs).sum(axis=1)
    return entropy


@check(
    category=Category.NUMERICAL_STABILITY,
    probes=["unreachable_perplexity", "huge_distances", "conditional_given_betas"],
)
def unreachable_perplexity_gives_a_distribution(c: CheckInput) -> Outcome:
    if gate := unless_computed_right(c, FORMULA):
        return gate
    observed = c.candidate["unreachable_perplexity"]
    n = int(c.reference["unreachable_perplexity"].number("n"))
    P = observed.array("P_")
    what = "P_ with perplexity 40 for 25 points (unreachable: the search hits max_iter)"
    if P.size != n * n:
        return Outcome.failed(f"{what} has {P.size} values, expected {n}×{n}")
    P = P.reshape(n, n)
    finite = all_finite(P, what=what)
    if not finite.is_pass:
        return finite
    if not (np.allclose(P, P.T, rtol=1e-9, atol=1e-15) and np.isclose(P.sum(), 1.0, rtol=1e-9)):
        return Outcome.failed(f"{what} must still be symmetric and sum to 1")
    return Outcome.passed()


@check(category=Category.CONVERGENCE_AWARENESS, probes=["loose_tol"])
def stops_on_tol(c: CheckInput) -> Outcome:
    """With tol=0.1 each row's entropy is within tol of where your own search converges
    (tol=1e-10), and the search did stop there: not every row refined far past it. Judged
    with your own distances and conditional probabilities, so a wrong formula or entropy
    base is mathematics' business, not this check's."""
    observed = c.candidate["loose_tol"]
    tol = c.reference["loose_tol"].number("tol")
    loose, tight = observed.array("loose"), observed.array("tight")
    if loose.shape != tight.shape or loose.ndim != 2:
        return Outcome.failed("_conditional_probabilities must return an (n, n) array")
    gap = np.abs(row_entropies(loose) - row_entropies(tight))
    if not np.isfinite(gap).all():
        return Outcome.failed("your conditional probabilities at the fitted betas_ are not finite")
    if gap.max() >= tol * (1.0 + 1e-6):
        i = int(gap.argmax())
        return Outcome.failed(
            f"with tol={tol:g}, row {i}'s entropy is {gap[i]:.3g} nats from where your search "
            "converges: search until |H_i - log(perplexity)| < tol"
        )
    if gap.max() < tol / 100.0:
        return Outcome.failed(
            f"with tol={tol:g} every row's entropy is within {gap.max():.2g} of where your search "
            "converges: stop each point's search as soon as |H_i - log(perplexity)| < tol"
        )
    return Outcome.passed()


@check(category=Category.CONVERGENCE_AWARENESS, probes=["capped_search"])
def stops_at_max_iter(c: CheckInput) -> Outcome:
    observed = c.candidate["capped_search"]
    cap = int(c.reference["capped_search"].number("max_iter"))
    if observed.value("n_iter_") is None:
        return Outcome.failed("n_iter_ is missing: record how many times each beta was updated")
    counts = observed.array("n_iter_").ravel()
    if not np.all(counts == cap):
        return Outcome.failed(
            f"with tol=0 (never met) and max_iter={cap}, n_iter_ ranges over "
            f"{counts.min():g}…{counts.max():g}: every point's search must make exactly "
            "max_iter updates, then stop"
        )
    return all_finite(observed.array("P_"), what=f"P_ after max_iter={cap} updates")
