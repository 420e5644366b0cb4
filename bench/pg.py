"""A PostgreSQL cluster kept between benchmark runs in var/bench/pg.

Same approach as scripts/with-postgres (Debian's server binaries, run as the postgres
system user when we are root, a free port on 127.0.0.1, trust auth for the local user
"newsroom"), except that the data folder stays, so the 100,000-article database is built
once. The server runs only while the benchmark does.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.load import free_port

USER = "newsroom"
DATABASE = "bench"


def server_bin() -> Path:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: [int(x) for x in re.findall(r"\d+", p)],
    )
    if not found or not Path(found[-1], "initdb").exists():
        raise SystemExit(
            "PostgreSQL server binaries not found (Debian: apt-get install postgresql)."
        )
    return Path(found[-1])


def _as_pg(args: list[str], *, check: bool = True, **kw) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=check, **kw)


@contextmanager
def kept_cluster(root: Path) -> Iterator[str]:
    """Start (initialising on first use) the kept cluster; yield a DATABASE_URL."""
    pgbin = server_bin()
    root = root.resolve()  # the server runs in its own working directory
    data = root / "data"
    root.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    if not (data / "PG_VERSION").exists():
        print(f"[bench] initdb {data}", flush=True)
        _as_pg(
            [str(pgbin / "initdb"), "-D", str(data), "-U", USER, "-A", "trust", "-E", "UTF8",
             "--no-sync"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
    # A server left running by an interrupted run: stop it, we pick a fresh port.
    status = subprocess.run(
        ["runuser", "-u", "postgres", "--"] * (os.geteuid() == 0)
        + [str(pgbin / "pg_ctl"), "-D", str(data), "status"],
        capture_output=True,
        check=False,
    )
    if status.returncode == 0:
        _as_pg([str(pgbin / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
               stdout=subprocess.DEVNULL)  # fmt: skip
    port = free_port()
    # fsync off only speeds up the build; the measured pages are reads.
    options = (
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB"
    )
    _as_pg(
        [str(pgbin / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w",
         "-o", options, "start"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        ensure_database(port)
        version = subprocess.run(
            [str(pgbin / "postgres"), "--version"], capture_output=True, text=True, check=True
        ).stdout.split()[2]
        print(f"[bench] PostgreSQL {version} on 127.0.0.1:{port} (data kept in {data})", flush=True)
        yield f"postgres://{USER}@127.0.0.1:{port}/{DATABASE}"
    finally:
        _as_pg([str(pgbin / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
               stdout=subprocess.DEVNULL, check=False)  # fmt: skip


def _admin(port: int):
    import psycopg

    return psycopg.connect(
        host="127.0.0.1", port=port, user=USER, dbname="postgres", autocommit=True
    )


def ensure_database(port: int) -> None:
    with _admin(port) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE}"')


def recreate_database(url: str) -> None:
    port = int(re.search(r":(\d+)/", url).group(1))
    with _admin(port) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
