"""Benchmarks run with logging on as in production: every request writes its request line
(LOG_LEVEL=INFO), through the ``access`` handler, to a real file instead of the terminal."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from eurzad.core.access_log import LOGGER_NAME, PreformattedFormatter


@pytest.fixture(scope="session", autouse=True)
def request_lines_to_a_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    logger = logging.getLogger(LOGGER_NAME)
    assert logger.isEnabledFor(logging.INFO), "benchmarks measure with the request log on"
    [handler] = [h for h in logger.handlers if isinstance(h.formatter, PreformattedFormatter)]
    assert isinstance(handler, logging.StreamHandler)
    path = tmp_path_factory.mktemp("logs") / "requests.log"
    with path.open("a", encoding="utf-8") as stream:
        previous = handler.setStream(stream)
        try:
            yield
        finally:
            handler.setStream(previous)


@pytest.fixture(scope="session", autouse=True)
def templates_rendered_as_in_production() -> Iterator[None]:
    """The test environment makes every template render send a signal (for the test
    client's ``response.templates``); production does not, so the benchmarks don't."""
    from django.template import Template
    from django.test.utils import _TestState  # type: ignore[attr-defined]

    saved = getattr(_TestState, "saved_data", None)
    if saved is None:
        yield
        return
    instrumented = Template._render
    Template._render = saved.template_render  # type: ignore[method-assign]
    try:
        yield
    finally:
        Template._render = instrumented  # type: ignore[method-assign]
