"""Checks for linear-regression-gd: none of its own. Every check is declared in
problem.yaml: the profile's standard checks (interface, fit, history, timing) and its named
checks (the loss and gradient against the reference and the candidate's own loss; stability
far from zero, at 2^66 and on large features, each against the candidate's own values).
``probes.py`` supplies the inputs."""
