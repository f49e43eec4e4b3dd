"""`make lab` is the student's JupyterLab; `tools/lab.py --instructor` the instructor's: the
student configuration (tools/student_lab/) switches off every nbgrader extension this venv
installs and hides solutions/, and only the student's environment loads it."""

import importlib.util
import json
import os
import sys
from pathlib import Path

from traitlets.config import PyFileConfigLoader

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("lab", ROOT / "tools" / "lab.py")
lab = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(lab)


def student_config():
    return PyFileConfigLoader(
        "jupyter_server_config.py", path=str(lab.STUDENT_CONFIG)
    ).load_config()


def test_student_environment_puts_the_student_config_first_and_the_instructor_has_none():
    base = {"JUPYTER_CONFIG_PATH": "/elsewhere", "HOME": "/home/x"}
    student = lab.environment("tok", base=base)
    assert student["JUPYTER_TOKEN"] == "tok"
    assert student["JUPYTER_CONFIG_PATH"].split(os.pathsep) == [
        str(lab.STUDENT_CONFIG),
        "/elsewhere",
    ]
    instructor = lab.environment("tok", instructor=True, base=base)
    assert instructor["JUPYTER_CONFIG_PATH"] == "/elsewhere"


def test_student_config_switches_off_every_installed_nbgrader_extension():
    installed = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d" / "nbgrader.json"
    enabled = json.loads(installed.read_text())["ServerApp"]["jpserver_extensions"]
    assert enabled, "nbgrader installs no server extensions here"
    switched = student_config().ServerApp.jpserver_extensions.get_value({})
    assert {name: switched.get(name) for name in enabled} == dict.fromkeys(enabled, False)
    page = json.loads((lab.STUDENT_CONFIG / "labconfig" / "page_config.json").read_text())
    labextensions = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
    nbgrader = json.loads((labextensions / "@jupyter" / "nbgrader" / "package.json").read_text())
    assert page["disabledExtensions"] == {nbgrader["name"]: True}


def test_student_config_hides_solutions_and_loads_the_readable_width_css():
    config = student_config()
    assert "solutions" in config.ContentsManager.hide_globs
    assert "__pycache__" in config.ContentsManager.hide_globs  # JupyterLab's own defaults kept
    assert config.LabApp.custom_css is True
    (custom,) = config.ServerApp.tornado_settings.get_value({})["static_custom_path"]
    assert "max-width" in (Path(custom) / "custom.css").read_text()
