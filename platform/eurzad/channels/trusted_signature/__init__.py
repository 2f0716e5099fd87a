"""Podpis zaufany (trusted-profile signature) through the government's TpSigning5 service.

The e-services flow calls :func:`start_signing` with the application's XML, sends the
browser to the URL it returns, and once the browser is back on the success URL calls
:func:`fetch_signed` for the signed XML and its signer. The town's configuration is its
ePUAP one (:func:`signing_config`). Reference: docs/integrations/podpis-zaufany.md.
"""

from eurzad.channels.trusted_signature.client import (
    fetch_signed,
    signing_config,
    signing_endpoint,
    start_signing,
)
from eurzad.channels.trusted_signature.signed import SignedDocument, TrustedSignatureError

__all__ = [
    "SignedDocument",
    "TrustedSignatureError",
    "fetch_signed",
    "signing_config",
    "signing_endpoint",
    "start_signing",
]
