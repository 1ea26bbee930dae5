"""`newsgraph serve`: the server fixtures the web tests share (one uvicorn server per store and session, on a
free loopback port, in a thread), and the server's own behaviour: loopback by default, security headers, a
read-only store, clear errors from the command."""
from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from conftest import DATA, ROOT, run_cli

from newsgraph.errors import InputError, StoreError
from newsgraph.web.app import create_app
from newsgraph.web.listen import check_port

HOSTILE = DATA / "hostile"


class Served:
    """A uvicorn server on 127.0.0.1 in a thread, serving one store."""

    def __init__(self, db: Path):
        import uvicorn

        self.db = db
        self.app = create_app(str(db), idle=0.5)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start in 20 s"
            time.sleep(0.02)
        self.client = httpx.Client(base_url=self.url, timeout=30)

    def stop(self) -> None:
        self.client.close()
        self.server.should_exit = True
        self.thread.join(10)


# The web test modules share these fixtures by assigning them (`served_example = web.served_example`), which
# makes one fixture per module: the server, store and browser themselves are made once and kept here.
_SHARED: dict = {}


def _once(request, key, make, stop):
    """The one object for ``key`` this session, made on first use and stopped when the session ends."""
    if key not in _SHARED:
        _SHARED[key] = make()

        def finish():
            stop(_SHARED.pop(key))

        request.addfinalizer(finish)
    return _SHARED[key]


@pytest.fixture(scope="session")
def served_example(request, example_db):
    return _once(request, ("served", str(example_db)), lambda: Served(example_db), Served.stop)


def _build_hostile(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    built = run_cli("build", str(HOSTILE), "--db", str(db), "--quiet")
    assert built.returncode == 0, built.stderr
    return db


@pytest.fixture(scope="session")
def hostile_db(request, tmp_path_factory) -> Path:
    return _once(request, "hostile_db", lambda: _build_hostile(tmp_path_factory), lambda db: None)


@pytest.fixture(scope="session")
def served_hostile(request, hostile_db):
    return _once(request, ("served", str(hostile_db)), lambda: Served(hostile_db), Served.stop)


def _artifacts(tmp_path_factory) -> Path:
    where = Path(os.environ.get("NEWSGRAPH_ARTIFACTS") or tmp_path_factory.mktemp("artifacts"))
    where.mkdir(parents=True, exist_ok=True)
    print(f"\nweb test artifacts (screenshots): {where}")
    return where


@pytest.fixture(scope="session")
def artifacts(request, tmp_path_factory) -> Path:
    """Where the browser tests keep their screenshots: $NEWSGRAPH_ARTIFACTS, else a pytest temporary directory
    (printed, so that the log names it)."""
    return _once(request, "artifacts", lambda: _artifacts(tmp_path_factory), lambda where: None)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_answer_carries_the_security_headers(served_example):
    for path in ("/", "/system", "/api/entities", "/static/style.css", "/no/such/page", "/api/no-such-route"):
        r = served_example.client.get(path)
        csp = r.headers.get("content-security-policy", "")
        assert "default-src 'none'" in csp and "script-src" not in csp, (path, csp)
        assert r.headers.get("x-content-type-options") == "nosniff", path
        assert r.headers.get("x-frame-options") == "DENY", path


def test_pages_load_nothing_from_elsewhere(served_example):
    html = served_example.client.get("/").text
    assert '<link rel="stylesheet" href="/static/style.css">' in html
    assert "<script" not in html
    assert "http://" not in html.split("<main>")[0] and "https://" not in html.split("<main>")[0]
    assert served_example.client.get("/static/style.css").headers["content-type"].startswith("text/css")


def test_serving_never_writes_the_store(example_db, served_example):
    before = (_digest(example_db), os.stat(example_db).st_mtime_ns)
    first = served_example.client.get("/api/entities", params={"limit": 1}).json()["items"][0]["id"]
    for path in ("/", f"/actor/{first}", "/system?as_of=2017-06-30", "/timeline", f"/brief/{first}",
                 f"/api/entities/{first}", "/api/events", "/api/system"):
        assert served_example.client.get(path).status_code == 200, path
    assert (_digest(example_db), os.stat(example_db).st_mtime_ns) == before
    assert not Path(str(example_db) + ".wal").exists()


def test_the_store_is_let_go_when_idle_so_a_build_can_write(example_db, served_example):
    served_example.client.get("/api/stories")
    keeper = served_example.app.state.site.keeper
    assert keeper.holding
    deadline = time.monotonic() + 5
    while keeper.holding and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not keeper.holding, "the idle server still holds the store"


def test_serve_binds_loopback_by_default_and_fails_clearly(example_db, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(example_db), "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline, "newsgraph serve did not answer in 30 s"
                time.sleep(0.1)
        assert r.status_code == 200
        listening = [line.split() for line in Path("/proc/net/tcp").read_text().splitlines()[1:]]
        local = {x[1] for x in listening if x[3] == "0A"}  # LISTEN
        assert f"0100007F:{port:04X}" in local and f"00000000:{port:04X}" not in local
        with pytest.raises(InputError, match=f"port {port} on 127.0.0.1 is in use"):
            check_port("127.0.0.1", port)  # what `serve` says, before it starts, when the port is taken
    finally:
        proc.terminate()
        proc.wait(10)
    with pytest.raises(StoreError, match="no store at"):  # `serve` prints it as one line, exit status 1
        create_app(str(tmp_path / "none.duckdb"))


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Chromium:
    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)

    def stop(self) -> None:
        self.browser.close()
        self.playwright.stop()


@pytest.fixture(scope="session")
def browser(request):
    """One headless Debian chromium for every browser test, driven by Playwright (which downloads nothing).
    Without chromium the tests skip, except in CI (CI set), where they fail: the install step must provide it."""
    problem = None
    if not CHROMIUM.exists():
        problem = f"{CHROMIUM} is missing (bash scripts/install.sh installs Debian's chromium as root)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "Playwright for Python is not installed (pip install -r requirements.lock)"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {problem}")
        pytest.skip(problem)
    return _once(request, "chromium", _Chromium, _Chromium.stop).browser


def test_no_request_reaches_the_filesystem(served_example):
    for path in ("/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/cli.py", "/static/../templates/base.html",
                 "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/document/..%2f..%2fetc%2fpasswd"):
        r = served_example.client.get(path)
        assert r.status_code == 404, (path, r.status_code)
        assert "import " not in r.text and "root:" not in r.text and "{% block" not in r.text, path
