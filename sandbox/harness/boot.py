"""Process bootstrap, run as ``python3 -I -c <this file's source>`` (standard library only).

Starts both the harness (PID 1 of the container) and the candidate's zygote. The image
holds only Debian's Python and NumPy; the code arrives on stdin as two messages, each a
line with its length, then JSON. The first holds the modules to install and the one whose
``main(setup, receive)`` takes over; ``receive()`` reads the second (the judging's payload)
when that process is ready for it, and puts /dev/null in stdin's place. Between the two, a
warm sandbox waits: interpreter started, NumPy imported, the zygote started. The process
makes itself non-dumpable first, so code that runs later in the container cannot read its
memory or open its descriptors through /proc.
"""

import contextlib
import ctypes
import json
import os
import signal
import sys
import types
from typing import Any

with contextlib.suppress(OSError, AttributeError):
    ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 0
# PID 1 receives only the signals it handles, and Python handles SIGINT
# (KeyboardInterrupt): without this, `os.kill(1, SIGINT)` would stop the harness.
signal.signal(signal.SIGINT, signal.SIG_DFL)


def _read_message() -> Any:
    line = sys.stdin.buffer.readline()
    if not line:
        raise SystemExit(0)  # the host closed stdin: this sandbox is not needed any more
    return json.loads(sys.stdin.buffer.read(int(line)))


def _receive() -> Any:
    message = _read_message()
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    return message


_setup = _read_message()
_names = [name for name, _ in _setup["modules"]]
for _name, _source in _setup["modules"]:
    _module = types.ModuleType(_name)
    _module.__file__ = f"<numjudge {_name}>"
    if any(other.startswith(_name + ".") for other in _names):
        _module.__path__ = []
    sys.modules[_name] = _module
    _parent, _, _leaf = _name.rpartition(".")
    if _parent:
        setattr(sys.modules[_parent], _leaf, _module)
    exec(compile(_source, _module.__file__, "exec"), _module.__dict__)

sys.modules[_setup["entry"]].main(_setup, _receive)
