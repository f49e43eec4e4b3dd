"""What every Jupyter server started for a test or a benchmark shares: a free port on
127.0.0.1, and an environment whose Jupyter and IPython folders lie in a home of its own (no
personal settings, kernels or IPython profile, so only this venv's python3 kernel is found).

Used by tests/e2e/e2e_harness.py and benchmarks/bench_browser.py.
"""

import os
import socket


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def isolated_env(home):
    """os.environ with Jupyter's and IPython's user folders under home (a pathlib.Path)."""
    env = dict(os.environ)
    for var, sub in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("IPYTHONDIR", "ipython"),
    ]:
        env[var] = str(home / sub)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env.pop("JUPYTER_PATH", None)
    return env
