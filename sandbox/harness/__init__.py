"""Code that runs inside the sandbox container: standard library and NumPy only.

``probing`` is the API problem authors write probes against; ``wire`` encodes what probes
observe; ``main`` is the harness (PID 1 of the container) and ``worker`` the process that
loads the candidate's code. The same modules run the reference solution on the trusted
side, so both sides are observed by identical code.
"""
