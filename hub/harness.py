"""A class on a real JupyterHub, on this machine: what tests/e2e/test_hub.py and
benchmarks/bench_hub.py drive.

- binder_venv(): the students' environment, built the way Binder and repo2docker build the
  image: into a fresh venv, the Jupyter packages of repo2docker's base environment (its
  jupyterhub at the hub's own version), then `pip install -r binder/requirements.txt`, run
  from a copy of the repository. Built once per content of what it installs, and shared
  (under a lock) by the two pytest processes of `make test` and the benchmark.
- ClassHub: JupyterHub with hub/jupyterhub_config.py in test mode (any user name logs in, every
  server runs as this user, homes in a temporary state folder), configurable-http-proxy from
  `make hub-proxy`, on 127.0.0.1. stop() ends the hub, the proxy, every student's server and
  every kernel, even those in sessions of their own, and leftovers() proves it.
- Student: one student's requests with their own API token: an nbgitpuller link followed, files
  read and saved through the server's contents API, kernels through the kernel protocol
  (jupyter_server's REST API and its websocket, as JupyterLab uses them).
"""

import contextlib
import fcntl
import hashlib
import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import psutil
import requests
import websocket

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "hub" / "jupyterhub_config.py"
PROXY = ROOT / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
VENVS = ROOT / "build" / "binder-venv"
# The students' servers run the hub's own JupyterHub version: jupyterhub-singleuser talks to
# the hub's API and OAuth, which JupyterHub keeps compatible within a major version, and the hub
# logs a warning for a single-user server of another major version.
HUB_VERSION = version("jupyterhub")
# What repo2docker 2026.4's base environment brings before binder/requirements.txt is installed
# (its jupyterhub, 5.4, replaced by the hub's version: see HUB_VERSION).
REPO2DOCKER_BASE = ["jupyterlab==4.4.9", "notebook==7.4.7", f"jupyterhub=={HUB_VERSION}"]
MISSING_NPM = "configurable-http-proxy needs Node.js and npm: apt-get install -y nodejs npm"


def repository_files():
    """The repository's files as a fresh clone would have them (tracked, plus new unignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return [name for name in listed if (ROOT / name).is_file()]


def copy_repository(target, names=None):
    """Copy the repository's files (or `names` of them) to target; return target."""
    for name in names or repository_files():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, target / name)
    return target


def _installed_files():
    """What `pip install -r binder/requirements.txt .` reads: binder/, the pins, the package."""
    return [
        name
        for name in repository_files()
        if name.startswith(("binder/", "backprop_lib/"))
        or name in ("requirements.txt", "pyproject.toml")
    ]


def _run(args, cwd):
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def binder_venv():
    """The path of a venv with binder/requirements.txt and jupyterhub installed, built if needed.

    The venv is keyed by the content of every file the install reads and by this Python, so an
    edit to the package or the pins builds a new one (and removes the old ones no process is
    running from); a file lock lets one process build while another waits for it.
    """
    digest = hashlib.sha256(f"{sys.version}\n{REPO2DOCKER_BASE}\n".encode())
    for name in sorted(_installed_files()):
        digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes() + b"\0")
    key = digest.hexdigest()[:16]
    VENVS.mkdir(parents=True, exist_ok=True)
    venv = VENVS / key
    with open(VENVS.parent / "binder-venv.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (venv / ".complete").exists():
            return venv
        for old in VENVS.iterdir():
            if not _in_use(old):  # a benchmark or test may still run a hub from an older one
                shutil.rmtree(old, ignore_errors=True)
        with tempfile.TemporaryDirectory(prefix="backprop-binder-") as tmp:
            copy = copy_repository(Path(tmp) / "repo")
            _run([sys.executable, "-m", "venv", venv], tmp)
            pip = [venv / "bin" / "python", "-m", "pip", "install", "--no-compile", "--quiet"]
            pip += ["--disable-pip-version-check"]
            # repo2docker's base environment comes from conda, not from pip: any installer
            # stands in for it. What repo2docker runs itself, `pip install -r
            # binder/requirements.txt`, uv runs too (the dev venv's, when it has one): the same
            # packages at the same versions (pip freeze compared), in 1 s instead of pip's
            # 15-23 s of resolving (measured on a quiet machine).
            uv = Path(sys.executable).parent / "uv"
            base = [uv, "pip", "install", "--quiet", "--python", venv / "bin" / "python"]
            installer = base if uv.exists() else pip
            _run([*installer, *REPO2DOCKER_BASE], copy)
            _run([*installer, "-r", "binder/requirements.txt"], copy)
            # No .pyc files at install (pip's --no-compile, and uv's default): make test lets
            # each process write those of what it imports (the Makefile's unexport
            # PYTHONDONTWRITEBYTECODE), a fraction of compiling all of site-packages.
        (venv / ".complete").touch()
    return venv


def _in_use(folder):
    """Whether a running process runs a program from `folder` (its command line names it)."""
    for p in psutil.process_iter(["cmdline"]):
        with contextlib.suppress(psutil.Error):
            if any(str(folder) in part for part in p.info["cmdline"] or []):
                return True
    return False


def ensure_proxy():
    """configurable-http-proxy from hub/package-lock.json (`make hub-proxy`); its path."""
    if shutil.which("npm") is None:
        raise RuntimeError(MISSING_NPM)
    _run(["make", "--no-print-directory", "-s", "hub-proxy"], ROOT)
    return PROXY


def _free_ports(count):
    """A first port p such that p, p + 1, ... p + count - 1 are free on 127.0.0.1."""
    for _ in range(100):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        if first + count > 65535:
            continue
        try:
            with contextlib.ExitStack() as stack:
                for port in range(first, first + count):
                    s = stack.enter_context(socket.socket())
                    s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise RuntimeError(f"no {count} consecutive free ports on 127.0.0.1")


def _wait(condition, timeout, what, interval=0.2):
    """condition()'s first truthy value, polled until timeout seconds; TimeoutError otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout} s")
        time.sleep(interval)


class ClassHub:
    """A JupyterHub with hub/jupyterhub_config.py in test mode; state (db, homes, log) in state."""

    def __init__(self, venv, state, cull_minutes=20):
        self.venv, self.state = Path(venv), Path(state)
        self.cull_minutes = cull_minutes
        self.token = uuid.uuid4().hex
        self.process = None
        self.log_path = self.state / "hub.log"
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"token {self.token}"
        self._seen = {}  # pid -> psutil.Process: every process of the hub ever seen

    # -- starting and stopping ----------------------------------------------------------------
    def start(self, timeout=60):
        self.state.mkdir(parents=True, exist_ok=True)
        port = _free_ports(3)
        self.url = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "BACKPROP_HUB_TEST": "1",
            "BACKPROP_HUB_PORT": str(port),
            "BACKPROP_HUB_STATE": str(self.state),
            "BACKPROP_HUB_VENV": str(self.venv),
            "BACKPROP_HUB_API_TOKEN": self.token,
            "BACKPROP_HUB_CULL_MINUTES": str(self.cull_minutes),
        }
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
                cwd=self.state,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._remember()
        try:
            _wait(self._up, timeout, f"JupyterHub at {self.url} (log: {self.log_path})")
        except BaseException:
            self.stop()
            raise
        return self

    def _up(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"JupyterHub exited ({self.process.returncode}):\n{self.log()}")
        try:
            return self.http.get(f"{self.url}/hub/api/", timeout=5).status_code == 200
        except requests.ConnectionError:
            return False

    def log(self, tail=4000):
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return text[-tail:]

    def _remember(self):
        """Note the hub's process and every descendant now alive (kernels start new sessions,
        so only this record finds them once their parents are gone)."""
        if self.process is None:
            return
        with contextlib.suppress(psutil.NoSuchProcess):
            hub = psutil.Process(self.process.pid)
            for p in [hub, *hub.children(recursive=True)]:
                self._seen.setdefault(p.pid, p)

    def processes(self):
        """The hub's processes alive now: the hub, the proxy, the servers, their kernels."""
        self._remember()
        alive = []
        for p in self._seen.values():
            with contextlib.suppress(psutil.NoSuchProcess):
                if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                    alive.append(p)
        return alive

    def stop(self, timeout=30):
        """Stop the hub (it stops the servers and the proxy); then end anything left over."""
        if self.process is None:
            return
        self._remember()
        if self.process.poll() is None:
            self.process.terminate()  # JupyterHub's cleanup_servers, cleanup_proxy
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        for p in self.processes():
            with contextlib.suppress(psutil.NoSuchProcess):
                p.terminate()
        _gone, alive = psutil.wait_procs(self.processes(), timeout=10)
        for p in alive:
            with contextlib.suppress(psutil.NoSuchProcess):
                p.kill()
        psutil.wait_procs(alive, timeout=10)
        self.http.close()

    def leftovers(self):
        """Processes still alive that belong to this hub: those it started (remembered), and any
        whose working folder or command line is inside its state folder (a student's home)."""
        state = str(self.state)
        found = {p.pid: p for p in self.processes()}
        for p in psutil.process_iter(["pid", "cmdline", "cwd"]):
            with contextlib.suppress(psutil.Error):
                if p.pid == os.getpid() or p.status() == psutil.STATUS_ZOMBIE:
                    continue
                cmdline = " ".join(p.info["cmdline"] or [])
                if state in cmdline or (p.info["cwd"] or "").startswith(state):
                    found[p.pid] = p
        return list(found.values())

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- the hub's REST API, as its admin service ---------------------------------------------
    def api(self, method, path, expect=(200, 201, 202, 204), **kwargs):
        response = self.http.request(method, f"{self.url}/hub/api/{path}", timeout=30, **kwargs)
        if response.status_code not in expect:
            raise RuntimeError(f"{method} /hub/api/{path}: {response.status_code} {response.text}")
        return response.json() if response.content else None

    def add_students(self, names):
        self.api("POST", "users", json={"usernames": list(names)})
        return names

    def start_servers(self, names, timeout=120):
        """Start each student's server; wait until every one is ready."""
        for name in names:
            self.api("POST", f"users/{name}/server", expect=(201, 202, 400))
        for name in names:
            _wait(
                lambda name=name: self._ready(name),
                timeout,
                f"{name}'s server (hub log: {self.log_path})",
                interval=0.5,
            )
        self._remember()

    def _ready(self, name):
        server = self.api("GET", f"users/{name}").get("servers", {}).get("", {})
        return server.get("ready", False)

    def student(self, name):
        token = self.api("POST", f"users/{name}/tokens", json={"note": "class test"})["token"]
        return Student(self, name, token)

    def server_process(self, name):
        """The jupyterhub-singleuser process of `name`."""
        for p in self.processes():
            with contextlib.suppress(psutil.Error):
                if "jupyterhub-singleuser" in " ".join(p.cmdline()):
                    if p.environ().get("JUPYTERHUB_USER") == name:
                        return p
        raise LookupError(f"no single-user server for {name}")


@dataclass
class Output:
    """What one execute_request produced: the texts shown, in order, and whether it raised."""

    texts: list = field(default_factory=list)
    images: int = 0
    error: str | None = None

    @property
    def text(self):
        return "\n".join(self.texts)


class Student:
    """One student: a browser session (cookies, after the hub's login form) for pages such as an
    nbgitpuller link, and requests with their own API token for the server's REST API and
    kernels, all at /user/NAME/."""

    def __init__(self, hub, name, token):
        self.hub, self.name, self.token = hub, name, token
        self.url = f"{hub.url}/user/{name}/"
        self.home = hub.state / "home" / name
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"token {token}"
        self.browser = requests.Session()  # cookies only, as a browser has

    def get(self, path, **kwargs):
        return self.http.get(urllib.parse.urljoin(self.url, path), timeout=30, **kwargs)

    def log_in(self, password="any password"):
        """The hub's login form, filled in and sent; the page it lands on."""
        form = self.browser.get(f"{self.hub.url}/hub/login", timeout=30)
        (xsrf,) = re.findall(r'name="_xsrf" value="([^"]*)"', form.text)
        return self.browser.post(
            f"{self.hub.url}/hub/login",
            data={"_xsrf": html.unescape(xsrf), "username": self.name, "password": password},
            timeout=30,
        )

    # -- nbgitpuller ----------------------------------------------------------------------------
    def follow_pull_link(self, link, timeout=120):
        """Open the link in the logged-in browser session: the hub redirects to this student's
        server (through its OAuth login), whose nbgitpuller page starts the pull; here the
        page's own request to git-pull/api is made, with the parameters the page carries, and
        its event stream read to the end. Returns (the page's response, the pull's events)."""
        page = self.browser.get(link, timeout=30)
        params = {
            key: urllib.parse.unquote(html.unescape(value))
            for key, value in re.findall(r'data-(repo|branch|targetpath|xsrf)="([^"]*)"', page.text)
        }
        if page.status_code != 200 or "repo" not in params:
            return page, []
        params["_xsrf"] = params.pop("xsrf", "")
        events = []
        with self.browser.get(
            f"{self.url}git-pull/api", params=params, stream=True, timeout=timeout
        ) as stream:
            for line in stream.iter_lines(decode_unicode=True):
                if line and line.startswith("data: "):
                    events.append(json.loads(line[len("data: ") :]))
                    if events[-1].get("phase") in ("finished", "error"):
                        break
        return page, events

    # -- files, through the contents API ------------------------------------------------------
    def notebook(self, path):
        response = self.get(f"api/contents/{path}", params={"content": "1"})
        response.raise_for_status()
        return response.json()["content"]

    def save_notebook(self, path, notebook):
        response = self.http.put(
            f"{self.url}api/contents/{path}",
            json={"type": "notebook", "format": "json", "content": notebook},
            timeout=30,
        )
        response.raise_for_status()

    # -- kernels ------------------------------------------------------------------------------
    def kernel(self):
        """A new kernel; one more try if the first dies while starting (jupyter_client picks its
        ZMQ ports at random, and on a busy machine another process can take one first)."""
        try:
            return Kernel(self)
        except (TimeoutError, websocket.WebSocketException, requests.HTTPError):
            return Kernel(self)


class Kernel:
    """A kernel on the student's server, driven over jupyter_server's websocket (the Jupyter
    messaging protocol, JSON frames with their channel), as JupyterLab drives it."""

    def __init__(self, student, timeout=60):
        self.student = student
        response = student.http.post(f"{student.url}api/kernels", json={}, timeout=30)
        response.raise_for_status()
        self.id = response.json()["id"]
        self.session = uuid.uuid4().hex
        ws_url = student.url.replace("http://", "ws://", 1) + f"api/kernels/{self.id}/channels"
        self.ws = websocket.create_connection(
            f"{ws_url}?session_id={self.session}",
            header=[f"Authorization: token {student.token}"],
            timeout=timeout,
            skip_utf8_validation=True,  # websocket-client checks UTF-8 in pure Python: slow
        )
        # The kernel is ready once it answers a kernel_info_request.
        self._request("kernel_info_request", {}, timeout)

    def _message(self, msg_type, content):
        msg_id = uuid.uuid4().hex
        return msg_id, {
            "header": {
                "msg_id": msg_id,
                "msg_type": msg_type,
                "session": self.session,
                "username": self.student.name,
                "version": "5.3",
                "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            },
            "parent_header": {},
            "metadata": {},
            "content": content,
            "channel": "shell",
            "buffers": [],
        }

    def _request(self, msg_type, content, timeout):
        msg_id, message = self._message(msg_type, content)
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while True:
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            reply = json.loads(self.ws.recv())
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                if reply["channel"] == "shell":
                    return reply
            if time.monotonic() > deadline:
                raise TimeoutError(f"{msg_type}: no reply within {timeout} s")

    def execute(self, code, timeout=300):
        """Run code; return its Output once the kernel is idle again."""
        msg_id, message = self._message(
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
        )
        self.ws.send(json.dumps(message))
        out, idle, replied = Output(), False, False
        deadline = time.monotonic() + timeout
        while not (idle and replied):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"execute: not idle within {timeout} s:\n{code[:200]}")
            self.ws.settimeout(remaining)
            msg = json.loads(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if msg["channel"] == "shell" and kind == "execute_reply":
                replied = True
            elif kind == "status":
                idle = content["execution_state"] == "idle"
            elif kind == "stream":
                out.texts.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                data = content["data"]
                out.images += "image/png" in data or "image/svg+xml" in data
                if "text/plain" in data:
                    out.texts.append(data["text/plain"])
            elif kind == "error":
                out.error = f"{content['ename']}: {content['evalue']}"
        return out

    def process(self):
        """The kernel's own process (its command line names its connection file)."""
        for p in self.student.hub.processes():
            with contextlib.suppress(psutil.Error):
                if any(f"kernel-{self.id}" in part for part in p.cmdline()):
                    return p
        raise LookupError(f"no process for kernel {self.id}")

    def shutdown(self):
        with contextlib.suppress(Exception):
            self.ws.close()
        self.student.http.delete(f"{self.student.url}api/kernels/{self.id}", timeout=30)


def pull_link(hub_url, repo, urlpath, branch="main"):
    """An nbgitpuller link, as README's class section writes them: any student can follow it."""
    query = urllib.parse.urlencode({"repo": repo, "branch": branch, "urlpath": urlpath})
    return f"{hub_url}/hub/user-redirect/git-pull?{query}"


def code_cells(notebook):
    """The sources of a notebook's code cells (nbformat JSON, source as a list or a string)."""
    return [
        "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
    ]


def make_upstream(tmp, names):
    """An instructor's repository with `names` of this repository's files committed on main,
    and a bare clone of it named `backprop` (what a nbgitpuller link points at). Returns
    (the working repository, the bare one)."""
    work = copy_repository(Path(tmp) / "instructor", names)
    git = ["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@example.org"]
    _run([*git, "init", "-q", "-b", "main"], work)
    _run([*git, "add", "-A"], work)
    _run([*git, "commit", "-q", "-m", "The course"], work)
    bare = Path(tmp) / "backprop"
    _run(["git", "clone", "-q", "--bare", str(work), str(bare)], tmp)
    _run(["git", "remote", "add", "origin", str(bare)], work)
    return work, bare


def push_change(work, message):
    """Commit everything changed in the instructor's repository and push it upstream."""
    git = ["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@example.org"]
    _run([*git, "add", "-A"], work)
    _run([*git, "commit", "-q", "-m", message], work)
    _run(["git", "push", "-q", "origin", "main"], work)
