"""archive.imaging IIIF level-0 tiles: info.json matches the files, and iiif-validator agrees."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest
from PIL import Image

from archive.imaging import make_iiif_tiles, plan_tiles, with_service_id
from tests.archive.imaging_fixtures import (
    MAX_PIXELS,
    close,
    expected_level0_paths,
    jpeg_bytes,
    mean_rgb,
    noisy_rgb,
    two_colour_landscape,
)


def all_files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def assert_tree_matches_info(root: Path) -> dict:
    info = json.loads((root / "info.json").read_text())
    assert info["@context"] == "http://iiif.io/api/image/3/context.json"
    assert info["type"] == "ImageService3"
    assert info["protocol"] == "http://iiif.io/api/image"
    assert info["profile"] == "level0"
    expected = expected_level0_paths(info)
    for rel, size in expected.items():
        path = root / rel
        assert path.is_file(), f"info.json advertises {rel} but it is missing"
        with Image.open(path) as im:
            assert im.format == "JPEG"
            assert im.size == size, rel
    assert all_files(root) == set(expected) | {"info.json"}, "unadvertised files in the tree"
    return info


@pytest.mark.parametrize(
    ("size", "tile"),
    [((1100, 700), 256), ((513, 1025), 256), ((300, 200), 512), ((1, 1), 512), ((2049, 3), 256)],
)
def test_tree_matches_info_json(tmp_path, size, tile):
    src = tmp_path / "src.png"
    noisy_rgb(size).save(src)
    root = tmp_path / "iiif"
    result = make_iiif_tiles(
        src, root, max_pixels=MAX_PIXELS, service_id="https://x/iiif/a", tile_size=tile
    )
    info = assert_tree_matches_info(root)
    assert (info["width"], info["height"]) == size
    assert info["id"] == "https://x/iiif/a"
    assert info["tiles"][0]["width"] == tile
    factors = info["tiles"][0]["scaleFactors"]
    assert factors[0] == 1 and all(b == 2 * a for a, b in zip(factors, factors[1:], strict=False))
    # The coarsest scale factor shows the whole image in one tile.
    assert -(-size[0] // factors[-1]) <= tile and -(-size[1] // factors[-1]) <= tile
    assert result.file_count == len(all_files(root))


def test_plan_for_a_camera_image():
    plan = plan_tiles(6000, 4000, tile_size=512)
    assert plan.scale_factors == (1, 2, 4, 8, 16)
    assert len(list(plan.tiles_at(1))) == 12 * 8
    assert (375, 250) in plan.sizes and all(w < 512 and h < 512 for w, h in plan.sizes)
    last = list(plan.tiles_at(1))[-1]
    assert last.region == (5632, 3584, 368, 416) and last.size == (368, 416)
    assert last.path() == "5632,3584,368,416/368,416/0/default.jpg"


def test_tiles_show_the_right_part_of_the_image(tmp_path):
    src = tmp_path / "src.png"
    im = noisy_rgb((1024, 768))
    im.save(src)
    root = tmp_path / "iiif"
    make_iiif_tiles(src, root, max_pixels=MAX_PIXELS, service_id="https://x/i", tile_size=256)
    with Image.open(root / "512,256,256,256/256,256/0/default.jpg") as tile:
        assert close(mean_rgb(tile), mean_rgb(im.crop((512, 256, 768, 512))), 3)
    with Image.open(root / "0,0,512,512/256,256/0/default.jpg") as tile:
        assert close(mean_rgb(tile), mean_rgb(im.crop((0, 0, 512, 512))), 3)
    with Image.open(root / "full/max/0/default.jpg") as full:
        assert full.size == (1024, 768)


def test_tiles_are_upright(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6
    src = tmp_path / "r.jpg"
    src.write_bytes(jpeg_bytes(two_colour_landscape((600, 300)), exif=exif.tobytes()))
    root = tmp_path / "iiif"
    make_iiif_tiles(src, root, max_pixels=MAX_PIXELS, service_id="https://x/i")
    info = assert_tree_matches_info(root)
    assert (info["width"], info["height"]) == (300, 600)
    with Image.open(root / "full/max/0/default.jpg") as full:
        assert close(full.getpixel((150, 50)), (255, 0, 0), 40)
        assert close(full.getpixel((150, 550)), (0, 0, 255), 40)


def test_max_full_size_is_advertised(tmp_path):
    src = tmp_path / "src.png"
    noisy_rgb((1000, 600)).save(src)
    root = tmp_path / "iiif"
    make_iiif_tiles(
        src, root, max_pixels=MAX_PIXELS, service_id="https://x/i", tile_size=256, max_full_size=500
    )
    info = assert_tree_matches_info(root)
    assert info["maxWidth"] == 500
    with Image.open(root / "full/max/0/default.jpg") as full:
        assert full.size == (500, 300)


def test_tiles_are_deterministic_and_replace_the_old_tree(tmp_path):
    src = tmp_path / "src.png"
    noisy_rgb((900, 700)).save(src)
    one, two = tmp_path / "one", tmp_path / "two"
    make_iiif_tiles(src, one, max_pixels=MAX_PIXELS, service_id="https://x/i", tile_size=256)
    make_iiif_tiles(src, two, max_pixels=MAX_PIXELS, service_id="https://x/i", tile_size=256)
    files = all_files(one)
    assert files == all_files(two)
    assert all((one / f).read_bytes() == (two / f).read_bytes() for f in files)

    # Re-running over an existing tree with another tile size leaves only the new tree.
    make_iiif_tiles(src, one, max_pixels=MAX_PIXELS, service_id="https://x/i", tile_size=512)
    assert_tree_matches_info(one)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_with_service_id():
    info = {"id": "https://old/iiif/a", "width": 1}
    assert with_service_id(info, "https://new/iiif/a/")["id"] == "https://new/iiif/a"
    assert info["id"] == "https://old/iiif/a"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


def test_iiif_validator_level0_passes_against_served_tiles(tmp_path, capsys):
    """Serve the tree over loopback HTTP and run the independent validator's level-0 tests."""
    validator = pytest.importorskip("iiif_validator.validator")
    from tests.archive.imaging_fixtures import iiif_validator_test_image

    src = tmp_path / "67352ccc-d1b0-11e1-89ae-279075081939.png"
    iiif_validator_test_image().save(src)
    handler = functools.partial(_QuietHandler, directory=str(tmp_path / "srv"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    port = server.server_address[1]
    ident = "img1"
    make_iiif_tiles(
        src,
        tmp_path / "srv" / "iiif" / ident,
        max_pixels=MAX_PIXELS,
        service_id=f"http://127.0.0.1:{port}/iiif/{ident}",
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        suite = validator.TestSuite(validator.ValidationInfo())
        level0 = [
            name
            for name, meta in suite.list_tests("3.0").items()
            if meta["level"] == 0 and name != "info_xml"
        ]
        assert {"info_json", "id_basic", "id_squares", "format_jpg", "size_nofull"} <= set(level0)
        failures = {}
        for name in level0:
            result = validator.ImageAPI(
                ident, f"127.0.0.1:{port}", "iiif", "http", version="3.0", debug=False
            )
            suite.run_test(name, result)
            if result.exception and not result.exception.warning:
                failures[name] = str(result.exception)
        assert failures == {}
    finally:
        server.shutdown()
        server.server_close()
