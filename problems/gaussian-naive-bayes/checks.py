"""Checks for gaussian-naive-bayes: none of its own. Every check is declared in
problem.yaml: the profile's standard checks (interface, fit, timing; there is no iteration,
so no convergence check) and its named checks (the joint log-likelihood and posteriors with
given parameters against the reference; stability: the candidate's posteriors on extreme
inputs against its own on ordinary ones). ``probes.py`` supplies the inputs."""
