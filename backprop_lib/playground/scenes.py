"""The presenter's ready demos: named scenes, each a full set of playground settings.

Choosing a scene in the presenter app (`make present`) applies its settings at once; each does
what its name promises, which tests/test_scenes.py checks by training the scene's settings
without a browser. Every field of Settings is given, so a scene never inherits η, layers or a
seed from what was on the screen before it.
"""

from dataclasses import dataclass, fields

from .settings import Settings


@dataclass(frozen=True)
class Scene:
    """A named demo: its settings and the sentence a presenter says over it."""

    name: str
    settings: Settings
    shows: str

    def changes(self):
        """Every setting of the scene, as keyword arguments for Playground.apply."""
        return {f.name: getattr(self.settings, f.name) for f in fields(Settings)}


def _settings(**values):
    base = dict(
        eta=0.5,
        layers="4, 4",
        hidden="tanh",
        pairing="sigmoid+bce",
        epochs=500,
        seed=0,
        dataset="xor",
        noise=0.1,
        n=200,
        chunk=25,
        sample=1,
        reduction="sum",
        batch=0,
    )
    base.update(values)
    return Settings(**base)


SCENES = (
    Scene(
        "XOR learns",
        _settings(),
        "Two tanh layers of 4 learn XOR: J falls, every point ends on its side.",
    ),
    Scene(
        "the stall",
        _settings(layers="2", hidden="sigmoid", pairing="sigmoid+mse", epochs=2000),
        "Two sigmoid units from seed 0: J sits near 0.25 and the net answers ½ for every input.",
    ),
    Scene(
        "η too large",
        _settings(eta=10.0),
        "η = 10 on XOR: every step overshoots, J jumps up and down and nothing is learnt.",
    ),
    Scene(
        "vanishing gradients with sigmoid",
        _settings(
            dataset="circles", layers="8, 8, 8, 8, 8", hidden="sigmoid", eta=0.01, epochs=300
        ),
        "Five sigmoid layers on the circles: δ shrinks layer by layer and the net stays at chance"
        " (switch hidden to tanh: the same net learns).",
    ),
    Scene(
        "the spiral with softmax",
        _settings(
            dataset="spiral3",
            pairing="softmax+ce",
            layers="16, 16",
            eta=0.003,
            epochs=5000,
            chunk=100,
        ),
        "Three spiral arms, one softmax output per class: the boundaries wind with the arms.",
    ),
)
BY_NAME = {scene.name: scene for scene in SCENES}
