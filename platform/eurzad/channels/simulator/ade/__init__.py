"""The e-Doręczenia stand-in: the operator's OIDC token endpoint and its User Agent API
(contract 3.x), with simulated mailboxes of residents who collect (or do not collect)
what the towns send them."""
