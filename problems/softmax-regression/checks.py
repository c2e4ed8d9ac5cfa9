"""Checks for softmax-regression: none of its own. Every check is declared in problem.yaml:
the profile's standard checks (interface, fit, history, timing) and its named checks
(softmax, the loss, the gradient and predictions against the reference, the gradient
against the candidate's own loss, and stability: the candidate's values at extreme logits
against its own at ordinary ones). ``probes.py`` supplies the inputs."""
