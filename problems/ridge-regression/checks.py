"""Checks for ridge-regression: none of its own. Every check is declared in problem.yaml: the
profile's standard checks (interface, closed-form fit, history, timing) and its named checks
(the penalised loss, its gradient and the gradient-descent fit against the reference, the
gradient against the candidate's own loss, and stability of the loss and gradient at
extreme magnitudes against the candidate's own values near 1). ``probes.py`` supplies the
inputs."""
