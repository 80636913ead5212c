"""archive.imaging on raster images: sniffing, access copies, colour, 16-bit, metadata, errors."""

from __future__ import annotations

import errno
import json
import random
import struct
import zipfile
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from archive.imaging import (
    CorruptFileError,
    DecompressionBombError,
    Family,
    PermanentError,
    TransientError,
    TruncatedFileError,
    UnsupportedFormatError,
    make_access_and_thumbnail,
    make_derivatives,
    make_iiif_tiles,
    sniff,
    technical_metadata,
)
from archive.imaging.decode import decode_8bit, open_image
from tests.archive.imaging_fixtures import (
    MAX_PIXELS,
    adobe_rgb_like_icc,
    close,
    grey16_gradient,
    insert_after_soi,
    iptc_app13,
    jpeg_bytes,
    mean_rgb,
    noisy_rgb,
    png_declaring_size,
    two_colour_landscape,
    write_rgb16_tiff,
)


def derive(src: Path, out: Path, **kw):
    return make_access_and_thumbnail(src, out, max_pixels=kw.pop("max_pixels", MAX_PIXELS), **kw)


# --------------------------------------------------------------------------- sniffing


def test_sniff_uses_content_not_extension(tmp_path):
    fake = tmp_path / "photo.png"
    fake.write_bytes(jpeg_bytes(noisy_rgb((32, 32))))
    found = sniff(fake)
    assert (found.mime, found.family, found.pil_format) == ("image/jpeg", Family.IMAGE, "JPEG")

    cases = {
        "a.txt": (b"%PDF-1.4\n...", "application/pdf", Family.PDF),
        "b.pdf": (b"<!DOCTYPE html><html><body>x</body></html>", "text/html", Family.HTML),
        "c.html": ("plain words, caf\u00e9\n".encode(), "text/plain", Family.TEXT),
        "d.jpg": (b'<?xml version="1.0"?><TEI>x</TEI>', "application/xml", Family.TEXT),
        "e.txt": (bytes(range(256)) * 4, "application/octet-stream", Family.UNKNOWN),
    }
    for name, (data, mime, family) in cases.items():
        (tmp_path / name).write_bytes(data)
        found = sniff(tmp_path / name)
        assert (found.mime, found.family) == (mime, family), name

    zipped = tmp_path / "archive.tif"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("x.txt", "hello")
    assert sniff(zipped).mime == "application/zip"
    assert sniff(zipped).family is Family.UNKNOWN


def test_sniff_webp_and_tiff(tmp_path):
    noisy_rgb((40, 30)).save(tmp_path / "x.bin", "WEBP")
    assert sniff(tmp_path / "x.bin").mime == "image/webp"
    noisy_rgb((40, 30)).save(tmp_path / "y.bin", "TIFF")
    assert sniff(tmp_path / "y.bin").mime == "image/tiff"


# --------------------------------------------------------------------------- access + thumbnail


def test_access_and_thumbnail_sizes_and_names(tmp_path):
    src = tmp_path / "big.jpg"
    src.write_bytes(jpeg_bytes(noisy_rgb((2400, 1800))))
    result = derive(src, tmp_path / "out")
    assert result.access.path == tmp_path / "out" / "access.jpg"
    assert result.thumbnail.path == tmp_path / "out" / "thumbnail.jpg"
    with Image.open(result.access.path) as a, Image.open(result.thumbnail.path) as t:
        assert a.format == t.format == "JPEG"
        assert a.size == (1600, 1200) == (result.access.width, result.access.height)
        assert t.size == (400, 300)
        assert a.mode == "RGB"
    assert (result.width, result.height, result.page_count) == (2400, 1800, 1)
    assert result.access.bytes == result.access.path.stat().st_size
    # Content survives: the reduced image has the source's average colour.
    with Image.open(src) as s, Image.open(result.access.path) as a:
        assert close(mean_rgb(s), mean_rgb(a), 2.0)


def test_small_images_are_not_upscaled(tmp_path):
    src = tmp_path / "small.png"
    noisy_rgb((300, 200)).save(src)
    result = derive(src, tmp_path / "out")
    assert (result.access.width, result.access.height) == (300, 200)
    assert (result.thumbnail.width, result.thumbnail.height) == (300, 200)


def test_exif_orientation_6_is_applied(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, displayed rotated 90 degrees clockwise
    src = tmp_path / "rotated.jpg"
    src.write_bytes(jpeg_bytes(two_colour_landscape((2000, 1000)), exif=exif.tobytes()))
    result = derive(src, tmp_path / "out")
    assert (result.width, result.height, result.orientation) == (1000, 2000, 6)
    with Image.open(result.access.path) as a:
        assert a.size == (800, 1600)
        assert "exif" not in a.info  # no orientation tag left to be applied twice
        top, bottom = a.getpixel((400, 100)), a.getpixel((400, 1500))
    assert close(top, (255, 0, 0), 40) and close(bottom, (0, 0, 255), 40), (top, bottom)
    with Image.open(result.thumbnail.path) as t:
        assert t.size == (200, 400)


def test_cmyk_jpeg_becomes_rgb(tmp_path):
    src = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (64, 48), (0, 255, 255, 0)).save(src, quality=95)  # process red
    result = derive(src, tmp_path / "out")
    with Image.open(result.access.path) as a:
        assert a.mode == "RGB"
        assert close(a.getpixel((32, 24)), (255, 0, 0), 12)


def test_embedded_wide_gamut_profile_is_converted_to_srgb(tmp_path):
    icc = adobe_rgb_like_icc()
    colour = (60, 170, 60)
    src = tmp_path / "adobe.png"
    Image.new("RGB", (64, 64), colour).save(src, icc_profile=icc)
    transform = ImageCms.buildTransform(
        ImageCms.ImageCmsProfile(__import__("io").BytesIO(icc)),
        ImageCms.createProfile("sRGB"),
        "RGB",
        "RGB",
        renderingIntent=ImageCms.Intent.PERCEPTUAL,
    )
    expected = ImageCms.applyTransform(Image.new("RGB", (1, 1), colour), transform).getpixel((0, 0))
    assert not close(expected, colour, 10)  # the test means something only if they differ
    result = derive(src, tmp_path / "out")
    with Image.open(result.access.path) as a:
        assert "icc_profile" not in a.info  # untagged = sRGB by convention
        assert close(a.getpixel((32, 32)), expected, 4), (a.getpixel((32, 32)), expected)


def test_srgb_profile_leaves_colours_alone(tmp_path):
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    src = tmp_path / "srgb.png"
    Image.new("RGB", (32, 32), (60, 170, 60)).save(src, icc_profile=srgb)
    with Image.open(derive(src, tmp_path / "out").access.path) as a:
        assert close(a.getpixel((16, 16)), (60, 170, 60), 3)


@pytest.mark.parametrize("how", ["tiff-raw", "tiff-lzw", "png"])
def test_16bit_grey_keeps_its_tonal_range(tmp_path, how):
    grad = grey16_gradient(256, 16)
    src = tmp_path / "grad16"
    if how == "png":
        grad.save(src, "PNG")
    else:
        grad.save(src, "TIFF", compression=None if how == "tiff-raw" else "tiff_lzw")
    with Image.open(src) as check:
        assert check.mode == "I;16"
        # What this guards against: the naive conversion clips almost everything to white.
        naive = check.convert("L")
        assert naive.tobytes().count(255) > 0.9 * 256 * 16
    result = derive(src, tmp_path / "out")
    with Image.open(result.access.path) as a:
        assert a.mode == "L"
        row = [a.getpixel((x, 8)) for x in range(256)]
    assert row[0] <= 3 and row[-1] >= 252
    assert 120 <= row[128] <= 136
    # Monotonic ramp (JPEG may wobble by a level or two).
    assert all(b >= a - 3 for a, b in zip(row, row[1:], strict=False))


def test_16bit_rgb_tiff(tmp_path):
    src = tmp_path / "rgb16.tif"
    write_rgb16_tiff(src, 256, 8)
    result = derive(src, tmp_path / "out")
    with Image.open(result.access.path) as a:
        left, mid, right = a.getpixel((1, 4)), a.getpixel((128, 4)), a.getpixel((254, 4))
    assert left[0] <= 6 and right[0] >= 249 and 120 <= mid[0] <= 136
    assert all(120 <= px[1] <= 136 for px in (left, mid, right))  # 32768 -> 128
    md = technical_metadata(src, max_pixels=MAX_PIXELS)
    assert md["bit_depth"] == 16 and md["mode"] == "RGB"


def test_band_decoder_matches_pillow(tmp_path):
    """The memory-mapped band path for uncompressed data gives exactly Pillow's pixels."""
    rgb = noisy_rgb((700, 530))
    rgb.save(tmp_path / "rgb.tif", "TIFF")
    grad = grey16_gradient(300, 600)
    grad.save(tmp_path / "g16.tif", "TIFF")
    with open_image(tmp_path / "rgb.tif", max_pixels=MAX_PIXELS) as im:
        banded = decode_8bit(im, tmp_path / "rgb.tif", reduce_by=3, threads=2)
    assert banded.tobytes() == rgb.reduce(3).tobytes()
    with open_image(tmp_path / "g16.tif", max_pixels=MAX_PIXELS) as im:
        banded = decode_8bit(im, tmp_path / "g16.tif", threads=2)
    assert banded.mode == "L"
    raw = grad.tobytes()
    expected = bytes(v >> 8 for v in struct.unpack(f"<{len(raw) // 2}H", raw))
    assert banded.tobytes() == expected


def test_multipage_tiff_uses_first_page(tmp_path):
    src = tmp_path / "pages.tif"
    pages = [Image.new("RGB", (120, 80), c) for c in ((200, 30, 30), (30, 200, 30), (30, 30, 200))]
    pages[0].save(src, save_all=True, append_images=pages[1:])
    result = derive(src, tmp_path / "out")
    assert result.page_count == 3
    with Image.open(result.access.path) as a:
        assert close(a.getpixel((60, 40)), (200, 30, 30), 6)
    assert technical_metadata(src, max_pixels=MAX_PIXELS)["page_count"] == 3


def test_png_alpha_is_flattened_on_white(tmp_path):
    src = tmp_path / "alpha.png"
    im = Image.new("RGBA", (100, 50), (0, 0, 0, 0))
    im.paste((20, 120, 220, 255), (50, 0, 100, 50))
    im.save(src)
    result = derive(src, tmp_path / "out")
    with Image.open(result.access.path) as a:
        assert a.mode == "RGB"
        assert close(a.getpixel((10, 25)), (255, 255, 255), 4)
        assert close(a.getpixel((90, 25)), (20, 120, 220), 6)


def test_webp(tmp_path):
    src = tmp_path / "pic.webp"
    noisy_rgb((900, 600)).save(src, "WEBP", quality=90)
    result = derive(src, tmp_path / "out", access_long_edge=600, thumbnail_long_edge=150)
    assert (result.access.width, result.access.height) == (600, 400)
    assert (result.thumbnail.width, result.thumbnail.height) == (150, 100)


def test_outputs_are_deterministic_and_thread_independent(tmp_path):
    src = tmp_path / "photo.jpg"
    src.write_bytes(jpeg_bytes(noisy_rgb((2400, 1800))))
    tif = tmp_path / "scan.tif"
    noisy_rgb((2000, 1400), seed=5).save(tif)
    for source in (src, tif):
        one = derive(source, tmp_path / "one", threads=2)
        two = derive(source, tmp_path / "two", threads=2)
        single = derive(source, tmp_path / "single", threads=1)
        for attr in ("access", "thumbnail"):
            a, b, c = getattr(one, attr), getattr(two, attr), getattr(single, attr)
            assert a.path.read_bytes() == b.path.read_bytes() == c.path.read_bytes()
            assert a.sha256 == b.sha256 == c.sha256
    leftovers = [p.name for p in (tmp_path / "one").iterdir() if p.name.startswith(".")]
    assert leftovers == []


# --------------------------------------------------------------------------- technical metadata


def test_technical_metadata_is_complete_and_json_serialisable(tmp_path):
    exif = Image.Exif()
    exif[0x010F] = "Testmaker"  # Make
    exif[0x0110] = "Model 1"  # Model
    exif[0x0112] = 6
    exif.get_ifd(0x8769)[0x9003] = "2021:06:15 14:30:05"  # DateTimeOriginal
    exif.get_ifd(0x8769)[0x9011] = "+02:00"  # OffsetTimeOriginal
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:title>Harbour</dc:title></x:xmpmeta>'
    data = jpeg_bytes(
        noisy_rgb((300, 200)), exif=exif.tobytes(), icc_profile=adobe_rgb_like_icc(), xmp=xmp
    )
    iptc = iptc_app13({(2, 5): b"Harbour at dusk", (2, 25): b"harbour", (2, 116): b"(c) Test"})
    src = tmp_path / "meta.jpg"
    src.write_bytes(insert_after_soi(data, iptc))

    md = technical_metadata(src, max_pixels=MAX_PIXELS)
    json.dumps(md)  # must not raise
    assert md["format"] == "JPEG" and md["mime"] == "image/jpeg"
    assert (md["width"], md["height"]) == (300, 200)
    assert (md["display_width"], md["display_height"]) == (200, 300)
    assert md["mode"] == "RGB" and md["bit_depth"] == 8 and md["page_count"] == 1
    assert md["icc_profile"]["description"].startswith("Test Wide RGB")
    assert md["exif"]["Make"] == "Testmaker" and md["exif"]["Orientation"] == 6
    assert md["capture_date"] == "2021-06-15T14:30:05+02:00"
    assert md["iptc"]["ObjectName"] == "Harbour at dusk"
    assert md["iptc"]["Keywords"] == ["harbour"]
    assert "Harbour" in md["xmp"]


def test_technical_metadata_of_16bit_grey_png(tmp_path):
    src = tmp_path / "g.png"
    grey16_gradient(64, 8).save(src)
    md = technical_metadata(src, max_pixels=MAX_PIXELS)
    assert md["bit_depth"] == 16 and md["mode"] == "I;16" and md["icc_profile"] is None
    assert md["capture_date"] is None and md["exif"] == {}


# --------------------------------------------------------------------------- errors


def test_corrupt_jpeg_is_permanent(tmp_path):
    src = tmp_path / "corrupt.jpg"
    src.write_bytes(b"\xff\xd8\xff\xe0" + random.Random(7).randbytes(4000))
    with pytest.raises(CorruptFileError) as info:  # (TruncatedFileError is one too)
        derive(src, tmp_path / "out")
    assert isinstance(info.value, PermanentError) and not info.value.retryable
    assert str(src) in str(info.value)
    assert not (tmp_path / "out" / "access.jpg").exists()


def test_truncated_jpeg_is_reported_as_truncated(tmp_path):
    data = jpeg_bytes(noisy_rgb((1200, 900)))
    src = tmp_path / "half.jpg"
    src.write_bytes(data[: len(data) // 2])
    with pytest.raises(TruncatedFileError, match="truncated"):
        derive(src, tmp_path / "out")


def test_truncated_uncompressed_tiff(tmp_path):
    full = tmp_path / "full.tif"
    noisy_rgb((400, 300)).save(full)
    src = tmp_path / "cut.tif"
    src.write_bytes(full.read_bytes()[:-5000])
    with pytest.raises(TruncatedFileError):
        derive(src, tmp_path / "out")


def test_decompression_bomb_declared_size(tmp_path):
    src = tmp_path / "bomb.png"
    src.write_bytes(png_declaring_size(100_000, 100_000))
    with pytest.raises(DecompressionBombError) as info:
        derive(src, tmp_path / "out")
    err = info.value
    assert err.pixels == 10_000_000_000 and err.limit == MAX_PIXELS and not err.retryable
    assert "10,000,000,000 pixels" in str(err) and "limit" in str(err)
    with pytest.raises(DecompressionBombError):
        technical_metadata(src, max_pixels=MAX_PIXELS)


def test_pixel_limit_is_the_callers(tmp_path):
    src = tmp_path / "ok.png"
    noisy_rgb((200, 100)).save(src)
    with pytest.raises(
        DecompressionBombError, match="20,000 pixels \\(200x100\\), over the limit of 19,999"
    ):
        derive(src, tmp_path / "out", max_pixels=19_999)
    derive(src, tmp_path / "out", max_pixels=20_000)


def test_unsupported_format(tmp_path):
    src = tmp_path / "bundle.jpg"
    with zipfile.ZipFile(src, "w") as zf:
        zf.writestr("a.txt", "x" * 100)
    with pytest.raises(UnsupportedFormatError) as info:
        make_derivatives(src, tmp_path / "out", max_pixels=MAX_PIXELS)
    assert "application/zip" in str(info.value) and not info.value.retryable
    with pytest.raises(UnsupportedFormatError):
        derive(src, tmp_path / "out")


def test_disk_full_is_transient_and_leaves_no_temp_files(tmp_path, monkeypatch):
    src = tmp_path / "x.png"
    noisy_rgb((64, 64)).save(src)

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("archive.imaging.output.os.replace", no_space)
    with pytest.raises(TransientError) as info:
        derive(src, tmp_path / "out")
    assert info.value.retryable and info.value.errno == errno.ENOSPC
    assert "No space left" in str(info.value)
    assert list((tmp_path / "out").iterdir()) == []


def test_missing_source_is_transient(tmp_path):
    with pytest.raises(TransientError):
        derive(tmp_path / "nope.jpg", tmp_path / "out")


def test_make_derivatives_for_an_image(tmp_path):
    src = tmp_path / "p.jpg"
    src.write_bytes(jpeg_bytes(noisy_rgb((700, 500))))
    result = make_derivatives(
        src, tmp_path / "out", max_pixels=MAX_PIXELS, iiif_service_id="https://h/iiif/p"
    )
    assert result.sniffed.family is Family.IMAGE
    assert result.technical["width"] == 700
    assert result.tiles is not None and result.tiles.info["id"] == "https://h/iiif/p"
    assert (tmp_path / "out" / "iiif" / "info.json").is_file()
    json.dumps(result.as_dict())


def test_corrupt_png_pixel_data_is_permanent(tmp_path):
    """Header fine, IDAT garbage: the decode error must surface, not be swallowed by EXIF."""
    good = tmp_path / "good.png"
    noisy_rgb((300, 200)).save(good)
    data = bytearray(good.read_bytes())
    idat = data.index(b"IDAT")
    data[idat + 4 : idat + 200] = bytes(range(196))
    src = tmp_path / "bad.png"
    src.write_bytes(bytes(data))
    with pytest.raises(CorruptFileError):
        derive(src, tmp_path / "out")
    with pytest.raises(CorruptFileError):
        make_iiif_tiles(src, tmp_path / "iiif", max_pixels=MAX_PIXELS, service_id="https://x/i")
    assert technical_metadata(src, max_pixels=MAX_PIXELS)["width"] == 300  # headers are fine


@pytest.mark.parametrize(
    ("name", "save", "mode"),
    [
        ("bilevel.tif", {"format": "TIFF", "compression": "group4"}, "L"),  # text scans
        ("bottom-up.bmp", {"format": "BMP"}, "RGB"),  # not the band path: rows stored upside down
        ("grey.jpg", {"format": "JPEG"}, "L"),
        ("palette.png", {"format": "PNG"}, "RGB"),
    ],
)
def test_other_layouts_and_modes(tmp_path, name, save, mode):
    im = noisy_rgb((500, 300))
    im = {"L": im.convert("1") if name.endswith(".tif") else im.convert("L")}.get(mode, im)
    if name.endswith(".png"):
        im = im.convert("P", palette=Image.Palette.ADAPTIVE)
    src = tmp_path / name
    im.save(src, **save)
    result = derive(src, tmp_path / "out", access_long_edge=250)
    with Image.open(result.access.path) as a, Image.open(src) as s:
        assert a.mode == mode and a.size == (250, 150)
        expected = s.convert(mode).resize((250, 150), Image.Resampling.BOX)
        assert close(mean_rgb(a), mean_rgb(expected), 3)


def test_animated_gif_counts_frames_and_uses_the_first(tmp_path):
    frames = [Image.new("RGB", (100, 80), c) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    src = tmp_path / "anim.gif"
    frames[0].save(src, save_all=True, append_images=frames[1:])
    result = derive(src, tmp_path / "out")
    assert result.page_count == 3
    with Image.open(result.access.path) as a:
        assert close(a.getpixel((50, 40)), (255, 0, 0), 6)
