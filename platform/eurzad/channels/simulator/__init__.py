"""Stand-ins for ePUAP (WS-Pull over SOAP, with WS-Security) and e-Doręczenia (the UA API
with its OIDC token endpoint, in :mod:`.ade`), and for Profil Zaufany signing the forms
residents send, for the demo and the tests. Served only when SIMULATORS_ENABLED is on;
production settings refuse to start with it.

The simulator plays ePUAP's registry of systems from the towns' own configuration: a
request for podmiot X is checked against the certificate in the ChannelConfig that names
podmiot X (the equivalent of the office uploading its certificate in ePUAP's panel), and
a mailbox is readable only by the podmiot it belongs to. Mailboxes live in Redis, never
in a town's schema."""
