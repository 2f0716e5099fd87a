"""Walks a database connection through programs of transaction steps and checks, after
each step, that a query runs in the schema the connection is switched to and reads that
town's own data (tests/core/test_search_path.py).

A program is a string of steps, one letter each (``STEPS``): switch to a town or to
public, enter an atomic block (with or without a savepoint), leave it normally or by an
exception, mark it for rollback, let a statement fail and catch the error inside the
block, register an on_commit callback (which checks too), query (through a normal or a
server-side cursor), run a manual transaction and commit or roll it back (through Django
or the driver), close the connection."""

from __future__ import annotations

import contextlib
import itertools
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import psycopg
from django.db import DatabaseError, connections, transaction
from django.db.transaction import Atomic, TransactionManagementError
from psycopg.pq import TransactionStatus
from wagtail.models import Site

from tenants.models import Municipality
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST

HOSTS = {"zembrzyce": ZEMBRZYCE_HOST, "glogow": GLOGOW_HOST}
# The schema a query runs in and, in a town's, whose site it reads.
TOWN_PROBE = (
    "SELECT current_schema(), array(SELECT hostname FROM wagtailcore_site WHERE is_default_site)"
)
PUBLIC_PROBE = "SELECT current_schema(), NULL"
#: Every program of up to EXHAUSTIVE_LENGTH of these steps is run (exhaustive_programs).
EXHAUSTIVE = "AB[]!ec"
EXHAUSTIVE_LENGTH = 4


class Boom(Exception):
    """Leaves an atomic block by an exception."""


def no_query_ran(error: DatabaseError) -> bool:
    """Whether ``error`` refused a query because its transaction had already failed (so
    it read nothing, from any schema)."""
    return isinstance(error, TransactionManagementError) or isinstance(
        error.__cause__, psycopg.errors.InFailedSqlTransaction
    )


@dataclass
class Walk:
    """Runs programs on the connection ``alias``, noting in ``wrong`` every query that
    ran in another schema than the connection's, or read another town's data."""

    alias: str
    towns: dict[str, Municipality]
    probe_every_step: bool = True
    blocks: list[Atomic] = field(default_factory=list)
    trail: str = ""
    wrong: list[str] = field(default_factory=list)

    @property
    def db(self) -> Any:  # ours or django-tenants' own wrapper
        return connections[self.alias]

    @property
    def failed(self) -> bool:
        """In a transaction in which a statement failed."""
        driver = self.db.connection
        return driver is not None and driver.info.transaction_status == TransactionStatus.INERROR

    @property
    def manual(self) -> bool:
        """In a transaction of its own (autocommit off), outside any atomic block."""
        return not self.blocks and self.db.connection is not None and not self.db.autocommit

    def run(self, steps: Iterable[str]) -> None:
        """Start on the public schema (as every request does), run ``steps``, roll back
        what is left open and check once more."""
        self.db.set_schema_to_public()
        self.check("at the start")
        for step in steps:
            if not STEPS[step].allowed(self):  # "]" after a "[" refused by a failed transaction
                continue
            self.trail += step
            STEPS[step].action(self)
            if self.probe_every_step and step not in "qi":
                self.check("after it")
        self.unwind()
        self.check("at the end")
        self.trail = ""

    def unwind(self) -> None:
        """Roll back every block and transaction left open."""
        while self.blocks:
            self.leave_by_exception()
        if self.manual:
            self.db.rollback()
            self.db.set_autocommit(True)

    def check(self, moment: str = "at q", *, server_side: bool = False) -> None:
        expected = self.db.schema_name
        town = expected in HOSTS
        try:
            if server_side and town:
                sites = Site.objects.using(self.alias).filter(is_default_site=True)
                schema, hosts = expected, [site.hostname for site in sites.iterator()]
            else:
                with self.db.cursor() as cursor:
                    cursor.execute(TOWN_PROBE if town else PUBLIC_PROBE)
                    schema, hosts = cursor.fetchone()
        except DatabaseError as error:
            if no_query_ran(error):
                return
            if not isinstance(error.__cause__, psycopg.errors.UndefinedTable):
                raise
            schema, hosts = "public (no wagtailcore_site)", None
        if schema != expected or (town and hosts != [HOSTS[expected]]):
            ran = schema if schema != expected else f"{schema}, reading the data of {hosts}"
            self.wrong.append(f"{self.trail!r} {moment}: {expected} expected, ran in {ran}")

    def switch(self, schema: str) -> None:
        if schema == "public":
            self.db.set_schema_to_public()
        else:
            self.db.set_tenant(self.towns[schema])

    def enter(self, *, savepoint: bool = True) -> None:
        block = transaction.atomic(using=self.alias, savepoint=savepoint)
        try:
            block.__enter__()
        except DatabaseError as error:  # no savepoint in a failed transaction
            assert no_query_ran(error), error
        else:
            self.blocks.append(block)

    def leave(self) -> None:
        with contextlib.suppress(DatabaseError):  # releasing a failed transaction's savepoint
            self.blocks.pop().__exit__(None, None, None)

    def leave_by_exception(self) -> None:
        self.blocks.pop().__exit__(Boom, Boom(), None)

    def fail_a_statement(self) -> None:
        with contextlib.suppress(DatabaseError), self.db.cursor() as cursor:
            cursor.execute("SELECT 1 / 0")  # caught inside the block, as careless code does


@dataclass(frozen=True)
class Step:
    action: Callable[[Walk], object]
    allowed: Callable[[Walk], bool] = lambda walk: True


def _in_block(walk: Walk) -> bool:
    return bool(walk.blocks)


def _may_enter(walk: Walk) -> bool:
    # Django leaves a manual transaction marked as in an atomic block when the block's
    # savepoint is refused (the transaction failed): not a state worth walking on from.
    return not (walk.manual and walk.failed)


def _outside_transactions(walk: Walk) -> bool:
    return not walk.blocks and not walk.manual


def _manual(walk: Walk) -> bool:
    return walk.manual


STEPS: dict[str, Step] = {
    "A": Step(lambda walk: walk.switch("zembrzyce")),
    "B": Step(lambda walk: walk.switch("glogow")),
    "P": Step(lambda walk: walk.switch("public")),
    "[": Step(lambda walk: walk.enter(), _may_enter),
    "{": Step(lambda walk: walk.enter(savepoint=False), _may_enter),
    "]": Step(Walk.leave, _in_block),
    "!": Step(Walk.leave_by_exception, _in_block),
    "r": Step(lambda walk: transaction.set_rollback(True, using=walk.alias), _in_block),
    "e": Step(Walk.fail_a_statement),
    "c": Step(
        lambda walk: transaction.on_commit(lambda: walk.check("in on_commit"), using=walk.alias),
        lambda walk: not walk.manual,
    ),
    "q": Step(Walk.check),
    "i": Step(lambda walk: walk.check("server-side cursor", server_side=True)),
    # A manual transaction: autocommit off, then commit or roll back through Django ...
    "m": Step(lambda walk: walk.db.set_autocommit(False), _outside_transactions),
    "k": Step(lambda walk: walk.db.commit(), _manual),
    "l": Step(lambda walk: walk.db.rollback(), _manual),
    # ... or on the driver's connection, behind Django's back.
    "K": Step(lambda walk: walk.db.connection.commit(), _manual),
    "x": Step(lambda walk: walk.db.close(), _outside_transactions),
}


def exhaustive_programs() -> Iterator[str]:
    """Every program of up to EXHAUSTIVE_LENGTH steps of EXHAUSTIVE that leaves a block
    only once it entered one (1,080 of them)."""
    for length in range(1, EXHAUSTIVE_LENGTH + 1):
        for program in itertools.product(EXHAUSTIVE, repeat=length):
            depth = 0
            for step in program:
                if step in "]!" and depth == 0:
                    break
                depth += {"[": 1, "]": -1, "!": -1}.get(step, 0)
            else:
                yield "".join(program)


def random_programs(walk: Walk, count: int, length: int, seed: int) -> Iterator[Iterator[str]]:
    """``count`` programs of ``length`` steps of every kind, each step drawn from those
    allowed in the state the walk has reached when it is drawn."""
    chooser = random.Random(seed)

    def program() -> Iterator[str]:
        for _ in range(length):
            yield chooser.choice([step for step in STEPS if STEPS[step].allowed(walk)])

    for _ in range(count):
        yield program()
