"""Deterministic stand-in images for demo and generated items: textured, labelled PLACEHOLDER."""

import hashlib
import io

from PIL import Image, ImageDraw, ImageFont

QUALITY = 90


def _palette(seed: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    digest = hashlib.sha256(seed.encode()).digest()
    base = tuple(60 + b % 120 for b in digest[:3])
    accent = tuple(min(255, c + 70) for c in base)
    return base, accent


def placeholder_jpeg(seed: str, caption: str, width: int = 1200, height: int = 800) -> bytes:
    """A JPEG with a seed-coloured grid texture, the word PLACEHOLDER and the caption.

    Same arguments, same bytes: the demo can be reloaded without creating new versions.
    """
    width, height = max(width, 32), max(height, 32)
    base, accent = _palette(seed)
    im = Image.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(im)
    step = max(8, min(width, height) // 12)
    for x in range(0, width, step):
        draw.line([(x, 0), (x + height // 2, height)], fill=accent, width=max(1, step // 10))
    for y in range(0, height, step):
        draw.line([(0, y), (width, y)], fill=accent, width=1)
    size = max(10, min(width, height) // 10)
    font = ImageFont.load_default(size=size)
    margin = size // 2
    small = ImageFont.load_default(size=max(8, size // 2))
    lines = _wrap(caption[:200], small, width - 2 * margin)[:3]
    line_height = int(size * 0.65)
    draw.rectangle([0, 0, width, size + margin * 2 + line_height * len(lines)], fill=(20, 20, 20))
    draw.text((margin, margin // 2), "PLACEHOLDER", fill=(255, 255, 255), font=font)
    for n, line in enumerate(lines):
        y = size + margin + n * line_height
        draw.text((margin, y), line, fill=(230, 230, 230), font=small)
    out = io.BytesIO()
    im.save(out, "JPEG", quality=QUALITY)
    return out.getvalue()


def _wrap(text: str, font: ImageFont.ImageFont, width: int) -> list[str]:
    """Break a caption into lines that fit `width` pixels in `font`."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines
