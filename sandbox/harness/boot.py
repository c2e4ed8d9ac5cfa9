"""Process bootstrap, run as ``python3 -I -c <this file's source>`` (standard library only).

Starts both the harness (PID 1 of the container) and the candidate's zygote. The image
holds only Debian's Python and NumPy; the code arrives on stdin: a line with its length,
then JSON with the modules to install and the one whose ``main(payload)`` takes over. The
process makes itself non-dumpable first, so code that runs later in the container cannot
read its memory or open its descriptors through /proc.
"""

import contextlib
import ctypes
import json
import os
import signal
import sys
import types

with contextlib.suppress(OSError, AttributeError):
    ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 0
# PID 1 receives only the signals it handles, and Python handles SIGINT
# (KeyboardInterrupt): without this, `os.kill(1, SIGINT)` would stop the harness.
signal.signal(signal.SIGINT, signal.SIG_DFL)

_length = int(sys.stdin.buffer.readline())
_payload = json.loads(sys.stdin.buffer.read(_length))
_devnull = os.open(os.devnull, os.O_RDONLY)
os.dup2(_devnull, 0)
os.close(_devnull)

_names = [name for name, _ in _payload["modules"]]
for _name, _source in _payload["modules"]:
    _module = types.ModuleType(_name)
    _module.__file__ = f"<numjudge {_name}>"
    if any(other.startswith(_name + ".") for other in _names):
        _module.__path__ = []
    sys.modules[_name] = _module
    _parent, _, _leaf = _name.rpartition(".")
    if _parent:
        setattr(sys.modules[_parent], _leaf, _module)
    exec(compile(_source, _module.__file__, "exec"), _module.__dict__)

sys.modules[_payload["entry"]].main(_payload)
