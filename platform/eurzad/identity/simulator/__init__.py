"""A stand-in for login.gov.pl (Węzeł Krajowy) that speaks the same SAML profile, for the
demo and the tests. Served only when SIMULATORS_ENABLED is on; production refuses that."""
