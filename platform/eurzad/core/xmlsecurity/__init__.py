"""XML security used wherever the platform signs, encrypts or reads untrusted XML: the
login.gov.pl SAML profile, ePUAP (WS-Security, XAdES, UPO), e-Doręczenia evidence.

Pure Python modules, no Django models:

* :mod:`.xmlsafe` – parsing untrusted XML without DOCTYPE/entities;
* :mod:`.keys` – key pairs and self-signed X.509 certificates;
* :mod:`.xmlenc` – XML encryption as the Węzeł Krajowy uses it (ECDH-ES + ConcatKDF +
  AES-KW + AES-GCM);
* :mod:`.xmldsig` – enveloped signatures with exclusive C14N.
"""
