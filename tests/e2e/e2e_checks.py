"""What the end-to-end tests check, shared by JupyterLab and Voilà: a notebook that runs clean
from the UI, and a playground whose controls render and respond."""

import json

import nbformat
from e2e_harness import (
    epoch,
    image_bytes,
    message,
    nudge_eta,
    open_in_lab,
    poll,
    rejected_entry_shows_value_in_use,
    run_all,
    save,
    set_layers,
    slider_value,
    traceback_outputs,
    wait_for_epoch,
    wait_for_message,
    wait_for_new_picture,
    wait_until_still,
)

CONTROLS = [
    ".bp-eta",
    ".bp-layers",
    ".bp-hidden",
    ".bp-pairing",
    ".bp-dataset",
    ".bp-play",
    ".bp-pause",
    ".bp-step",
    ".bp-reset",
    ".bp-status",
    ".bp-message",
    ".bp-views",
    ".bp-view-boundary",
    ".bp-view-loss",
    ".bp-view-forward",
    ".bp-view-backward",
]
INVALID_LAYERS = "2, x"


def _expects_error(cell):
    return "raises-exception" in cell.metadata.get("tags", [])


def run_clean_in_lab(page, lab, relpath):
    """Open relpath in JupyterLab (a fresh kernel), Run All Cells, save, and assert that every
    code cell ran once, in order, and no output shows an error (except in cells tagged
    raises-exception)."""
    path = lab.root / relpath
    stored = nbformat.read(path, as_version=4)
    code = [c for c in stored.cells if c.cell_type == "code" and c.source.strip()]
    open_in_lab(page, lab, relpath)
    run_all(page, len(code))
    shown = traceback_outputs(page)
    save(page, path)

    ran = nbformat.read(path, as_version=4)
    cells = [c for c in ran.cells if c.cell_type == "code" and c.source.strip()]
    errors = [
        f"cell {i}: {out.ename}: {out.evalue}"
        for i, cell in enumerate(cells)
        for out in cell.outputs
        if out.output_type == "error" and not _expects_error(cell)
    ]
    assert not errors, f"{relpath} raised in JupyterLab:\n" + "\n".join(errors)
    counts = [cell.execution_count for cell in cells]
    assert counts == list(range(1, len(cells) + 1)), (
        f"{relpath}: not one clean run top to bottom in a fresh kernel; execution counts {counts}"
    )
    expected = sum(
        out.output_type == "error" for cell in cells if _expects_error(cell) for out in cell.outputs
    )
    assert len(shown) == expected, f"{relpath} shows tracebacks:\n" + "\n---\n".join(shown)


def _kinds(outputs):
    """The outputs' types in order, consecutive streams of one name as one (JupyterLab joins
    them, as a kernel's output would have been)."""
    kinds = []
    for out in outputs:
        kind = (out["output_type"], out.get("name"))
        if not (kinds and kind[0] == "stream" and kinds[-1] == kind):
            kinds.append(kind)
    return kinds


# Per cell on the page, in order, as JupyterLab's renderers drew it: its type, whether a
# Markdown cell is rendered, and the MIME type of each output (read from the DOM: the RISE
# page has no window.jupyterapp, and with every cell attached each output is there).
CELL_VIEWS = """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].map(c => ({
    type: c.classList.contains('jp-MarkdownCell') ? 'markdown'
        : c.classList.contains('jp-CodeCell') ? 'code' : 'raw',
    rendered: c.classList.contains('jp-MarkdownCell') ? c.classList.contains('jp-mod-rendered')
        : null,
    outputs: [...c.querySelectorAll('.jp-OutputArea-output')].map(o => o.dataset.mimeType),
}))"""
STREAM_MIME = {name: f"application/vnd.jupyter.{name}" for name in ("stdout", "stderr")}


def _shown_kinds(outputs):
    """A stored cell's outputs as the page shows them: streams (consecutive ones of a name
    joined) and errors by their MIME type, every rich output as "data"."""
    kinds = []
    for name, kind in _kinds(outputs):
        if name == "stream":
            kinds.append(STREAM_MIME[kind])
        elif name == "error":
            kinds.append(STREAM_MIME["stderr"])
        else:
            kinds.append("data")
    return kinds


def _kernel_idle(lab, relpath, timeout=60):
    """Wait until the server holds a session for relpath whose kernel is idle."""
    poll(
        lambda: [
            s["kernel"]["execution_state"]
            for s in json.load(lab.get("api/sessions"))
            if s["path"] == relpath
        ],
        lambda states: "idle" in states,
        timeout,
        lambda states: f"{relpath}: no idle kernel within {timeout} s (kernels: {states})",
    )


def opens_as_stored(page, lab, relpath):
    """On a page where JupyterLab's renderers show relpath (jupyterlab-rise's slideshow, which
    starts a kernel for it and draws every cell): the kernel goes idle, every cell of the file is
    there in order with its stored outputs, every Markdown cell is rendered, and no output shows
    an error (except in cells tagged raises-exception) — without running it: nbval runs every
    cell of every notebook in a kernel and compares each output with the stored one."""
    stored = nbformat.read(lab.root / relpath, as_version=4)
    _kernel_idle(lab, relpath)
    cells = page.evaluate(CELL_VIEWS)
    assert [c["type"] for c in cells] == [c.cell_type for c in stored.cells], relpath
    unrendered = [i for i, c in enumerate(cells) if c["rendered"] is False]
    assert not unrendered, f"{relpath}: Markdown cells shown as source: {unrendered}"
    for i, (cell, shown) in enumerate(zip(stored.cells, cells)):
        if cell.cell_type == "code":
            kinds = ["data" if m not in STREAM_MIME.values() else m for m in shown["outputs"]]
            assert kinds == _shown_kinds(cell.outputs), f"{relpath}: cell {i} shows {kinds}"
            if not _expects_error(cell):
                assert not any(o.output_type == "error" for o in cell.outputs), (relpath, i)
    expected = sum(
        o.output_type == "error"
        for c in stored.cells
        if _expects_error(c)
        for o in c.get("outputs", [])
    )
    assert len(traceback_outputs(page)) <= expected, f"{relpath} shows tracebacks"


def check_playground(page, root, *, layers=True, step_and_reset=True):
    """The playground's controls render; η (by keyboard) and the layer sizes (typed, Enter)
    redraw the picture; Play advances the epoch and Pause stops it; an invalid layer spec gets a
    readable message and no traceback, the box shows the value in use again, and the next valid
    change clears the rejection."""
    for selector in CONTROLS:
        assert root.locator(selector).count() == 1, f"control {selector} missing"
        if selector != ".bp-message":
            root.locator(selector).wait_for(state="visible")
    assert message(root) == "", f"a message before any input: {message(root)!r}"

    picture = image_bytes(page, root)
    assert picture, "the picture is empty"
    eta_before = slider_value(root)
    nudge_eta(page, root)
    assert slider_value(root) != eta_before, "the η slider did not move with the keyboard"
    picture = wait_for_new_picture(page, root, picture)

    if layers:
        current = root.locator(".bp-layers input").input_value()
        set_layers(root, "3, 3" if current.replace(" ", "") != "3,3" else "4, 4")
        picture = wait_for_new_picture(page, root, picture)
        # a valid spec is never rejected (a diagnosis of the training may still show)
        wait_for_message(root, lambda t: not t.startswith("Layer sizes"))

    start = epoch(root)
    root.locator(".bp-play").click()
    wait_for_epoch(root, lambda e: e > start)
    root.locator(".bp-pause").click()
    paused = wait_until_still(root)
    assert paused > start

    if step_and_reset:
        root.locator(".bp-step").click()
        wait_for_epoch(root, lambda e: e > paused)
        root.locator(".bp-reset").click()
        wait_for_epoch(root, lambda e: e == 0)

    if layers:
        valid = root.locator(".bp-layers input").input_value()
        set_layers(root, INVALID_LAYERS)
        text = wait_for_message(root, lambda t: t.startswith("Layer sizes"))
        assert "Traceback" not in text and len(text.split()) >= 3, f"unreadable message: {text!r}"
        assert not traceback_outputs(page), "a traceback appeared for an invalid layer spec"
        rejected_entry_shows_value_in_use(root, valid)
        set_layers(root, "4, 4" if valid.replace(" ", "") != "4,4" else "3, 3")
        wait_for_message(root, lambda t: not t.startswith("Layer sizes"))
