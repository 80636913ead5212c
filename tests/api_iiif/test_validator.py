"""The independent iiif-validator (PyPI) at level 0, against tiles served by a live server.

The image is the validator's own test pattern (10x10 coloured squares, see helpers), ingested
like any deposit, so its colour check (id_squares) tests our tiles and not a stand-in.
"""

import io
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from api.iiif.ids import image_id
from tests.api_iiif.helpers import validator_grid

validator = pytest.importorskip("iiif_validator.validator", reason="iiif-validator not installed")

# What version 3.0, level 0 runs in iiif-validator 1.0.5; if a release changes it, we notice.
LEVEL0_TESTS = {"format_jpg", "id_basic", "id_squares", "info_json", "size_nofull"}


@pytest.fixture
def served_grid(transactional_db, live_server, make_item, django_capture_on_commit_callbacks):
    """(server "host:port", image id) of the test pattern, ingested and tiled."""
    from archive.ingest import ingest_file

    item = make_item("validator-grid")
    with django_capture_on_commit_callbacks(execute=True):
        media_file = ingest_file(item, io.BytesIO(validator_grid()), "grid.png")
    return urlsplit(live_server.url).netloc, image_id(media_file)


def level0_tests() -> dict:
    tests = validator.TestSuite(validator.ValidationInfo()).list_tests("3.0")
    return {name: info for name, info in tests.items() if info["level"] <= 0}


def test_level0_suite_is_what_we_expect():
    assert set(level0_tests()) == LEVEL0_TESTS


def test_validator_level0_passes(served_grid):
    server, identifier = served_grid
    failures = {}
    for name in sorted(level0_tests()):
        result = validator.ImageAPI(identifier, server, "iiif", "http", "", "3.0", debug=False)
        validator.TestSuite(validator.ValidationInfo()).run_test(name, result)
        if result.exception is not None:
            e = result.exception
            failures[name] = (
                f"{e.type}: got {e.got!r}, expected {e.expected!r} {e.message} {result.urls}"
            )
        else:
            assert result.urls, f"{name} fetched nothing"
    assert not failures, failures


def test_validator_cli_level0_passes(served_grid):
    """The validator's own command line, in its own process, as CI would run it."""
    server, identifier = served_grid
    script = Path(sys.executable).parent / "iiif-validate.py"
    if not script.exists():
        pytest.skip(f"{script} not installed")
    run = subprocess.run(
        [sys.executable, str(script), "-s", server, "-p", "iiif", "-i", identifier]
        + ["--version", "3.0", "--level", "0", "-v"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert run.returncode == 0, run.stderr
    assert "Done (5 tests, 0 failures)" in run.stderr
    for name in LEVEL0_TESTS:
        assert f"test {name} PASS" in run.stderr


def test_every_square_of_the_pattern_survives_tiling(client, served_grid):
    """All 100 squares (the validator samples 5 at random) have their colour in full/max."""
    _, identifier = served_grid
    response = client.get(f"/iiif/{identifier}/full/max/0/default.jpg")
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    info, result = validator.ValidationInfo(), validator.ImageAPI(identifier, "x")
    bad = [
        (x, y)
        for x in range(10)
        for y in range(10)
        if not info.do_test_square(
            image.crop((x * 100 + 13, y * 100 + 13, x * 100 + 87, y * 100 + 87)), x, y, result
        )
    ]
    assert not bad
