"""Queries built once per process (``eurzad.core.postgresql.compiled``): each call gives
what the same queryset would give for its parameter values, in the town the connection
is in, and a parameter compiling cannot place is refused, never guessed."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django_tenants.utils import schema_context

from eurzad.accounts.models import User
from eurzad.core.postgresql.compiled import CompiledQuery
from eurzad.finance.models import ScheduleRule
from eurzad.identity.accounts import open_account
from eurzad.identity.backends import REPRESENTS_OTHERS, ResidentSessionBackend
from eurzad.identity.models import Representation, Resident
from eurzad.identity.representation import in_force
from eurzad.parties.models import Party

pytestmark = pytest.mark.django_db


def _parties_named(last_name: str, city: str):
    return Party.objects.filter(last_name=last_name, city=city).order_by("pk")


def _residents(user_id: int, today: date):
    mandates = Representation.objects.filter(in_force(today), resident=OuterRef("pk"))
    return (
        Resident.objects.select_related("party", "user")
        .annotate(represents=Exists(mandates))
        .filter(user_id=user_id)
    )


def test_each_call_gives_the_querysets_rows_for_its_values(towns):
    query = CompiledQuery(
        lambda last_name, city: _parties_named(last_name, city).values_list("pk", "pesel"),
        last_name="¤example¤", city="¤town¤",
    )  # fmt: skip
    with schema_context("zembrzyce"):
        seen = 0
        for party in Party.objects.exclude(last_name="").order_by("pk")[:5]:
            expected = list(_parties_named(party.last_name, party.city).values_list("pk", "pesel"))
            assert query.rows(last_name=party.last_name, city=party.city) == expected
            assert query.count(last_name=party.last_name, city=party.city) == len(expected)
            seen += 1
        assert seen
        assert query.rows(last_name="Nikt", city="Nigdzie") == []
        assert query.count(last_name="Nikt", city="Nigdzie") == 0


def _three_residents(schema: str) -> list[Resident]:
    """Accounts of three new people of the town, the first holding a mandate for the
    second."""
    with schema_context(schema):
        people = [
            Party.objects.create(kind=Party.Kind.NATURAL, first_name=name, last_name="Próbna")
            for name in ("Anna", "Beata", "Celina")
        ]
        residents = [
            open_account(party, first_name=party.first_name, last_name=party.last_name)
            for party in people
        ]
        Representation.objects.create(
            resident=residents[0], party=people[1], scope="view", valid_from=date.today()
        )
        return residents


def test_instances_carry_what_is_selected_related_and_annotated(towns):
    query = CompiledQuery(_residents, user_id=-7_001, today=date(1901, 2, 3))
    residents = _three_residents("zembrzyce")
    with schema_context("zembrzyce"):
        for resident in residents:
            [found] = query.instances(user_id=resident.user_id, today=date.today())
            [expected] = _residents(resident.user_id, date.today())
            assert found == expected
            assert found._state.adding is False and found._state.db == "default"
            assert found.party == expected.party and found.user == expected.user
            assert found.party.display_name == expected.party.display_name
            assert found.represents is expected.represents
        assert [r.represents for r in query_all(query, residents)] == [True, False, False]
        assert query.instances(user_id=0, today=date.today()) == []


def query_all(query: CompiledQuery, residents: list[Resident]) -> list[Resident]:
    return [query.instances(user_id=r.user_id, today=date.today())[0] for r in residents]


def test_a_related_row_that_is_missing_is_none(towns):
    query = CompiledQuery(
        lambda user_id: User.objects.select_related("resident").filter(pk=user_id),
        user_id=-7_001,
    )
    with schema_context("zembrzyce"):
        user = User.objects.create_user("bez-konta-mieszkanca")
        [found] = query.instances(user_id=user.pk)
        with pytest.raises(User.resident.RelatedObjectDoesNotExist):
            found.resident  # loading it is the check


def test_the_fields_own_conversions_apply(towns):
    query = CompiledQuery(
        lambda rule_id: ScheduleRule.objects.filter(pk=rule_id).values_list("due_dates"),
        rule_id=-7_001,
    )
    with schema_context("zembrzyce"):
        rules = list(ScheduleRule.objects.exclude(due_dates=[]).values_list("pk", "due_dates"))
        assert rules, "the demo defines schedule rules"
        for pk, due_dates in rules:
            assert query.rows(rule_id=pk) == [(due_dates,)]
            assert not isinstance(due_dates, str)  # JSON read back, not its text


def test_compiled_in_one_town_it_reads_the_town_the_connection_is_in(towns):
    query = CompiledQuery(lambda kind: Party.objects.filter(kind=kind).values_list("pk"), kind="¤")
    counts = {}
    for schema in ("zembrzyce", "glogow", "zembrzyce"):
        with schema_context(schema):
            expected = Party.objects.filter(kind=Party.Kind.NATURAL).count()
            counts[schema] = query.count(kind=Party.Kind.NATURAL)
            assert counts[schema] == expected
    with schema_context("glogow"):
        Party.objects.create(kind=Party.Kind.NATURAL, first_name="Ewa", last_name="Nowa")
        assert (
            query.count(kind=Party.Kind.NATURAL)
            == Party.objects.filter(kind=Party.Kind.NATURAL).count()
        )
    with schema_context("zembrzyce"):
        assert query.count(kind=Party.Kind.NATURAL) == counts["zembrzyce"]


def test_the_session_user_of_a_town_is_that_towns(towns):
    backend = ResidentSessionBackend()
    for schema in ("zembrzyce", "glogow"):
        residents = _three_residents(schema)
        with schema_context(schema):
            for resident, represents in zip(residents, (True, False, False), strict=True):
                user = backend.get_user(str(resident.user_id))
                assert user == resident.user
                assert user.resident.party == resident.party
                assert getattr(user, REPRESENTS_OTHERS) is represents
            assert backend.get_user("not a number") is None
            assert backend.get_user(str(10**9)) is None


def test_a_parameter_the_compiled_query_does_not_carry_as_given_is_refused(towns):
    query = CompiledQuery(
        lambda fragment: Party.objects.filter(Q(last_name__contains=fragment)).values_list("pk"),
        fragment="¤",
    )  # the pattern %¤% is what the ORM passes, not the value given
    with schema_context("zembrzyce"), pytest.raises(ImproperlyConfigured, match="fragment"):
        query.rows(fragment="Kowal")


def test_every_parameter_must_be_given(towns):
    query = CompiledQuery(lambda kind: Party.objects.filter(kind=kind).values_list("pk"), kind="¤")
    with schema_context("zembrzyce"), pytest.raises(TypeError):
        query.rows()


def test_a_bound_query_pages_as_the_queryset_would(towns):
    query = CompiledQuery(
        lambda last_name: Party.objects.filter(last_name=last_name).order_by("-pk"),
        last_name="¤",
    )
    with schema_context("glogow"):
        for number in range(7):
            Party.objects.create(
                kind=Party.Kind.NATURAL, first_name=f"Osoba {number}", last_name="Stronicowa"
            )
        bound = query.bound(last_name="Stronicowa")
        compiled_pages = Paginator(bound, 3)
        orm_pages = Paginator(Party.objects.filter(last_name="Stronicowa").order_by("-pk"), 3)
        assert compiled_pages.count == 7 and compiled_pages.num_pages == 3
        for number in (1, 2, 3):
            assert list(compiled_pages.page(number)) == list(orm_pages.page(number))
        assert bound[5:] == list(Party.objects.filter(last_name="Stronicowa").order_by("-pk")[5:])
        assert bound[4:2] == []
        with pytest.raises(TypeError):
            bound[::2]
