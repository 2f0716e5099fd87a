"""An independent, TEST-ONLY login.gov.pl (Węzeł Krajowy) identity provider.

Written from the WK facts in docs/integrations/login-gov.md only; it imports nothing from
``eurzad`` (neither the SP nor its simulator). See :mod:`tests.wk_idp.server`.
"""
