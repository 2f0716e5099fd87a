"""Private files: what a resident or the office uploads or issues (powers of attorney,
case letters and attachments, anything later).

They never live under ``MEDIA_ROOT`` and have no public URL. Each town's files sit under
its own prefix (the schema name) in the private storage, under random names; the original
name is kept only as metadata. One authorised download view hands them out (see
``eurzad.identity.files``); in production the transfer itself is done by the web server
(``X-Accel-Redirect``) or by the object store (a short-lived signed URL).

- ``storage``: the two private storages (filesystem, S3-compatible) and ``private_storage``;
- ``fields``: ``PrivateFileField``, which names files at random and keeps the original name;
- ``kinds``: the registry of kinds of private files and who may read them;
- ``delivery``: the download response (headers, and the hand-over in production);
- ``moving``: moving files a town kept under its public media into the private storage.
"""
