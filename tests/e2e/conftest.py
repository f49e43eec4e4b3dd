"""Fixtures for the end-to-end tests: headless Chromium (or a visible skip when it is missing),
JupyterLab and Voilà serving a temporary copy of notebooks/, and pages that leave a screenshot,
their console errors and the server logs in test-artifacts/ when a test fails."""

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
from e2e_harness import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    MISSING_CHROMIUM,
    PRESENTER,
    REQUIRE_BROWSER,
    ROOT,
    _running,
    copy_notebooks,
    open_presenter,
    shut_down_kernels,
    start_lab,
    start_site_build,
    start_voila,
)

_REPORTS = pytest.StashKey[dict]()
SITE_TESTS = ("test_offline_site.py", "test_static_html.py", "test_readable_width.py")
_binder_build = []


def pytest_collection_modifyitems(session, config, items):
    """Start the session's two long builds in the background, when a selected test needs them:
    the static site (built_site) and the hub's Binder venv (hub/harness.py's binder_venv, behind
    a file lock that the hub test and tests/test_packaging.py then wait on). The tests before
    those mostly wait on a browser, so the builds use a core that would idle."""
    files = {item.path.name for item in items}
    if files & set(SITE_TESTS):
        start_site_build()
    if "test_hub.py" in files and not _binder_build:
        command = "from hub.harness import binder_venv; binder_venv()"
        _binder_build.append(
            subprocess.Popen([sys.executable, "-c", command], cwd=ROOT, stdout=subprocess.DEVNULL)
        )


def pytest_unconfigure(config):
    for build in _binder_build:
        if build.poll() is None:
            build.terminate()
            build.wait()


_skipped_for_chromium = []
_servers = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    if report.skipped and MISSING_CHROMIUM in str(report.longrepr):
        _skipped_for_chromium.append(item.nodeid)
    return report


def pytest_terminal_summary(terminalreporter):
    if _skipped_for_chromium:
        terminalreporter.write_sep(
            "!",
            f"browser tests SKIPPED ({len(_skipped_for_chromium)}): {MISSING_CHROMIUM}",
            yellow=True,
            bold=True,
        )


@pytest.fixture(scope="session")
def chromium_path():
    """Debian's Chromium; skip (or, with BACKPROP_REQUIRE_BROWSER=1, fail) when it is missing."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.environ.get(REQUIRE_BROWSER) == "1":
        pytest.fail(f"{MISSING_CHROMIUM} ({REQUIRE_BROWSER}=1 makes the browser tests required)")
    pytest.skip(MISSING_CHROMIUM)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def _lab_session(tmp_path_factory, chromium_path):
    """One JupyterLab for the whole session (each start-up costs seconds of both cores)."""
    home = tmp_path_factory.mktemp("lab")
    root = copy_notebooks(home / "notebooks")
    server = start_lab(root, home)
    server.root = root
    _servers.append(server)
    yield server
    _servers.remove(server)
    server.stop()


@pytest.fixture(scope="module")
def lab(_lab_session):
    """JupyterLab serving a temporary copy of notebooks/ (server.root), fresh for each test
    module (a test may save a notebook it ran); the server is the session's, stopped with its
    kernels at the end."""
    shutil.rmtree(_lab_session.root)
    copy_notebooks(_lab_session.root)
    return _lab_session


@pytest.fixture(scope="session")
def voila(tmp_path_factory, chromium_path):
    """`make present` (Voilà, the playground's code hidden) on a temporary copy of notebooks/,
    one for the whole session; stopped with its kernels."""
    home = tmp_path_factory.mktemp("voila")
    copy_notebooks(home / "notebooks")
    shutil.copytree(ROOT / PRESENTER.parent, home / PRESENTER.parent)
    server = start_voila(home)
    server.notebook = home / PRESENTER
    _servers.append(server)
    yield server
    _servers.remove(server)
    server.stop()


def _keep_artifacts(request, pages, errors=(), force=False):
    """On a failed test (or, with force, now: a set-up failing inside the test): each page's
    screenshot, `errors` (the page's console errors) and the servers' logs, kept in
    test-artifacts/<test id>.*"""
    reports = request.node.stash.get(_REPORTS, {})
    if not force and not any(report.failed for report in reports.values()):
        return
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.nodeid)
    notes = list(errors)
    for i, page in enumerate(pages):
        path = f"{stem}.png" if len(pages) == 1 else f"{stem}-{i}.png"
        try:
            page.screenshot(path=path, full_page=True)
        except Exception as error:  # a crashed page still gets its logs written
            notes.append(f"screenshot failed: {error}")
    logs = [f"--- {server.name} log (tail) ---\n{server.log_tail(80)}" for server in _servers]
    Path(f"{stem}.log").write_text("\n".join(notes + logs) + "\n")


class ClosedPresenter:
    """A presenter page opened and closed at once, and a thread that notes, per kernel the page
    started, how many seconds after the close the kernel ended (psutil, polled twice a second,
    for at most `watch_s`)."""

    def __init__(self, voila, browser, watch_s=120):
        server = psutil.Process(voila.process.pid)
        before = set(server.children(recursive=True))
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        open_presenter(voila, context.new_page(), 1280, 720)
        self.kernels = set(server.children(recursive=True)) - before
        context.close()
        self.closed_at, self.ended_after = time.monotonic(), {}
        self._watch_s = watch_s
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self):
        while time.monotonic() - self.closed_at < self._watch_s:
            for kernel in self.kernels - set(self.ended_after):
                if not _running(kernel):
                    self.ended_after[kernel] = time.monotonic() - self.closed_at
            if len(self.ended_after) == len(self.kernels):
                return
            time.sleep(0.5)


@pytest.fixture(scope="session")
def closed_presenter(voila, browser):
    """The session's first presenter page, closed as soon as it has drawn; its kernels are
    watched from then on, while the other tests run (test_presenter_hall.py reads the result:
    the wait for Voilà's culling then overlaps with other work instead of adding to it)."""
    return ClosedPresenter(voila, browser)


@pytest.fixture(scope="session")
def _presenter_pages(browser, voila, closed_presenter):
    pages = {}
    yield pages
    for page in pages.values():
        page.context.close()


@pytest.fixture
def presenter_at(_presenter_pages, browser, voila, request):
    """presenter_at(width, height): (page, the app's root locator) for the presenter app open
    at that window size, on a page shared by the tests that only read it (each Voilà page load
    runs the playground in a kernel of its own: seconds of both cores). A test that clicks,
    types or resizes opens its own with open_presenter. On failure the page's screenshot is
    kept in test-artifacts/."""
    used = []

    def at(width, height):
        if (width, height) not in _presenter_pages:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.set_default_timeout(30_000)
            open_presenter(voila, page, width, height)
            _presenter_pages[width, height] = page
        page = _presenter_pages[width, height]
        used.append(page)
        return page, page.locator(".bp-presenter").first

    yield at
    _keep_artifacts(request, used)


@pytest.fixture(scope="module")
def _module_pages(browser):
    pages = {}
    yield pages
    for page in pages.values():
        page.context.close()
    for server in _servers:
        if server.name == "JupyterLab":
            shut_down_kernels(server)


@pytest.fixture
def shared_page(_module_pages, browser, request):
    """shared_page(key, set_up): a page shared by the tests of one module that ask for the same
    key, for tests that use a notebook the same way up to a point (opening a notebook in
    JupyterLab and running it costs seconds of both cores). set_up(page) runs on it once, when
    it is first asked for; if it fails, the page is closed and the next test tries again. The
    page is 1500×1100, like `page`'s; on failure its screenshot is kept in test-artifacts/."""
    used = []

    def get(key, set_up):
        if key not in _module_pages:
            context = browser.new_context(viewport={"width": 1500, "height": 1100})
            page = context.new_page()
            page.set_default_timeout(30_000)
            try:
                set_up(page)
            except BaseException:
                _keep_artifacts(request, [page], force=True)
                context.close()
                raise
            _module_pages[key] = page
        used.append(_module_pages[key])
        return _module_pages[key]

    yield get
    _keep_artifacts(request, used)


@pytest.fixture
def page(browser, request):
    """A fresh browser page; on failure its screenshot, console errors and the server logs are
    kept in test-artifacts/<test id>.*"""
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.on(
        "console",
        lambda msg: (
            errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
        ),
    )
    yield page
    _keep_artifacts(request, [page], errors)
    context.close()
    for server in _servers:
        if server.name == "JupyterLab":
            shut_down_kernels(server)
