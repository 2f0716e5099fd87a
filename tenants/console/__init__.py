"""The operator console of the platform host: operators with 2FA, the lifecycle of
towns (onboard, domains, integrations, suspend, archive, restore, delete), the audit of
every operator action, and the operator REST API."""
