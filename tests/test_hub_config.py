"""The class-server configurations, checked as far as this machine allows.

- hub/values.yaml (Zero to JupyterHub) parses and uses only keys the chart documents; its
  memory guarantee and limit cover the per-student memory measured by benchmarks/bench_hub.py
  (benchmarks/results/hub_sizing.json), and match hub/jupyterhub_config.py's.
- hub/jupyterhub_config.py loads in both of its modes: test mode (dummy login, the simple
  spawner, 127.0.0.1 only) and class mode (the machine's accounts, one process per account).
- README's `tljh-config` commands name settings that The Littlest JupyterHub has.
What runs a hub for real is tests/e2e/test_hub.py (jupyterhub_config.py in test mode); nothing
here runs Kubernetes, Helm, TLJH or a Docker build.
"""

import json
import re
from pathlib import Path

import pytest
import yaml
from jupyterhub.traitlets import ByteSpecification
from traitlets.config.loader import PyFileConfigLoader

ROOT = Path(__file__).resolve().parent.parent
VALUES = ROOT / "hub" / "values.yaml"
CONFIG = ROOT / "hub" / "jupyterhub_config.py"
SIZING = ROOT / "benchmarks" / "results" / "hub_sizing.json"

# Key paths of the Zero to JupyterHub chart, version 4.4.0, as its configuration reference
# documents them (https://z2jh.jupyter.org/en/stable/resources/reference.html, generated from
# the chart's jupyterhub/values.schema.yaml): those a class's values.yaml is likely to use, and
# their parents. Below a FREE_FORM key any content is allowed (the chart passes it through to
# JupyterHub's configuration, the pod's environment, or Kubernetes' lifecycle hooks).
Z2JH_KEYS = {
    "cull",
    "cull.enabled",
    "cull.users",
    "cull.adminUsers",
    "cull.removeNamedServers",
    "cull.timeout",
    "cull.every",
    "cull.concurrency",
    "cull.maxAge",
    "hub",
    "hub.config",
    "hub.baseUrl",
    "hub.extraConfig",
    "proxy",
    "proxy.https",
    "proxy.service",
    "singleuser",
    "singleuser.image",
    "singleuser.image.name",
    "singleuser.image.tag",
    "singleuser.image.pullPolicy",
    "singleuser.defaultUrl",
    "singleuser.cmd",
    "singleuser.startTimeout",
    "singleuser.memory",
    "singleuser.memory.guarantee",
    "singleuser.memory.limit",
    "singleuser.cpu",
    "singleuser.cpu.guarantee",
    "singleuser.cpu.limit",
    "singleuser.extraEnv",
    "singleuser.lifecycleHooks",
    "singleuser.storage",
    "singleuser.storage.capacity",
    "singleuser.storage.homeMountPath",
    "singleuser.profileList",
    "prePuller",
    "scheduling",
}
FREE_FORM = {"hub.config", "hub.extraConfig", "singleuser.extraEnv", "singleuser.lifecycleHooks"}

# Settings of The Littlest JupyterHub's tljh-config, as its documentation lists them
# (https://tljh.jupyter.org/en/latest/topic/tljh-config.html; the defaults in tljh/configurer.py).
TLJH_KEYS = {
    "auth.type",
    "users.admin",
    "users.allowed",
    "limits.memory",
    "limits.cpu",
    "services.cull.enabled",
    "services.cull.timeout",
    "services.cull.every",
    "user_environment.default_app",
    "https.enabled",
    "https.letsencrypt.email",
    "https.letsencrypt.domains",
}


def key_paths(node, prefix=""):
    """Every mapping key's dotted path, not descending into FREE_FORM keys."""
    for key, value in node.items():
        path = f"{prefix}{key}"
        yield path
        if isinstance(value, dict) and path not in FREE_FORM:
            yield from key_paths(value, path + ".")


def as_bytes(text):
    """A memory size as JupyterHub (and the chart, through KubeSpawner) reads it: 512M, 1G."""
    return ByteSpecification().validate(None, text)


@pytest.fixture(scope="module")
def values():
    return yaml.safe_load(VALUES.read_text())


def load_config(monkeypatch, **env):
    for name in [
        "BACKPROP_HUB_TEST",
        "BACKPROP_HUB_IP",
        "BACKPROP_HUB_API_TOKEN",
        "BACKPROP_HUB_CULL_MINUTES",
    ]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return PyFileConfigLoader(CONFIG.name, path=str(CONFIG.parent)).load_config()


def test_values_yaml_uses_only_documented_chart_keys(values):
    unknown = [path for path in key_paths(values) if path not in Z2JH_KEYS]
    assert unknown == []
    assert values["cull"]["enabled"] is True and 600 <= values["cull"]["timeout"] <= 3600
    assert values["singleuser"]["image"]["name"] and values["singleuser"]["image"]["tag"]
    hook = values["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert hook[0] == "gitpuller" and hook[2] == "main"  # repository, branch, folder


def test_the_memory_settings_cover_the_measured_students(values, monkeypatch):
    sizing = json.loads(SIZING.read_text())
    largest = max(sizing["classes"], key=lambda c: c["students"])
    assert largest["students"] >= 10
    parts = ("server_mb", "kernel04_mb", "playground_mb")
    typical = sum(largest["median"][p] for p in parts) * 2**20
    heaviest = sum(largest["max"][p] for p in parts) * 2**20
    memory = values["singleuser"]["memory"]
    guarantee, limit = as_bytes(memory["guarantee"]), as_bytes(memory["limit"])
    assert typical <= guarantee < limit
    # the limit leaves room for one more notebook 04 kernel beside the heaviest student
    assert heaviest + largest["max"]["kernel04_mb"] * 2**20 <= limit
    config = load_config(monkeypatch, BACKPROP_HUB_TEST="1")
    assert as_bytes(config.Spawner.mem_guarantee) == guarantee
    assert as_bytes(config.Spawner.mem_limit) == limit


def test_jupyterhub_config_test_mode_is_local_and_dummy(monkeypatch, tmp_path):
    config = load_config(
        monkeypatch,
        BACKPROP_HUB_TEST="1",
        BACKPROP_HUB_IP="0.0.0.0",  # ignored in test mode
        BACKPROP_HUB_PORT="9100",
        BACKPROP_HUB_STATE=str(tmp_path),
        BACKPROP_HUB_VENV="/opt/students",
        BACKPROP_HUB_API_TOKEN="secret",
        BACKPROP_HUB_CULL_MINUTES="5",
    )
    assert config.JupyterHub.authenticator_class == "dummy"
    assert config.JupyterHub.spawner_class == "simple"
    assert config.JupyterHub.bind_url == "http://127.0.0.1:9100"
    assert config.JupyterHub.hub_bind_url == "http://127.0.0.1:9101"
    assert config.ConfigurableHTTPProxy.api_url == "http://127.0.0.1:9102"
    assert config.SimpleLocalProcessSpawner.home_dir_template == str(tmp_path / "home/{username}")
    assert config.Spawner.cmd == ["/opt/students/bin/jupyterhub-singleuser"]
    assert "--MappingKernelManager.cull_idle_timeout=300" in config.Spawner.args
    assert "--ServerApp.shutdown_no_activity_timeout=300" in config.Spawner.args
    (service,) = config.JupyterHub.services
    assert service["api_token"] == "secret"
    assert config.JupyterHub.db_url == f"sqlite:///{tmp_path / 'jupyterhub.sqlite'}"


def test_jupyterhub_config_class_mode_uses_the_machines_accounts(monkeypatch):
    config = load_config(monkeypatch, BACKPROP_HUB_IP="", BACKPROP_HUB_PORT="8000")
    assert config.JupyterHub.authenticator_class == "pam"
    assert config.JupyterHub.spawner_class == "localprocess"
    assert config.LocalAuthenticator.create_system_users is True
    assert config.JupyterHub.bind_url == "http://:8000"  # every address, behind a TLS proxy
    assert "--allow-root" not in config.Spawner.args
    assert "services" not in config.JupyterHub  # no service token outside test mode
    assert "--MappingKernelManager.cull_idle_timeout=1200" in config.Spawner.args


def test_the_readmes_tljh_config_commands_name_tljh_settings():
    readme = (ROOT / "README.md").read_text()
    used = re.findall(r"tljh-config (?:set|add-item|remove-item) ([\w.]+)", readme)
    assert len(set(used)) >= 4, used
    assert set(used) - TLJH_KEYS == set()
    assert "tljh-config reload" in readme
