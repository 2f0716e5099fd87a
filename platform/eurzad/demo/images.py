"""Illustrations for demo news, drawn at seed time (no binaries in git), with alt text."""

from __future__ import annotations

from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

ILLUSTRATIONS = {
    "odpady": ("#2e6b30", "Odpady", "Grafika: zielona plansza z napisem „Odpady”"),
    "podatki": ("#1f3d6b", "Podatki", "Grafika: granatowa plansza z napisem „Podatki”"),
    "drogi": ("#5b4a2e", "Drogi", "Grafika: brązowa plansza z napisem „Drogi”"),
    "urzad": ("#7a1d23", "e-Urząd", "Grafika: bordowa plansza z napisem „e-Urząd”"),
    "wydarzenia": ("#6a2c70", "Wydarzenia", "Grafika: fioletowa plansza z napisem „Wydarzenia”"),
}


def _png(colour: str, word: str) -> bytes:
    image = PILImage.new("RGB", (800, 450), colour)
    draw = ImageDraw.Draw(image)
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont
    try:
        font = ImageFont.truetype("DejaVuSans-Bold.ttf", 84)
    except OSError:
        font = ImageFont.load_default(size=84)
    box = draw.textbbox((0, 0), word, font=font)
    position = ((800 - (box[2] - box[0])) / 2 - box[0], (450 - (box[3] - box[1])) / 2 - box[1])
    draw.text(position, word, font=font, fill="#ffffff")
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def illustration(key: str) -> AbstractImage:
    """The town's image for ``key``, created once (in the current schema)."""
    colour, word, alt_text = ILLUSTRATIONS[key]
    model = get_image_model()
    title = f"Ilustracja – {word}"
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    image = model(title=title, description=alt_text)
    image.file = ImageFile(BytesIO(_png(colour, word)), name=f"ilustracja-{key}.png")
    image.save()
    return image


def illustration_for(tags: list[str]) -> AbstractImage:
    for tag in tags:
        for key in ILLUSTRATIONS:
            if key in tag.lower():
                return illustration(key)
    return illustration("urzad")
