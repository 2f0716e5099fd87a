"""The simulator's own signing key and certificate, generated on first use under
.eurzad/wk-simulator/ (never in git)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings

from eurzad.core.xmlsecurity import keys

# A bare name like the WK's own issuers (int.login.gov.pl), not an address.
ENTITY_ID = "symulator-wk.eurzad.local"


@lru_cache(maxsize=1)
def idp_key_and_certificate() -> tuple[str, str]:
    folder = Path(settings.STATE_DIR) / "wk-simulator"
    key_file, cert_file = folder / "idp-key.pem", folder / "idp-cert.pem"
    if not key_file.exists():
        folder.mkdir(parents=True, exist_ok=True)
        private_pem, certificate_pem = keys.generate_key_and_certificate(
            "Symulator Węzła Krajowego (eurzad)", days=3650
        )
        key_file.write_bytes(private_pem)
        key_file.chmod(0o600)
        cert_file.write_bytes(certificate_pem)
    return key_file.read_text(), cert_file.read_text()
