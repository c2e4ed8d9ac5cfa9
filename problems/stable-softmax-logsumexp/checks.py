"""stable-softmax-logsumexp has no checks of its own: every check is the layer profile's
(forward values, backward against the reference and against finite differences of the
candidate's own forward, shapes and dtypes, extreme logits, timing)."""
