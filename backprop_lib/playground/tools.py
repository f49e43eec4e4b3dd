"""The playground widget's tools beyond the settings: own points and keeping what you trained.

`PointsAndExport` is the part of `widget.PlaygroundWidget` that wires the points bar (the class a
click adds, Delete point, Clear points, the data set's points), the boundary pad's clicks and
drags (pad.py), Export run and Settings as code to the logic in points.py and export.py, and
the see-inside tools: the inspector panel and the choice of the network view (the forward pass,
or the hidden units' own pictures, notes.py).
"""

import base64
import html

import ipywidgets as widgets

from .export import save_run, settings_code
from .inspector import Inspector
from .notes import draw_hidden_units
from .points import pixel_to_data

EXPORT_PATH = "playground-run.json"  # where Export writes, in the kernel's working directory


class PointsAndExport:
    """Mixed into PlaygroundWidget, which provides playground, views, apply_pending,
    show_settings and redraw."""

    # -- own points: the boundary view's clicks, and the points bar ---------------------------

    def _points_controls(self):
        self.point_class = widgets.ToggleButtons(
            options=tuple((f"class {k}", k) for k in range(self.playground.n_classes)),
            description="click adds",
            style={"description_width": "initial", "button_width": "5.5em"},
        )
        self.delete_button = widgets.Button(description="Delete point", icon="trash")
        self.clear_button = widgets.Button(description="Clear points", icon="eraser")
        self.generated_button = widgets.Button(description="Data set's points", icon="refresh")
        for widget, css in [
            (self.point_class, "bp-point-class"),
            (self.delete_button, "bp-delete-point"),
            (self.clear_button, "bp-clear-points"),
            (self.generated_button, "bp-generated-points"),
        ]:
            widget.add_class(css)
        self.delete_button.on_click(lambda _button: self.delete_selected())
        self.clear_button.on_click(lambda _button: self._edit_points(self.playground.clear_points))
        self.generated_button.on_click(
            lambda _button: self._edit_points(self.playground.use_generated)
        )
        self.points_bar = widgets.HBox(
            [self.point_class, self.delete_button, self.clear_button, self.generated_button],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        self.points_bar.add_class("bp-points-bar")

    def _edit_points(self, edit, *args):
        """Apply one edit of the points (any refusal becomes the message line), then redraw."""
        self.apply_pending()
        try:
            edit(*args)
        except (TypeError, ValueError, IndexError) as err:
            self.playground.message = str(err).splitlines()[0]
        selected = self.playground.selected
        self.views["boundary"].selected = -1 if selected is None else selected
        self.show_settings()
        self.redraw()

    def _pad_message(self, _widget, content, _buffers):
        """A click, drag or key on the boundary view (see pad.py) becomes an edit of the points."""
        if not isinstance(content, dict):
            return
        kind, run = content.get("event"), self.playground
        try:
            if kind in ("add", "move"):
                place = [float(content[key]) for key in ("px", "py", "width", "height")]
                where = pixel_to_data(*place, run.view_box)
                if where is None:
                    return
                if kind == "add":
                    self._edit_points(run.add_point, *where, self.point_class.value)
                else:
                    self._edit_points(run.move_point, int(content["i"]), *where)
            elif kind == "select":
                run.selected = int(content["i"])
                self.views["boundary"].selected = run.selected
            elif kind == "delete":
                self.delete_selected()
        except (KeyError, TypeError, ValueError):
            return  # a malformed message from the page: nothing to do

    def delete_selected(self):
        """Delete the point picked on the view (clicked), if any."""
        if self.playground.selected is not None:
            self._edit_points(self.playground.delete_point, self.playground.selected)

    def load_points(self, source):
        """Train on points from a CSV file of x₁, x₂, label (see Playground.load_points); a
        malformed file is named in the message line. Returns: True if loaded."""
        self._edit_points(self.playground.load_points, source)
        return self.playground.points is not None and not self.playground.message

    # -- see inside ---------------------------------------------------------------------------

    def _inspect_controls(self):
        self.inspector = Inspector()
        self.inspector.add_class("bp-inspect")
        self.network_view = widgets.ToggleButtons(
            options=("forward pass", "hidden units"),
            description="network view",
            style={"description_width": "initial", "button_width": "8em"},
        )
        self.network_view.add_class("bp-network-view")
        self.network_view.observe(lambda _change: self.redraw(), "value")

    def network_picture(self, forward):
        """What the forward view's place shows: the forward pass, or the hidden units."""
        if self.network_view.value == "hidden units":
            return draw_hidden_units(self.playground.net, self.playground.view_box)
        return forward

    # -- keep what you trained ----------------------------------------------------------------

    def _export_controls(self):
        self.export_button = widgets.Button(description="Export run", icon="download")
        self.code_button = widgets.Button(description="Settings as code", icon="code")
        self.export_link = widgets.HTML()
        self.code = widgets.Textarea(
            description="code",
            layout=widgets.Layout(width="100%", max_width="60em", height="12em", display="none"),
        )
        for widget, css in [
            (self.export_button, "bp-export"),
            (self.code_button, "bp-code-button"),
            (self.export_link, "bp-export-link"),
            (self.code, "bp-code"),
        ]:
            widget.add_class(css)
        self.export_button.on_click(lambda _button: self.export())
        self.code_button.on_click(lambda _button: self.show_code())
        self._inspect_controls()
        self.export_bar = widgets.HBox(
            [self.network_view, self.export_button, self.code_button, self.export_link],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
        )
        self.export_bar.add_class("bp-export-bar")

    def export(self, path=EXPORT_PATH):
        """Save the run to `path` (see export.save_run) and offer it as a download link."""
        self.apply_pending()
        try:
            save_run(self.playground, path)
        except (OSError, ValueError) as err:
            self.export_link.value = f"<span class='bp-advice'>{html.escape(str(err))}</span>"
            return None
        with open(path, "rb") as file:
            data = base64.b64encode(file.read()).decode("ascii")
        name = html.escape(str(path))
        self.export_link.value = (
            f'<a download="{name}" href="data:application/json;base64,{data}">{name}</a> saved: '
            f"<code>load_network({name!r})</code> reads it back"
        )
        return path

    def show_code(self):
        """Show the Network(...) and fit(...) calls that reproduce the run, ready to copy."""
        self.apply_pending()
        self.code.value = settings_code(self.playground)
        self.code.layout.display = None
