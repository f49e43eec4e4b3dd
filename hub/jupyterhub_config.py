"""JupyterHub for one class on one machine, serving the backprop notebooks.

Run it with `jupyterhub -f hub/jupyterhub_config.py` (JupyterHub 5 or 6, configurable-http-proxy
from `make hub-proxy` or on PATH). Everything a class changes is an environment variable:

  BACKPROP_HUB_PORT   the public port (default 8000); the hub's own API listens on PORT + 1 and
                      the proxy's API on PORT + 2, both on 127.0.0.1
  BACKPROP_HUB_IP     the public address (default 127.0.0.1: put a TLS-terminating web server
                      such as nginx or Caddy in front for a class; "" listens on every address)
  BACKPROP_HUB_VENV   the students' environment: a venv (or conda env) with
                      `pip install -r binder/requirements.txt jupyterhub` in it (README, "A class
                      on a JupyterHub"); its bin/jupyterhub-singleuser runs each student's server
  BACKPROP_HUB_STATE  where the hub keeps its database, cookie secret and proxy pid (default
                      /srv/jupyterhub); in test mode also the students' home folders
  BACKPROP_HUB_ADMINS comma-separated user names with the hub's admin page (the instructor)
  BACKPROP_HUB_CULL_MINUTES  a kernel idle this long is shut down, and a server with no activity
                      this long stops itself (default 20): an idle class costs no memory
  BACKPROP_HUB_TEST=1 the end-to-end test and the benchmark (tests/e2e/test_hub.py,
                      benchmarks/bench_hub.py): any user name logs in (DummyAuthenticator), every
                      student's server runs as the hub's own user with home STATE/home/NAME
                      (SimpleLocalProcessSpawner), only on 127.0.0.1, and the service token
                      BACKPROP_HUB_API_TOKEN may manage users. Never for a real class: it has no
                      passwords and no isolation between students.

Without BACKPROP_HUB_TEST, students log in with accounts of this machine (PAM) and each server
runs as that account, in its own home folder (LocalProcessSpawner); run the hub as root. To use
another login, set `c.JupyterHub.authenticator_class` at the end of this file, e.g. "github"
(pip install oauthenticator; then set c.GitHubOAuthenticator.client_id, .client_secret,
.oauth_callback_url and c.GitHubOAuthenticator.allowed_organizations), or
"native" (pip install jupyterhub-nativeauthenticator: students sign up, the instructor approves),
and keep `c.LocalAuthenticator.create_system_users = True` so each new student gets an account.
"""

import os
import shutil
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

HERE = Path(__file__).resolve().parent
TEST = os.environ.get("BACKPROP_HUB_TEST") == "1"
PORT = int(os.environ.get("BACKPROP_HUB_PORT", "8000"))
IP = "127.0.0.1" if TEST else os.environ.get("BACKPROP_HUB_IP", "127.0.0.1")
STATE = Path(os.environ.get("BACKPROP_HUB_STATE", "/srv/jupyterhub"))
VENV = Path(os.environ.get("BACKPROP_HUB_VENV", "/opt/backprop/venv"))
CULL_SECONDS = 60 * int(os.environ.get("BACKPROP_HUB_CULL_MINUTES", "20"))

# -- where things listen and what the hub keeps ---------------------------------------------------
c.JupyterHub.bind_url = f"http://{IP}:{PORT}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{PORT + 1}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 2}"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
# The pinned proxy of `make hub-proxy` (hub/package.json), else one on PATH.
_proxy = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [
    str(_proxy)
    if _proxy.exists()
    else shutil.which("configurable-http-proxy") or "configurable-http-proxy"
]
# Stop the students' servers with the hub, so no process outlives it.
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# -- the students' servers ------------------------------------------------------------------
c.Spawner.cmd = [str(VENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {
    # the students' environment first: git for nbgitpuller, jupyter for the kernels
    "PATH": f"{VENV / 'bin'}:{os.environ.get('PATH', '/usr/bin:/bin')}",
    # one BLAS thread per kernel: on a shared machine, threads per core only fight each other
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
}
c.Spawner.args = [
    # an idle kernel is shut down after CULL_SECONDS (checked every minute), and a server with
    # no kernel, terminal or request for CULL_SECONDS stops itself; the student's files stay
    f"--MappingKernelManager.cull_idle_timeout={CULL_SECONDS}",
    "--MappingKernelManager.cull_interval=60",
    f"--ServerApp.shutdown_no_activity_timeout={CULL_SECONDS}",
]
if os.geteuid() == 0 and TEST:
    c.Spawner.args.append("--allow-root")  # test mode runs every server as the hub's user
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 60
# The memory a student's server may use, from benchmarks/bench_hub.py (README, "A class on a
# JupyterHub"). LocalProcessSpawner does not enforce it (it only exports MEM_LIMIT); TLJH's
# systemd spawner and Kubernetes do.
c.Spawner.mem_guarantee = "512M"
c.Spawner.mem_limit = "1G"

admins = {name for name in os.environ.get("BACKPROP_HUB_ADMINS", "").split(",") if name}
c.Authenticator.admin_users = admins

if TEST:
    c.JupyterHub.authenticator_class = "dummy"
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
    token = os.environ.get("BACKPROP_HUB_API_TOKEN")
    if token:
        c.JupyterHub.services = [{"name": "class-admin", "api_token": token}]
        c.JupyterHub.load_roles = [
            {
                "name": "class-admin",
                "services": ["class-admin"],
                "scopes": ["admin:users", "admin:servers", "tokens", "list:users"],
            }
        ]
else:
    c.JupyterHub.authenticator_class = "pam"
    c.JupyterHub.spawner_class = "localprocess"
    c.LocalAuthenticator.create_system_users = True
    c.Spawner.notebook_dir = "~"
