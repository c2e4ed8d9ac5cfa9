"""api/db.py: what the engines do to a SQLite database file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from api.db import make_engine


def test_a_second_engine_keeps_the_locks_of_the_first(tmp_path: Path) -> None:
    """Closing any descriptor of a file drops every POSIX lock the process holds on it. When
    making an engine opened and closed the database file, a process serving with one engine
    (a test's live server) and making another lost its SQLite locks: another process closing
    its last connection then deleted the WAL under the first one's feet ("disk I/O error",
    then "file is not a database")."""
    database = tmp_path / "numjudge.db"
    url = f"sqlite:///{database}"
    serving = make_engine(url)
    with serving.connect() as connection:
        connection.execute(text("CREATE TABLE t (x INTEGER)"))
        connection.commit()
        connection.execute(text("SELECT * FROM t")).all()  # holds its shared lock
        make_engine(url).dispose()  # another engine in the same process
        writer = (
            "import sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1])\n"
            "c.execute('INSERT INTO t VALUES (1)'); c.commit(); c.close()\n"
        )
        subprocess.run([sys.executable, "-c", writer, str(database)], check=True, timeout=60)
        # The other process's last close found the database unused and removed the WAL.
        assert Path(f"{database}-wal").exists(), "this process's locks on the file were lost"
        assert connection.execute(text("SELECT count(*) FROM t")).scalar() == 1
    serving.dispose()
    assert sqlite3.connect(database).execute("PRAGMA integrity_check").fetchone() == ("ok",)
