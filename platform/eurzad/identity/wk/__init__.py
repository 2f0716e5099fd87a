"""Cryptographic core of the login.gov.pl (Węzeł Krajowy) SAML profile.

Pure Python modules, no Django models:

* :mod:`.xmlsafe` – parsing untrusted XML without DOCTYPE/entities;
* :mod:`.keys` – P-256 key pairs and self-signed certificates;
* :mod:`.xmlenc` – the WK ``EncryptedAssertion`` (ECDH-ES + ConcatKDF + AES-KW + AES-GCM);
* :mod:`.xmldsig` – enveloped ECDSA-SHA256 signatures with exclusive C14N.
"""
