"""The judge engine: runs untrusted code in a NumPy-only container and grades what it observed.

Nothing here touches the database. ``sandbox.harness`` is the part that runs inside the
container and imports only the standard library and NumPy; everything else runs on the
trusted side.
"""
