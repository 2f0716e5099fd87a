"""The operator's services on towns, one module per job, used alike by the console views,
the ``town`` and ``operator`` management commands and the operator API:

- :mod:`.actions`: who acts (:class:`~.actions.Actor`), the operators' audit log
  (:func:`~.actions.record`) and :class:`~.actions.LifecycleError`;
- :mod:`.lifecycle`: a town from onboarding to deletion (domains, suspension, the town list);
- :mod:`.archive`: a town to an export file and back (``pg_dump`` / ``pg_restore``);
- :mod:`.integrations`: a town's login.gov.pl, channel and gateway configuration.
- :mod:`.interest`: the platform's table of statutory interest rates (every town reads it).

Every service that changes something records an :class:`~tenants.console.models.OperatorAction`.
"""
