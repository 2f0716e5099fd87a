"""A simple heraldic shield for the demo towns, drawn at seed time (no binary in git)."""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageDraw, ImageFont


def shield_png(field_colour: str, charge_colour: str, letter: str, size: int = 240) -> bytes:
    width, height = size, int(size * 1.2)
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    margin = size // 24
    top, bottom = margin, height - margin
    shield = [
        (margin, top),
        (width - margin, top),
        (width - margin, int(height * 0.55)),
        (width // 2, bottom),
        (margin, int(height * 0.55)),
    ]
    draw.polygon(shield, fill=field_colour, outline=charge_colour)
    draw.line([*shield, shield[0]], fill=charge_colour, width=max(3, size // 40))
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont
    try:
        font = ImageFont.truetype("DejaVuSans-Bold.ttf", int(size * 0.5))
    except OSError:
        font = ImageFont.load_default(size=int(size * 0.5))
    box = draw.textbbox((0, 0), letter, font=font)
    text_x = (width - (box[2] - box[0])) / 2 - box[0]
    text_y = (height * 0.45 - (box[3] - box[1]) / 2) - box[1]
    draw.text((text_x, text_y), letter, font=font, fill=charge_colour)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
