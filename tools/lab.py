"""`make lab`: JupyterLab on this computer only (127.0.0.1), token authentication on, opening
the start page (notebooks/00_start_here.md), with its address printed in a banner.

Usage: python tools/lab.py [--port N] [--no-browser] [--instructor]

The token is made here (secrets.token_urlsafe) and handed to JupyterLab in the JUPYTER_TOKEN
environment variable, not on the command line where any user's `ps` would show it. JupyterLab's
own log then hides it ("token=..."), so the banner, printed just before that log starts, is the
one place with the full address. The port is the first free one from --port on, passed with
port_retries=0, so the banner's address is the one JupyterLab really listens on.

Before starting, it installs tools/lab_settings.json as default settings of this environment's
JupyterLab (<app dir>/settings/overrides.d/): no "Jupyter news" question, no update check,
Markdown files open rendered, and the file browser without its date column so that the
notebooks' names fit. A user's own settings still win over these.

It is the student's JupyterLab: tools/student_lab/ goes first on JUPYTER_CONFIG_PATH, which
switches nbgrader's instructor tools off (no Nbgrader menu, no Create Assignment sidebar, no
Validate button), hides solutions/ from the file browser, and keeps prose to about 90
characters a line (tools/student_lab/jupyter_server_config.py says how). --instructor starts
JupyterLab without it: every nbgrader extension and the solutions in view.
"""

import argparse
import os
import secrets
import shutil
import socket
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
START_PAGE = "00_start_here.md"
HOST = "127.0.0.1"
SETTINGS = Path(__file__).resolve().with_name("lab_settings.json")
SETTINGS_NAME = "backprop-notebooks.json"
STUDENT_CONFIG = Path(__file__).resolve().with_name("student_lab")
PORT_TRIES = 20


def free_port(first, tries=PORT_TRIES, host=HOST):
    """The first port from first on that nothing listens on at host."""
    for port in range(first, first + tries):
        with socket.socket() as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    raise SystemExit(
        f"ports {first}-{first + tries - 1} on {host} are all in use: "
        f"choose others with `make lab PORT=<number>`"
    )


def start_url(port, token, host=HOST):
    """The address that opens the start page, token included."""
    return f"http://{host}:{port}/lab/tree/{START_PAGE}?token={token}"


def banner(url):
    """A framed block a newcomer can't miss: what to open, and how to stop."""
    lines = [
        "JupyterLab is starting. To begin, open this address in your browser",
        "(copy it whole; it includes your private token):",
        "",
        f"    {url}",
        "",
        "JupyterLab's log below shows the same address with the token hidden as '...'.",
        "To stop JupyterLab, press Ctrl+C in this terminal, twice.",
    ]
    width = max(len(line) for line in lines) + 4
    rule = "=" * width
    return "\n".join(["", rule, *(f"  {line}" for line in lines), rule, ""]) + "\n"


def install_settings(app_dir):
    """Copy tools/lab_settings.json into the JupyterLab app's overrides.d/ (if it differs);
    return its path there."""
    target = Path(app_dir) / "settings" / "overrides.d" / SETTINGS_NAME
    if not target.exists() or target.read_bytes() != SETTINGS.read_bytes():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SETTINGS, target)
    return target


def command(port, open_browser=True):
    """The `jupyter lab` command line: loopback only, the notebooks folder, the start page."""
    argv = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        str(NOTEBOOKS / START_PAGE),
        f"--ServerApp.ip={HOST}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={NOTEBOOKS}",
    ]
    if not open_browser:
        argv.append("--no-browser")
    if os.getuid() == 0:
        argv.append("--allow-root")
    return argv


def environment(token, instructor=False, base=None):
    """The environment JupyterLab starts in: the token, and (for students) the student
    configuration first on JUPYTER_CONFIG_PATH."""
    env = dict(os.environ if base is None else base, JUPYTER_TOKEN=token)
    if not instructor:
        paths = [
            str(STUDENT_CONFIG),
            *filter(None, env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep)),
        ]
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(paths)
    return env


def main(args=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8888, help="first port to try (8888)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser.add_argument(
        "--instructor",
        action="store_true",
        help="nbgrader's instructor tools and the solutions in view (not for students)",
    )
    options = parser.parse_args(args)

    from jupyterlab.commands import get_app_dir

    install_settings(get_app_dir())
    port = free_port(options.port)
    token = secrets.token_urlsafe(24)
    sys.stdout.write(banner(start_url(port, token)))
    sys.stdout.flush()
    env = environment(token, instructor=options.instructor)
    argv = command(port, open_browser=not options.no_browser)
    os.execve(argv[0], argv, env)


if __name__ == "__main__":
    main()
