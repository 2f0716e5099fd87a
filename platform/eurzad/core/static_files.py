"""Static files, answered before tenant routing: they are the same on every host, and a
refusal page (an unknown host, a closed town) links its stylesheet on that very host."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from whitenoise.middleware import WhiteNoiseMiddleware


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise for ``STATIC_URL`` only (this project serves nothing from
    ``WHITENOISE_ROOT``). It runs before the page cache, on every request: any other path
    passes on after one string comparison, even where WhiteNoise would look for the file
    on disk (``WHITENOISE_AUTOREFRESH`` in development and tests)."""

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path_info.startswith(self.static_prefix):
            return self.get_response(request)
        return super().__call__(request)
