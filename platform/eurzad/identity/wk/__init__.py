"""The login.gov.pl (Węzeł Krajowy) SAML profile's own messages: the ArtifactResponse
chain (:mod:`.artifact_response`) and its date formats (:mod:`.xsd`). The XML signatures,
encryption and safe parsing they rest on are in :mod:`eurzad.core.xmlsecurity`."""
