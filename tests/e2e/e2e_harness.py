"""The servers and browser actions behind the end-to-end tests: JupyterLab and Voilà, driven
by Playwright in Debian's Chromium, as a student or a presenter would use them.

Every server runs from this venv (sys.executable), on 127.0.0.1, on a free port, with a random
token, against a temporary copy of the notebooks; stop() ends it and every kernel it started.
"""

import atexit
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import psutil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from jupyter_env import free_port, isolated_env  # noqa: E402

# BACKPROP_E2E_NOTEBOOKS points the harness at another folder, only to try the harness itself.
NOTEBOOKS = Path(os.environ.get("BACKPROP_E2E_NOTEBOOKS", ROOT / "notebooks"))
PLAYGROUND = "05_playground.ipynb"
PRESENTER = Path("presenter") / "playground_app.ipynb"  # what `make present` serves
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Set (to 1) by .ci/run: a missing Chromium then fails the browser tests instead of skipping them.
REQUIRE_BROWSER = "BACKPROP_REQUIRE_BROWSER"
MISSING_CHROMIUM = "Chromium not installed: apt-get install -y chromium"

# JupyterLab settings for a predictable page: every cell attached to the DOM (so all outputs can
# be inspected), and no news or update notifications over the notebook.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def notebook_paths(folder=NOTEBOOKS):
    """Every notebook in reading order, relative to folder: the numbered ones, then solutions/."""
    main = sorted(folder.glob("*.ipynb"))
    solutions = sorted((folder / "solutions").glob("*.ipynb"))
    return [p.relative_to(folder).as_posix() for p in main + solutions]


def copy_notebooks(destination):
    """Copy notebooks/ (with whatever files sit beside them) to destination; return it."""
    shutil.copytree(
        NOTEBOOKS, destination, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    )
    return destination


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_NO_REDIRECTS = urllib.request.build_opener(_KeepRedirects)


class Server:
    """One server process (JupyterLab or Voilà) with its log, its URL and its token."""

    def __init__(self, name, argv, port, token, cwd, env, log_path):
        self.name, self.port, self.token = name, port, token
        self.base_url = f"http://127.0.0.1:{port}"
        self.log_path = log_path
        self._log = open(log_path, "wb")  # closed in stop()
        self.process = subprocess.Popen(
            argv, cwd=cwd, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        self._kernels = set()

    def url(self, path=""):
        return f"{self.base_url}/{path.lstrip('/')}"

    def log_tail(self, lines=40):
        if not self._log.closed:
            self._log.flush()
        text = self.log_path.read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def wait_until_ready(self, probe_path, token=True, timeout=90):
        """Poll probe_path until it answers 200; fail with the log if the server dies."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}"
                )
            try:
                if self.get(probe_path, token=token).status == 200:
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        raise TimeoutError(f"{self.name} not ready after {timeout} s:\n{self.log_tail()}")

    def get(self, path, token=True, method="GET"):
        """One HTTP request to the server (by default authenticated with the token); a redirect
        is not followed but raised, as urllib.error.HTTPError with its code."""
        request = urllib.request.Request(self.url(path), method=method)
        if token:
            request.add_header("Authorization", f"token {self.token}")
        return _NO_REDIRECTS.open(request, timeout=10)

    def remember_kernels(self):
        """Note the server's current child processes (its kernels), to be sure they end."""
        try:
            self._kernels.update(psutil.Process(self.process.pid).children(recursive=True))
        except psutil.NoSuchProcess:  # the server has gone already
            pass

    def stop(self, timeout=15):
        """Stop the server and every kernel it started; wait for them, kill what lingers."""
        self.remember_kernels()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        deadline = time.monotonic() + timeout
        while any(map(_running, self._kernels)) and time.monotonic() < deadline:
            time.sleep(0.1)
        for kernel in filter(_running, self._kernels):
            kernel.kill()
        self._log.close()


def _running(process):
    """Whether a psutil.Process still runs (a zombie, ended but not yet reaped, does not)."""
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _root_flag():
    return ["--allow-root"] if os.getuid() == 0 else []


def start_lab(root_dir, home, attempts=3):
    """JupyterLab on 127.0.0.1 serving root_dir, token auth on, settings under home."""
    settings = home / "lab-settings"
    for name, values in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    for attempt in range(attempts):
        port, token = free_port(), secrets.token_hex(24)
        argv = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root_dir}",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={home / 'workspaces'}",
            "--LabApp.expose_app_in_browser=True",  # to read the kernel's connection state
            *_root_flag(),
        ]
        server = Server(
            "JupyterLab", argv, port, token, home, isolated_env(home), home / f"lab-{attempt}.log"
        )
        if _ready(server, "api/status", last_attempt=attempt == attempts - 1):
            return server
    raise AssertionError("unreachable")


def _ready(server, path, last_attempt, **kwargs):
    """Wait for a just-started server; False if it exited (say, its port was taken in between)
    and another attempt may follow. The server is stopped on any failure."""
    try:
        server.wait_until_ready(path, **kwargs)
        return True
    except RuntimeError:
        server.stop()
        if last_attempt:
            raise
        return False
    except BaseException:
        server.stop()
        raise


def present_command(port):
    """The command `make present` runs (read with `make -n`), as an argument list."""
    shown = subprocess.run(
        ["make", "--no-print-directory", "-n", "present", f"PRESENT_PORT={port}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.replace("\\\n", " ")
    commands = [shlex.split(line) for line in shown.splitlines() if "voila" in line]
    assert len(commands) == 1, f"`make -n present` shows no single voila command:\n{shown}"
    return commands[0]


def start_voila(home, attempts=3):
    """What `make present` starts, run from home (holding a copy of notebooks/): Voilà serving
    the playground with its code hidden, on 127.0.0.1, with a token of ours instead of a
    generated one, and no browser opened."""
    for attempt in range(attempts):
        port, token = free_port(), secrets.token_hex(24)
        command = present_command(port)
        assert Path(command[0]).name == "voila" and "--token" in command, command
        argv = [sys.executable, "-m", "voila"]
        argv += [f"--Voila.token={token}" if arg == "--token" else arg for arg in command[1:]]
        argv += ["--no-browser", "--Voila.port_retries=0"]
        server = Server(
            "Voila", argv, port, token, home, isolated_env(home), home / f"voila-{attempt}.log"
        )
        server.argv = argv
        # "login" is the page anyone may see
        if _ready(server, "login", last_attempt=attempt == attempts - 1, token=False):
            return server
    raise AssertionError("unreachable")


# ----------------------------------------------------------------------------------------------
# The presenter app, as `make present` serves it.

APP_TIMEOUT_MS = 180_000  # a loaded machine takes minutes to start the app's kernel and draw
VIEWS = ("boundary", "loss", "forward", "backward")


def open_presenter(voila, page, width, height, views=VIEWS):
    """Open the presenter app at width×height and wait until each of `views` has drawn its
    picture and the fonts and layout have settled; returns the app's root locator."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(voila.url(f"?token={voila.token}"))
    root = page.locator(".bp-presenter").first
    root.wait_for(timeout=APP_TIMEOUT_MS)
    for view in views:
        root.locator(f".bp-view-{view} svg").wait_for(timeout=APP_TIMEOUT_MS)
    page.wait_for_timeout(500)
    return root


# JupyterLab, as a student uses it.

RUN_TIMEOUT_MS = 240_000


def open_in_lab(page, lab, relpath):
    """Open one notebook in JupyterLab (fresh workspace) and wait for its kernel to be idle."""
    page.goto(lab.url(f"lab/tree/{relpath}?reset&token={lab.token}"))
    page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=60_000)
    kernel_idle(page, timeout=60_000)


def kernel_idle(page, timeout=RUN_TIMEOUT_MS):
    """Wait until the open notebook's kernel is connected and idle (a kernel that shows "idle"
    before its websocket is connected drops a Run All sent to it)."""
    page.wait_for_function(
        """() => {
            const kernel = window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel;
            return kernel?.connectionStatus === 'connected' && kernel?.status === 'idle';
        }""",
        timeout=timeout,
    )
    page.locator('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for(
        timeout=timeout
    )


def menu(page, top, item):
    """Click a main-menu entry by its exact label, e.g. menu(page, "Run", "Run All Cells")."""
    page.locator("#jp-menu-panel .lm-MenuBar-item", has_text=re.compile(f"^{top}$")).click()
    label = page.locator(".lm-Menu-content .lm-Menu-itemLabel:visible")
    label.filter(has_text=re.compile(f"^{re.escape(item)}$")).click()


def widget_notebook(lab, name, *markdown_after):
    """Write lab.root/name: notebook 05's widget cell alone (with its import), then the given
    Markdown cells; returns the name to open. The stored notebook's metadata is kept."""
    stored = nbformat.read(lab.root / PLAYGROUND, as_version=4)
    cell = next(
        c for c in stored.cells if c.cell_type == "code" and "PlaygroundWidget()" in c.source
    )
    source = "from backprop_lib.playground import PlaygroundWidget\n" + cell.source
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source)]
        + [nbformat.v4.new_markdown_cell(text) for text in markdown_after]
    )
    notebook.metadata = stored.metadata
    nbformat.write(notebook, lab.root / name)
    return name


def run_all(page, code_cells):
    """Clear the outputs, then Run > Run All Cells; wait until every one of the code_cells
    non-empty code cells has its execution count, or the run stopped at an error. Collapsed
    inputs (the check cells) are expanded first, so every cell's prompt is counted.

    The kernel is the fresh one open_in_lab started, so this is one clean Restart & Run All
    (the caller checks the execution counts are 1..n). Restarting a kernel within a second of its
    start races in jupyter_server (its websocket can break and leave the kernel "Starting").
    """
    menu(page, "Edit", "Clear Outputs of All Cells")
    menu(page, "View", "Expand All Code")  # collapsed check cells show their prompts too
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
        ".some(p => /\\[\\d+\\]/.test(p.textContent))",
        timeout=30_000,
    )
    menu(page, "Run", "Run All Cells")
    page.wait_for_function(
        """(expected) => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            const done = prompts.filter(p => /\\[\\d+\\]/.test(p.textContent)).length;
            const busy = prompts.some(p => p.textContent.includes('*'));
            const failed = document.querySelector('.jp-OutputArea-output[data-mime-type='
                + '"application/vnd.jupyter.stderr"]') !== null;
            return done >= expected || (!busy && failed);
        }""",
        arg=code_cells,
        timeout=RUN_TIMEOUT_MS,
    )
    kernel_idle(page)


def save(page, path):
    """Save the open notebook with Ctrl+S and wait until the file on disk changes and reads
    as whole JSON (a large notebook is written in more than one go)."""
    before = path.stat().st_mtime_ns
    page.locator(".jp-NotebookPanel .jp-Notebook").first.click(position={"x": 2, "y": 2})
    page.keyboard.press("Control+s")
    deadline = time.monotonic() + 30
    while path.stat().st_mtime_ns == before or not _whole_json(path):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path.name} was not saved")
        time.sleep(0.1)


def _whole_json(path):
    try:
        json.loads(path.read_text(encoding="utf-8"))
        return True
    except ValueError:
        return False


def traceback_outputs(page):
    """The texts of every stderr/error output on the page that shows a traceback."""
    return page.eval_on_selector_all(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]',
        "nodes => nodes.map(n => n.textContent).filter(t => /Traceback|Error\\b/.test(t))",
    )


def shut_down_kernels(lab):
    """End every session (and its kernel) on the server."""
    lab.remember_kernels()
    sessions = json.load(lab.get("api/sessions"))
    for session in sessions:
        lab.get(f"api/sessions/{session['id']}", method="DELETE")


# ----------------------------------------------------------------------------------------------
# The playground's widgets (the CSS classes its helper adds with add_class).


def image_bytes(page, root):
    """What the playground's four views show, as the browser holds it (their SVG markup)."""
    views = root.locator(".bp-views")
    views.locator("svg").first.wait_for()
    return views.inner_html()


def wait_for_new_picture(page, root, before, timeout=30):
    """Wait until the picture differs from before; return the new bytes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = image_bytes(page, root)
        if now and now != before:
            return now
        time.sleep(0.2)
    raise AssertionError(f"the picture did not change within {timeout} s")


def epoch(root):
    """The epoch the status line shows ("epoch N")."""
    text = root.locator(".bp-status").inner_text()
    found = re.search(r"epoch\D{0,3}(\d[\d,  ]*)", text, re.IGNORECASE)
    assert found, f"no 'epoch N' in the status line: {text!r}"
    return int(re.sub(r"\D", "", found.group(1)))


def poll(read, condition, timeout, failure):
    """read() every 0.2 s until condition(value) holds; return that value, or fail with
    failure(last value) after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = read()
        if condition(value):
            return value
        time.sleep(0.2)
    raise AssertionError(failure(read()))


def wait_for_epoch(root, condition, timeout=30):
    return poll(
        lambda: epoch(root),
        condition,
        timeout,
        lambda last: f"the status line stayed at epoch {last} for {timeout} s",
    )


def wait_until_still(root, quiet=1.0, timeout=20):
    """Wait until the epoch stops changing for quiet seconds; return it."""
    deadline = time.monotonic() + timeout
    last = epoch(root)
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = epoch(root)
        if now == last:
            return now
        last = now
    raise AssertionError(f"training did not stop: still advancing at epoch {last}")


def message(root):
    return root.locator(".bp-message").inner_text().strip()


def wait_for_message(root, condition, timeout=30):
    return poll(
        lambda: message(root),
        condition,
        timeout,
        lambda last: f"unexpected message in the playground: {last!r}",
    )


def rejected_entry_shows_value_in_use(root, value):
    """After a rejected layer spec the box shows the value in use again (never the bad text)."""
    return poll(
        lambda: root.locator(".bp-layers input").input_value(),
        lambda shown: shown == value,
        30,
        lambda last: f"the layer box kept the rejected text {last!r}, not the value in use",
    )


def set_layers(root, spec):
    """Type a layer-size spec into the text box and apply it with Enter."""
    box = root.locator(".bp-layers input")
    box.fill(spec)
    box.press("Enter")


def slider_value(root):
    return root.locator(".bp-eta .widget-readout").inner_text().strip()


def nudge_eta(page, root, key="ArrowRight", times=3):
    """Move the η slider with the keyboard (focus its handle, press an arrow key)."""
    handle = root.locator(".bp-eta .noUi-handle")
    handle.focus()
    for _ in range(times):
        page.keyboard.press(key)


# ----------------------------------------------------------------------------------------------
# jupyterlab-rise: a notebook presented as reveal.js slides, started as the README says.

RISE_PREVIEW = '.jp-MainAreaWidget iframe[src*="/rise/"]'
RISE_BUTTON = '.jp-NotebookPanel-toolbar [data-command="RISE:preview"]'
TOP_SLIDES = ".reveal .slides > section"
# JavaScript: the index of the top-level slide on show
_PRESENT_INDEX = (
    f"[...document.querySelectorAll('{TOP_SLIDES}')]"
    ".findIndex(s => s.classList.contains('present'))"
)
REVEAL_READY = ".reveal.ready .slides > section.present"  # reveal.js adds "ready" once set up


def present_with_rise(page, how):
    """Present the open notebook with jupyterlab-rise: how="Alt+R" (in command mode, so Escape
    first) or how="toolbar" (the notebook's RISE button). Both run RISE:preview, which saves the
    notebook and opens its slideshow, served at /rise/<path>, in a panel beside it. Return that
    panel's frame once reveal.js shows a slide."""
    if how == "Alt+R":
        page.locator(".jp-NotebookPanel .jp-Notebook").first.click(position={"x": 2, "y": 2})
        page.keyboard.press("Escape")
        page.keyboard.press("Alt+r")
    elif how == "toolbar":
        page.locator(RISE_BUTTON).click()
    else:
        raise ValueError(f"how must be 'Alt+R' or 'toolbar', got {how!r}")
    iframe = page.locator(RISE_PREVIEW)
    iframe.wait_for(timeout=60_000)
    frame = iframe.element_handle().content_frame()
    frame.locator(REVEAL_READY).wait_for(timeout=60_000)
    return frame


def current_slide(frame):
    """The index of the top-level slide reveal.js shows (0: the first)."""
    return frame.evaluate(f"() => {_PRESENT_INDEX}")


def next_slide(page, frame, timeout=15_000):
    """Press the right arrow in the slideshow, as a presenter does; wait for the next top-level
    slide and return its index."""
    before = current_slide(frame)
    page.locator(RISE_PREVIEW).focus()
    page.keyboard.press("ArrowRight")
    frame.wait_for_function(f"(before) => {_PRESENT_INDEX} > before", arg=before, timeout=timeout)
    return current_slide(frame)


# ----------------------------------------------------------------------------------------------
# The static site (`make html`) and the accessibility scan.

SITE_BUILDER = ROOT / "tools" / "build_html.py"
# axe-core impact levels that fail a page
BLOCKING_IMPACTS = ("serious", "critical")
_site_dir = []


def start_site_build():
    """Start building the site `make html` builds, once per test session, into a temporary
    folder (a folder of its own, to show the site works from anywhere). It runs beside the
    tests that come first (mostly waiting on a browser), so built_site() seldom waits."""
    if not _site_dir:
        outdir = Path(tempfile.mkdtemp(prefix="bp-site-"))
        atexit.register(shutil.rmtree, outdir, ignore_errors=True)
        builder = subprocess.Popen(
            [sys.executable, str(SITE_BUILDER), str(outdir)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        atexit.register(builder.kill)  # a session that ends first leaves no builder behind
        _site_dir.append([outdir, builder])


def built_site():
    """The site, built once per test session (start_site_build); returns (folder, builder's
    stderr)."""
    start_site_build()
    outdir, builder = _site_dir[0]
    if isinstance(builder, subprocess.Popen):
        out, err = builder.communicate()
        if builder.returncode != 0:
            raise subprocess.CalledProcessError(builder.returncode, builder.args, out, err)
        _site_dir[0][1] = err
    return outdir, _site_dir[0][1]


def site_pages(outdir):
    """Every page of the site, relative to outdir: the start page, notebooks, solutions."""
    pages = sorted(outdir.glob("*.html")) + sorted(outdir.glob("solutions/*.html"))
    pages.sort(key=lambda p: p.name != "index.html")
    return [p.relative_to(outdir).as_posix() for p in pages]


def block_network(context, allowed=("file://",)):
    """Abort every request of the browser context whose URL starts with none of allowed, as a
    machine without a network would; return the list the aborted URLs are added to."""
    aborted = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(allowed):
            request_route.continue_()
        else:
            aborted.append(url)
            request_route.abort()

    context.route("**/*", route)
    return aborted


def start_axe(page):
    """Load the pinned axe-core (shipped in axe-playwright-python) into the page and start a
    full scan, without waiting for it: several pages can be scanned at once. Collect the result
    with axe_violations(page)."""
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate(Axe().axe_script)
    page.evaluate("() => { window.__bpAxe = axe.run(document, {resultTypes: ['violations']}); }")


def axe_violations(page, impacts=BLOCKING_IMPACTS, timeout_s=300):
    """The violations of the scan start_axe began, of the given impacts, as readable lines:
    "rule (impact): help; N elements, e.g. <selector>: <axe's message>"."""
    page.set_default_timeout(timeout_s * 1000)
    violations = page.evaluate("() => window.__bpAxe.then(result => result.violations)")
    lines = []
    for violation in violations:
        if violation["impact"] not in impacts:
            continue
        node = violation["nodes"][0]
        checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
        detail = checks[0]["message"] if checks else ""
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}; "
            f"{len(violation['nodes'])} elements, e.g. {node['target']}: {detail}"
        )
    return lines


def mathjax_done(page, timeout=120_000):
    """Wait until MathJax has loaded and finished typesetting the page."""
    page.wait_for_function("() => window.MathJax?.Hub && MathJax.isReady", timeout=timeout)
    page.evaluate("() => new Promise(done => MathJax.Hub.Queue(done))")


# ----------------------------------------------------------------------------------------------
# `make lab` as a newcomer meets it: the banner, then the start page.

BANNER_URL = re.compile(r"^\s+(http://127\.0\.0\.1:(\d+)/lab/tree/\S+\?token=(\S+))\s*$", re.M)


def lab_command(port):
    """The command `make lab` runs (read with `make -n`), as an argument list."""
    shown = subprocess.run(
        ["make", "--no-print-directory", "-n", "lab", f"PORT={port}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.replace("\\\n", " ")
    commands = [shlex.split(line) for line in shown.splitlines() if "tools/lab.py" in line]
    assert len(commands) == 1, f"`make -n lab` shows no single tools/lab.py command:\n{shown}"
    return commands[0]


def start_lab_as_make_does(home, timeout=90):
    """Run what `make lab` runs (plus --no-browser), with Jupyter's user folders in home; read
    the address from its banner. Return the Server (its token and start_url from the banner)."""
    port = free_port()
    command = lab_command(port)
    argv = [sys.executable, *command[1:], "--no-browser"]
    server = Server("JupyterLab", argv, port, None, ROOT, isolated_env(home), home / "lab.log")
    deadline = time.monotonic() + timeout
    found = None
    while found is None and time.monotonic() < deadline:
        if server.process.poll() is not None:
            server.stop()
            raise RuntimeError(f"`make lab` exited:\n{server.log_tail()}")
        found = BANNER_URL.search(server.log_tail(200))
        time.sleep(0.1)
    if found is None:
        server.stop()
        raise TimeoutError(f"no banner with the address:\n{server.log_tail()}")
    server.start_url, server.token = found.group(1), found.group(3)
    assert int(found.group(2)) == port, f"banner shows port {found.group(2)}, asked for {port}"
    _ready(server, "api/status", last_attempt=True)
    return server
