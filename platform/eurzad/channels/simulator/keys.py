"""The simulator's own key material, generated on first use under
``STATE_DIR/epuap-simulator/`` (never in git): the provider key that signs ePUAP's
responses and UPOs, and the Profil Zaufany CA with the signing certificate it issued."""

from __future__ import annotations

import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from eurzad.channels.keys import generate_rsa_key, issue_certificate
from eurzad.core.xmlsecurity.keys import certificate_to_pem, private_key_to_pem

__all__ = ["profil_zaufany_ca", "profil_zaufany_signer", "provider_key_and_certificate"]

FILES = (
    "provider-key.pem",
    "provider-cert.pem",
    "pz-ca-key.pem",
    "pz-ca-cert.pem",
    "pz-key.pem",
    "pz-cert.pem",
)


def _generate(folder: Path) -> None:
    provider = generate_rsa_key()
    ca_key = generate_rsa_key()
    ca = issue_certificate(ca_key, "Symulator Profilu Zaufanego – CA (eurzad)", ca=True, days=3650)
    signer_key = generate_rsa_key()
    signer = issue_certificate(
        signer_key,
        "Symulator Profilu Zaufanego – podpis (eurzad)",
        issuer_key=ca_key,
        issuer=ca,
        days=3650,
    )
    contents = {
        "provider-key.pem": private_key_to_pem(provider),
        "provider-cert.pem": certificate_to_pem(
            issue_certificate(provider, "Symulator ePUAP (eurzad)", days=3650)
        ),
        "pz-ca-key.pem": private_key_to_pem(ca_key),
        "pz-ca-cert.pem": certificate_to_pem(ca),
        "pz-key.pem": private_key_to_pem(signer_key),
        "pz-cert.pem": certificate_to_pem(signer),
    }
    for name, data in contents.items():
        (folder / name).write_bytes(data)
        if name.endswith("key.pem"):
            (folder / name).chmod(0o600)


@lru_cache(maxsize=1)
def _material() -> dict[str, str]:
    folder = Path(settings.STATE_DIR) / "epuap-simulator"
    if not (folder / FILES[-1]).exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        # Generated aside and moved into place in one step: the web server and the test
        # process may both get here first, and must end up with the same keys.
        staging = Path(tempfile.mkdtemp(prefix=".epuap-simulator-", dir=folder.parent))
        _generate(staging)
        try:
            os.rename(staging, folder)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
    return {name: (folder / name).read_text() for name in FILES}


def provider_key_and_certificate() -> tuple[str, str]:
    """Key and certificate ePUAP (simulated) signs its responses and UPOs with."""
    material = _material()
    return material["provider-key.pem"], material["provider-cert.pem"]


def profil_zaufany_ca() -> tuple[str, str]:
    material = _material()
    return material["pz-ca-key.pem"], material["pz-ca-cert.pem"]


def profil_zaufany_signer() -> tuple[str, str]:
    """Key and certificate (issued by the PZ CA) documents are signed with."""
    material = _material()
    return material["pz-key.pem"], material["pz-cert.pem"]
