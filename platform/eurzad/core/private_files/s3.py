"""The private storage in an S3-compatible object store (``PRIVATE_FILES_STORAGE=s3``).

Kept out of ``storage`` so that boto3 is imported only where it is configured.
"""

from __future__ import annotations

import posixpath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from storages.backends.s3 import S3Storage

from eurzad.core.private_files.storage import download_url, town_prefix


class PrivateS3Storage(S3Storage):
    """Objects under ``<PRIVATE_FILES_S3_PREFIX>/<schema>/`` in a private bucket (public
    access blocked on the bucket); a download is a redirect to a signed URL that lives
    ``PRIVATE_FILES_URL_SECONDS``."""

    # No ACL on the objects: new AWS buckets have ACLs disabled (BucketOwnerEnforced) and
    # refuse any upload that carries one; the bucket blocks public access instead.
    default_acl = None
    querystring_auth = True
    file_overwrite = False

    def __init__(self, **options: object) -> None:
        super().__init__(
            **{
                "bucket_name": settings.PRIVATE_FILES_S3_BUCKET,
                "endpoint_url": settings.PRIVATE_FILES_S3_ENDPOINT_URL or None,
                "region_name": settings.PRIVATE_FILES_S3_REGION or None,
                "access_key": settings.PRIVATE_FILES_S3_ACCESS_KEY_ID or None,
                "secret_key": settings.PRIVATE_FILES_S3_SECRET_ACCESS_KEY or None,
                "addressing_style": settings.PRIVATE_FILES_S3_ADDRESSING_STYLE or None,
                "querystring_expire": settings.PRIVATE_FILES_URL_SECONDS,
                **options,
            }
        )

    @property  # the town changes from request to request
    def location(self) -> str:
        prefix = settings.PRIVATE_FILES_S3_PREFIX.strip("/")
        try:
            return posixpath.join(prefix, town_prefix())
        except SuspiciousFileOperation:
            return prefix  # only while the storage is built; no file is reached from here

    @location.setter
    def location(self, value: str) -> None:
        # S3Storage.__init__ assigns AWS_LOCATION; the town's prefix is derived instead.
        pass

    def _normalize_name(self, name: str) -> str:
        town_prefix()  # every object operation happens inside a town, or not at all
        return super()._normalize_name(name)

    def url(self, name: str | None, *args: object, **kwargs: object) -> str:
        return download_url(name or "")

    def signed_url(self, name: str, *, disposition: str, content_type: str) -> str:
        """A URL the object store answers for ``PRIVATE_FILES_URL_SECONDS`` only, which
        makes it send the download's own Content-Disposition and Content-Type."""
        return super().url(
            name,
            parameters={
                "ResponseContentDisposition": disposition,
                "ResponseContentType": content_type,
                "ResponseCacheControl": "private, no-store",
            },
            expire=settings.PRIVATE_FILES_URL_SECONDS,
        )
