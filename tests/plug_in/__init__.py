"""A made-up app ("Psy i koty": the dog fee and the pet register) that exists only for
``tests/test_plug_in_app.py``: it plugs itself into the platform from its own
``AppConfig.ready`` and no other app knows it."""
