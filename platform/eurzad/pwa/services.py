"""What the installable app of a town is made of: its manifest, its icons (drawn from the
town's coat of arms and colour) and the service worker's configuration."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from eurzad.core.requests import TenantRequest
from themes.models import BrandingSettings

ICON_SIZES = (180, 192, 512)  # 180: apple-touch-icon; 192 and 512: the manifest
MANIFEST_ICON_SIZES = (192, 512)
ICON_CACHE_SECONDS = 24 * 3600
START_URL = "/konto/"
OFFLINE_URL = "/offline/"
# What a resident area page must have loaded to work offline: the offline page shows
# with the site's own look, and its script reads the saved obligations.
PRECACHED_STATIC = (
    "themes/css/eurzad.css",
    "themes/js/preferences.js",
    "themes/js/eurzad.js",
    "pwa/pwa.js",
    "pwa/offline.js",
)
# Never kept by the service worker as a page (personal, or not a page at all).
PRIVATE_PREFIXES = (
    "/konto/",
    "/en/konto/",
    "/logowanie/",
    "/en/logowanie/",
    "/platnosci/",
    "/admin/",
    "/api/",
    "/documents/",
    "/media/",
    "/pliki/",
)
# Plain JavaScript, not a Django template: kept under templates/ only so the wheel ships it.
SERVICE_WORKER_SOURCE = Path(__file__).resolve().parent / "templates" / "pwa" / "service-worker.js"
BACKGROUND = "#ffffff"


@dataclass(frozen=True)
class TownLook:
    """The parts of a town's branding its app is drawn from."""

    name: str
    short_name: str
    primary_colour: str
    arms: Any  # a wagtail Image, or None
    version: str  # changes whenever any of the above does

    @property
    def initial(self) -> str:
        return (self.short_name[:1] or "e").upper()


def town_look(request: TenantRequest) -> TownLook:
    """The app's name, colour and coat of arms for the town whose host ``request`` is on."""
    branding = BrandingSettings.for_request(request)
    municipality = request.tenant
    name = branding.display_name or municipality.official_name
    short_name = municipality.name or name
    arms = branding.coat_of_arms
    arms_key = f"{arms.pk}:{arms.file.name}:{arms.file_hash}" if arms is not None else "-"
    digest = hashlib.sha256(
        "|".join(
            [municipality.schema_name, name, short_name, branding.primary_colour, arms_key]
        ).encode()
    ).hexdigest()
    return TownLook(name, short_name, branding.primary_colour, arms, digest[:16])


def icon_path(size: int, maskable: bool = False) -> str:
    return f"/pwa/ikona-{size}{'-maskable' if maskable else ''}.png"


def web_app_manifest(request: TenantRequest) -> dict[str, Any]:
    """The town's Web App Manifest (W3C): opens Mój e-Urząd, standalone, in its colour."""
    look = town_look(request)
    icons = [
        {
            "src": f"{icon_path(size, maskable)}?v={look.version}",
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "maskable" if maskable else "any",
        }
        for maskable in (False, True)
        for size in MANIFEST_ICON_SIZES
    ]
    return {
        "id": START_URL,
        "name": look.name,
        "short_name": look.short_name,
        "description": _("Sprawy urzędowe, podatki i opłaty w gminie: %(name)s")
        % {"name": look.name},
        "lang": "pl",
        "dir": "ltr",
        "start_url": START_URL,
        "scope": "/",
        "display": "standalone",
        "theme_color": look.primary_colour,
        "background_color": BACKGROUND,
        "icons": icons,
    }


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def _arms_image(look: TownLook) -> Image.Image | None:
    """The coat of arms as an RGBA image, or None when there is none Pillow can read
    (an SVG, a missing file)."""
    if look.arms is None:
        return None
    try:
        with look.arms.open_file() as file:
            image = Image.open(file)
            image.load()
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    return image.convert("RGBA")


def draw_icon(look: TownLook, size: int, maskable: bool = False) -> bytes:
    """A square PNG: the coat of arms on the town's colour, or the town's initial in
    white. A maskable icon keeps everything inside the central safe zone (a circle of
    80 % of the width), since the launcher may cut it to any shape."""
    canvas = Image.new("RGBA", (size, size), look.primary_colour)
    content = round(size * (0.56 if maskable else 0.72))
    arms = _arms_image(look)
    if arms is not None:
        plate = round(size * (0.7 if maskable else 0.86))
        if not maskable:
            canvas = Image.new("RGBA", (size, size), (0, 0, 0, 0))
            ImageDraw.Draw(canvas).rounded_rectangle(
                (0, 0, size - 1, size - 1), radius=size // 6, fill=look.primary_colour
            )
        offset = (size - plate) // 2
        ImageDraw.Draw(canvas).ellipse(
            (offset, offset, offset + plate, offset + plate), fill=BACKGROUND
        )
        arms.thumbnail((content, content), Image.Resampling.LANCZOS)
        canvas.alpha_composite(arms, ((size - arms.width) // 2, (size - arms.height) // 2))
    else:
        draw = ImageDraw.Draw(canvas)
        font = _font(content)
        box = draw.textbbox((0, 0), look.initial, font=font)
        x = (size - (box[2] - box[0])) / 2 - box[0]
        y = (size - (box[3] - box[1])) / 2 - box[1]
        draw.text((x, y), look.initial, font=font, fill="#ffffff")
    buffer = BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def town_icon(look: TownLook, size: int, maskable: bool = False) -> bytes:
    """``draw_icon``, drawn once per look and kept in the town's cache."""
    key = f"pwa:icon:{look.version}:{size}:{int(maskable)}"
    png = cache.get(key)
    if png is None:
        png = draw_icon(look, size, maskable)
        cache.set(key, png, ICON_CACHE_SECONDS)
    return png


def account_marker(request: HttpRequest) -> str:
    """An opaque, stable name for the person logged in in this browser ('' for nobody):
    the pages carry it so that the browser forgets the saved obligations of anyone else.
    It reveals nothing about who it is."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    schema = getattr(getattr(request, "tenant", None), "schema_name", "")
    return salted_hmac("eurzad.pwa.account", f"{schema}:{user.pk}").hexdigest()[:24]


@lru_cache(maxsize=1)
def _worker_source() -> str:
    return SERVICE_WORKER_SOURCE.read_text(encoding="utf-8")


def service_worker_script(request: TenantRequest) -> str:
    """The service worker: its code, preceded by this town's configuration (what to
    precache, under which version)."""
    source = (
        SERVICE_WORKER_SOURCE.read_text(encoding="utf-8") if settings.DEBUG else _worker_source()
    )
    look = town_look(request)
    config: dict[str, Any] = {
        "offlineUrl": OFFLINE_URL,
        "precache": [
            OFFLINE_URL,
            *(staticfiles_storage.url(name) for name in PRECACHED_STATIC),
            f"{icon_path(192)}?v={look.version}",
        ],
        "obligationsPaths": ["/konto/zobowiazania/", "/en/konto/zobowiazania/"],
        "logoutPaths": ["/logowanie/wyloguj/", "/en/logowanie/wyloguj/"],
        "privatePrefixes": list(PRIVATE_PREFIXES),
    }
    config["version"] = hashlib.sha256(
        (source + json.dumps(config, sort_keys=True) + settings.LANGUAGE_CODE).encode()
    ).hexdigest()[:16]
    return f"const EURZAD_PWA = {json.dumps(config)};\n{source}"
