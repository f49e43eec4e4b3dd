"""Project-wide pytest set-up: nbval in strict mode on notebooks/, with our sanitizers."""

from pathlib import Path

ROOT = Path(__file__).parent


def pytest_configure(config):
    # nbval opens this file relative to the working directory; give it an absolute path.
    if hasattr(config.option, "nbval_sanitize_with") and not config.option.nbval_sanitize_with:
        config.option.nbval_sanitize_with = str(ROOT / "tests" / "nbval_sanitize.cfg")
