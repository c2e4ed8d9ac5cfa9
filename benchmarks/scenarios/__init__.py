"""The scenarios of benchmarks/load.py, one module each (browse, submit, sse), on the stack
of scenarios.stack (itself tests/support/stack.py, as the tests start it)."""
