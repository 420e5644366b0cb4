"""Requests per second under gunicorn, with the ceilings measured in the same run.

gunicorn serves the project as ``make serve`` does (production settings, WhiteNoise, sync
workers) on a free port of 127.0.0.1; ``wrk`` (Debian's package) drives it with the same
threads, connections and duration for every target. Without wrk a small Python client
(processes × threads, keep-alive where the server allows it) stands in. Both stop by
themselves after the duration.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(
    *,
    env: dict[str, str],
    workers: int,
    log: Path,
    app: str = "newsroom.wsgi",
    ready: str = "/healthz",
) -> Iterator[str]:
    """A gunicorn on 127.0.0.1; yields its base URL and stops it afterwards."""
    port = free_port()
    with open(log, "ab") as errors:
        proc = subprocess.Popen(
            [
                str(GUNICORN),
                app,
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=errors,
            stderr=errors,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {proc.returncode}; see {log}")
            try:
                with urllib.request.urlopen(f"{base}{ready}", timeout=2) as r:  # noqa: S310
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within 30 s; see {log}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def have_wrk() -> bool:
    """wrk, installed from Debian when missing and we may (root with apt-get)."""
    if shutil.which("wrk"):
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("[bench] wrk missing: apt-get install -y wrk", flush=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=180,
            check=False,
        )
    return bool(shutil.which("wrk"))


ROTATE_LUA = """
local paths = {%s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
"""


def _unit(value: str) -> float:
    """wrk's '1.23ms' / '850.00us' / '1.02s' -> milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def run_wrk(
    base: str, paths: list[str], *, duration: int, threads: int, connections: int
) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(ROTATE_LUA % ", ".join(json.dumps(p) for p in paths))
    try:
        out = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{duration}s",
                # Slow pages queue behind each other on two workers; count them, do not
                # drop them as timeouts.
                "--timeout",
                "60s",
                "--latency",
                "-s",
                script.name,
                base + paths[0],
            ],
            capture_output=True,
            text=True,
            timeout=duration + 120,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.MULTILINE))
    return {
        "rps": round(rps, 1),
        "requests": total,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1).strip() if errors else "",
        "latency_p50_ms": round(_unit(latency["50"]), 2) if "50" in latency else None,
        "latency_p99_ms": round(_unit(latency["99"]), 2) if "99" in latency else None,
    }


# --- the Python stand-in for wrk --------------------------------------------------------------


def _client_process(host: str, port: int, paths: list[str], seconds: float, threads: int, q):
    counts = {"ok": 0, "bad": 0, "errors": 0}
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(offset: int) -> None:
        conn = None
        n = offset
        while time.monotonic() < deadline:
            path = paths[n % len(paths)]
            n += 1
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(host, port, timeout=10)
                t0 = time.perf_counter()
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                elapsed = time.perf_counter() - t0
                with lock:
                    counts["ok" if response.status < 400 else "bad"] += 1
                    latencies.append(elapsed)
                if response.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                with lock:
                    counts["errors"] += 1
                if conn is not None:
                    conn.close()
                conn = None

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    q.put((counts, latencies))


def run_python_client(
    base: str, paths: list[str], *, duration: int, threads: int, connections: int
) -> dict[str, Any]:
    host, port = base.removeprefix("http://").split(":")
    q: multiprocessing.Queue = multiprocessing.Queue()
    per_process = max(1, connections // threads)
    procs = [
        multiprocessing.Process(
            target=_client_process, args=(host, int(port), paths, duration, per_process, q)
        )
        for _ in range(threads)
    ]
    started = time.monotonic()
    for p in procs:
        p.start()
    results = [q.get() for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.monotonic() - started
    ok = sum(r[0]["ok"] for r in results)
    bad = sum(r[0]["bad"] for r in results)
    latencies = sorted(x for r in results for x in r[1])

    def pick(fraction: float) -> float | None:
        if not latencies:
            return None
        return round(latencies[int(fraction * (len(latencies) - 1))] * 1000, 2)

    return {
        "rps": round((ok + bad) / elapsed, 1),
        "requests": ok + bad,
        "non_2xx": bad,
        "socket_errors": str(sum(r[0]["errors"] for r in results)),
        "latency_p50_ms": pick(0.5),
        "latency_p99_ms": pick(0.99),
    }


# --- the run --------------------------------------------------------------------------------


def measure(
    *,
    env: dict[str, str],
    story_paths: list[str],
    static_path: str,
    workers: int = 2,
    duration: int = 10,
    threads: int = 2,
    connections: int = 16,
    log: Path,
) -> dict[str, Any]:
    use_wrk = have_wrk()
    drive = run_wrk if use_wrk else run_python_client
    settings = {
        "server": f"gunicorn {workers} sync workers",
        "generator": "wrk" if use_wrk else "python http.client (wrk unavailable)",
        "threads": threads,
        "connections": connections,
        "duration_s": duration,
    }

    def hit(base: str, paths: list[str]) -> dict[str, Any]:
        # A short warm-up first: each worker's page cache and connections, the OS page cache.
        drive(base, paths, duration=2, threads=threads, connections=connections)
        # Requests still queued from the warm-up would eat into the timed run: wait them out.
        with urllib.request.urlopen(f"{base}/healthz", timeout=300) as r:  # noqa: S310
            r.read()
        return drive(base, paths, duration=duration, threads=threads, connections=connections)

    def prime(base: str, paths: list[str], rounds: int) -> None:
        """Render each path in (very likely) every worker, so the timed run is all hits."""

        def get(path: str) -> None:
            with urllib.request.urlopen(base + path, timeout=300) as r:  # noqa: S310
                r.read()

        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(get, paths * rounds))

    targets: dict[str, Any] = {}
    popular = story_paths[:10]  # the few stories everyone is reading
    with gunicorn(env=env, workers=workers, log=log) as base:
        targets["healthz"] = hit(base, ["/healthz"])
        print(f"[bench] load /healthz: {targets['healthz']['rps']} rps", flush=True)
        targets["static"] = hit(base, [static_path])
        print(f"[bench] load static: {targets['static']['rps']} rps", flush=True)
        prime(base, popular, rounds=2 * workers)
        targets["story_cached"] = hit(base, popular)
        print(f"[bench] load story cached: {targets['story_cached']['rps']} rps", flush=True)
        with urllib.request.urlopen(base + popular[0], timeout=60) as r:  # noqa: S310
            page = r.read()
    # The ceiling for a cached page: the same bytes from a bare Django app, no middleware.
    bare_page = log.parent / "story.html"
    bare_page.write_bytes(page)
    bare_env = env | {"BENCH_BARE_PAGE": str(bare_page)}
    with gunicorn(env=bare_env, workers=workers, log=log, app="bench.bare_wsgi:application",
                  ready=popular[0]) as bare:  # fmt: skip
        targets["bare_wsgi"] = hit(bare, popular)
        print(f"[bench] load bare WSGI, same bytes: {targets['bare_wsgi']['rps']} rps", flush=True)
    # The same server with the page cache switched off: every request renders the story
    # page, around the parts of its version rendered once before (reader.fragments), as
    # on a site already serving these stories: like the in-process "uncached" figure,
    # each worker has read every story first. (Before bench 2026-11-30 it had not.)
    with gunicorn(env=env | {"NEWSROOM_PUBLIC_CACHE_SECONDS": "0"}, workers=workers, log=log) as b:
        prime(b, story_paths, rounds=2 * workers)
        targets["story_uncached"] = hit(b, story_paths)
        print(f"[bench] load story uncached: {targets['story_uncached']['rps']} rps", flush=True)

    ceiling = targets["healthz"]["rps"] or 1
    static = targets["static"]["rps"] or 1
    bare = targets["bare_wsgi"]["rps"] or 1
    ratios = {
        "story_cached/bare_wsgi": round(targets["story_cached"]["rps"] / bare, 3),
        "story_cached/healthz": round(targets["story_cached"]["rps"] / ceiling, 3),
        "story_cached/static": round(targets["story_cached"]["rps"] / static, 3),
        "story_uncached/healthz": round(targets["story_uncached"]["rps"] / ceiling, 3),
        "healthz/static": round(ceiling / static, 3),
    }
    return {
        "settings": settings,
        "targets": targets,
        "ratios": ratios,
        "paths": {"static": static_path, "story_urls": len(story_paths)},
    }
