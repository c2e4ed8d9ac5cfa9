"""scaled-dot-product-attention has no checks of its own: every check is the layer
profile's (output and gradients against the reference and against finite differences of
the candidate's own attention, shapes and dtypes, extreme inputs, timing)."""
