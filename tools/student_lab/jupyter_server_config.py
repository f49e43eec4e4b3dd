"""The student's JupyterLab (`make lab`): student tools only, prose at a readable width.

tools/lab.py puts this folder on JUPYTER_CONFIG_PATH, so JupyterLab reads this file and
labconfig/page_config.json from here on top of the venv's own configuration (an instructor's
`python tools/lab.py --instructor`, `make assignments` and a plain `jupyter lab` do not):
- nbgrader's server extensions are off (formgrader, create and validate assignment, the
  assignment and course lists) and labconfig/page_config.json disables its JupyterLab
  extension, so there is no Nbgrader menu and no Create Assignment sidebar;
- solutions/ is hidden from the file browser and the contents API, so a worked answer is never
  one click away from its exercise (the files stay in notebooks/solutions/ for the instructor);
- custom/custom.css is loaded: rendered Markdown at most about 90 characters a line.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
NBGRADER_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.validate_assignment",
    "nbgrader.server_extensions.assignment_list",
    "nbgrader.server_extensions.course_list",
)

c = get_config()  # noqa: F821 (traitlets defines get_config for config files)
c.ServerApp.jpserver_extensions.update(dict.fromkeys(NBGRADER_SERVER_EXTENSIONS, False))
c.ContentsManager.hide_globs = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", "solutions"]
c.LabApp.custom_css = True
c.ServerApp.tornado_settings.update({"static_custom_path": [str(HERE / "custom")]})
