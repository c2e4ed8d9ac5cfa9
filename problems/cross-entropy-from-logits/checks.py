"""cross-entropy-from-logits has no checks of its own: every check is the layer profile's
(the loss and its gradient against the reference and against finite differences of the
candidate's own loss, shapes and dtypes, extreme logits, timing)."""
