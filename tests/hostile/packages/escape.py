# Prepended to a hostile package's file by tests/sandbox/test_untrusted.py, with SECRET_PATH
# and MARKER_PATH set to files of the host. Standard library only; names start with an
# underscore so the package's probes and checks are the same without it.
import json as _json
import socket as _socket


def _attempt(action):
    try:
        return "SUCCEEDED: " + str(action())[:200]
    except BaseException as error:  # every way of failing is a failure to escape
        return "failed: " + type(error).__name__


def _read_secret():
    with open(SECRET_PATH) as file:
        return file.read()


def _write_marker():
    with open(MARKER_PATH, "w") as file:
        file.write("escaped")
    return "wrote the marker"


def _docker_socket():
    client = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    client.settimeout(2)
    client.connect("/var/run/docker.sock")
    client.sendall(b"GET /version HTTP/1.0\r\n\r\n")
    return client.recv(100)


def _postgres():
    connection = _socket.create_connection(("127.0.0.1", 5432), timeout=2)
    connection.close()
    return "connected"


def _escape():
    """What each attempt got, as JSON (the test reads it from a message or observation)."""
    return _json.dumps(
        {
            "read": _attempt(_read_secret),
            "write": _attempt(_write_marker),
            "docker": _attempt(_docker_socket),
            "postgres": _attempt(_postgres),
        }
    )


_AT_IMPORT = _escape()
