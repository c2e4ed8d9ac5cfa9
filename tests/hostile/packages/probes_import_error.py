

raise RuntimeError("probes.py refuses to load")
