"""A class on a real JupyterHub, end to end, on 127.0.0.1.

JupyterHub runs hub/jupyterhub_config.py in test mode (DummyAuthenticator, the simple
local-process spawner, a temporary home per student) with configurable-http-proxy from
`make hub-proxy`; the students' servers come from the environment Binder builds from binder/
(hub/harness.py, binder_venv). Three students log in through the hub's login form and follow an
nbgitpuller link to an instructor's repository holding this repository's notebooks/ (a bare git
repository on disk, file://), run notebook 04 up to Exercise 1 in a kernel on their own server
and submit an unanswered, a right and a wrong training loop; the instructor pushes a change,
which a second click on the link brings in without losing a student's saved edit; a student's
token and cookies do not open another student's server; and stopping the hub leaves no process
behind (kernels included). Not run here: Kubernetes, Docker builds, TLS, a real authenticator.
"""

import json
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest

from hub import harness

pytestmark = pytest.mark.hub

STUDENTS = ("ada", "grace", "alan")
NOTEBOOK = "notebooks/04_xor_training.ipynb"
SOLUTION = "notebooks/solutions/04_xor_training.ipynb"
CLONE = "backprop"  # the folder the link's pull makes in each home: the repository's name
WRONG_UPDATE = """
def update(thetas, grads, eta):
    return [theta + eta * grad for theta, grad in zip(thetas, grads)]  # uphill: a wrong sign


check_training_loop(forward, backward, gradients, update)
"""


def exercise_cell(cells):
    """The index of Exercise 1's code cell: the one that defines the loop and checks it."""
    (index,) = [i for i, c in enumerate(cells) if "check_training_loop(" in c and "def " in c]
    return index


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The hub with three students' servers running, the instructor's repository and its bare
    upstream; stopped (and checked for leftovers) at the end, whatever happened."""
    try:
        harness.ensure_proxy()
    except RuntimeError as error:
        pytest.fail(str(error))
    venv = harness.binder_venv()
    tmp = tmp_path_factory.mktemp("class")
    notebooks = [name for name in harness.repository_files() if name.startswith("notebooks/")]
    work, bare = harness.make_upstream(tmp, notebooks)
    hub = harness.ClassHub(venv, tmp / "state")
    try:
        hub.start()
        hub.add_students(STUDENTS)
        hub.start_servers(STUDENTS)
        students = {name: hub.student(name) for name in STUDENTS}
        link = harness.pull_link(hub.url, f"file://{bare}", f"lab/tree/{CLONE}/{NOTEBOOK}")
        yield SimpleNamespace(hub=hub, students=students, work=work, notebooks=notebooks, link=link)
    finally:
        hub.stop()
        left = hub.leftovers()
        for p in left:
            p.kill()
        assert not left, f"processes left behind: {left}"


def test_students_log_in_and_the_link_pulls_the_notebooks_into_their_homes(course):
    for name, student in course.students.items():
        landing = student.log_in()
        assert landing.status_code == 200, (name, landing.status_code, course.hub.log())
        assert landing.url.startswith(student.url), landing.url  # on to their own server
        page, events = student.follow_pull_link(course.link)
        assert page.status_code == 200 and page.url.startswith(f"{student.url}git-pull?")
        assert events and events[-1] == {"phase": "finished"}, events
        pulled = {
            p.relative_to(student.home / CLONE).as_posix()
            for p in (student.home / CLONE / "notebooks").rglob("*")
            if p.is_file()
        }
        assert pulled == set(course.notebooks)
        listing = student.get(f"api/contents/{CLONE}/notebooks").json()
        assert f"{CLONE}/{NOTEBOOK}" in {item["path"] for item in listing["content"]}


def run_exercise(student):
    """Notebook 04 from the top to Exercise 1 as pulled, in a new kernel, then the worked
    solution and a wrong update: the three outputs of the exercise cell."""
    cells = harness.code_cells(student.notebook(f"{CLONE}/{NOTEBOOK}"))
    solution_cells = harness.code_cells(student.notebook(f"{CLONE}/{SOLUTION}"))
    kernel = student.kernel()
    try:
        index = exercise_cell(cells)
        for code in cells[:index]:
            done = kernel.execute(code)
            assert done.error is None, (student.name, code[:80], done.error)
        unanswered = kernel.execute(cells[index])
        right = kernel.execute(solution_cells[exercise_cell(solution_cells)])
        wrong = kernel.execute(WRONG_UPDATE)
        return unanswered, right, wrong
    finally:
        kernel.shutdown()


def test_each_student_runs_exercise_1_in_a_kernel_and_gets_the_checkers_messages(course):
    with ThreadPoolExecutor(len(STUDENTS)) as pool:
        results = dict(zip(STUDENTS, pool.map(run_exercise, course.students.values())))
    for name, (unanswered, right, wrong) in results.items():
        for out in (unanswered, right, wrong):
            assert out.error is None, (name, out.error)
        assert unanswered.text.startswith("✗ Not answered yet"), (name, unanswered.text)
        assert right.text.startswith("✓") and "✗" not in right.text, (name, right.text)
        slips = [line for line in wrong.text.splitlines() if line.startswith("✗")]
        assert slips and "update" in slips[0], (name, wrong.text)  # the first wrong stage


def test_an_upstream_change_is_pulled_without_losing_a_students_edit(course):
    ada, grace = course.students["ada"], course.students["grace"]
    path = f"{CLONE}/{NOTEBOOK}"
    # ada answers Exercise 1 in her copy and saves it, as JupyterLab saves
    mine = ada.notebook(path)
    code = [c for c in mine["cells"] if c["cell_type"] == "code"]
    answer = "# ada's answer\n" + "".join(code[exercise_cell(harness.code_cells(mine))]["source"])
    code[exercise_cell(harness.code_cells(mine))]["source"] = answer
    ada.save_notebook(path, mine)
    # the instructor corrects the notebook's first cell and adds a notice, and pushes
    upstream = json.loads((course.work / NOTEBOOK).read_text())
    upstream["cells"][0]["source"].append("\n\n*Updated for this week's class.*")
    (course.work / NOTEBOOK).write_text(json.dumps(upstream, indent=1, ensure_ascii=False) + "\n")
    (course.work / "notebooks" / "NOTICE.md").write_text("Lab on Thursday.\n")
    harness.push_change(course.work, "Notebook 04: a note for this week")

    for student in (ada, grace):
        _, events = student.follow_pull_link(course.link)
        assert events and events[-1] == {"phase": "finished"}, (student.name, events)
        assert (student.home / CLONE / "notebooks" / "NOTICE.md").read_text() == (
            "Lab on Thursday.\n"
        )
        first = "".join(student.notebook(path)["cells"][0]["source"])
        assert first.endswith("*Updated for this week's class.*"), (student.name, first[-80:])
    kept = ada.notebook(path)
    assert answer in ["".join(c["source"]) for c in kept["cells"]]  # her edit survives
    assert not any(answer in "".join(c["source"]) for c in grace.notebook(path)["cells"])


def test_one_student_cannot_reach_another_students_server(course):
    ada, grace = course.students["ada"], course.students["grace"]
    # grace's token, on ada's files and kernels: refused
    assert grace.http.get(f"{ada.url}api/contents", timeout=30).status_code == 403
    assert grace.http.post(f"{ada.url}api/kernels", json={}, timeout=30).status_code == 403
    # grace's browser (logged in as grace), on ada's server: refused by the hub's OAuth
    page = grace.browser.get(f"{ada.url}lab", timeout=30)
    assert page.status_code == 403, (page.status_code, page.url)
    # and her own token still works on her own server
    assert grace.get("api/contents").status_code == 200


def test_stopping_the_hub_leaves_no_process_behind(course):
    hub = course.hub
    running = hub.processes()
    commands = [" ".join(p.cmdline()) for p in running]
    assert sum("jupyterhub-singleuser" in c for c in commands) == len(STUDENTS), commands
    assert any("configurable-http-proxy" in c for c in commands), commands
    hub.stop()
    assert hub.leftovers() == []
    assert hub.process.returncode is not None
