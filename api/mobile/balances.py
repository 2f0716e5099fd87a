"""``GET /api/v1/mobile/balances/``: the acting Party's balance (rozliczenie) by year and
kind of obligation, as Mój e-Urząd's /konto/rozliczenie/ shows it
(:mod:`eurzad.finance.balances`): the tax system's figures where the office has sent them,
the portal's own for today elsewhere, each row saying which."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from api.mobile.serializers import Money
from api.mobile.views import ResidentView, for_acting_party
from eurzad.finance.balances import account_balances


class MobileBalanceFiguresSerializer(serializers.Serializer):
    assessed = Money(help_text="Przypis.")
    corrections = Money(help_text="Przypis korekcyjny (ujemny, gdy kwotę obniżono).")
    written_off = Money(help_text="Odpisy i umorzenia.")
    paid = Money(help_text="Wpłaty (na należność i na odsetki).")
    arrears = Money(help_text="Zaległość (po terminie, bez odsetek).")
    interest = Money(help_text="Odsetki na dzień as_of.")
    overpayment = Money(help_text="Nadpłata.")
    to_pay = Money(help_text="Do zapłaty: pozostała należność z odsetkami.")


class MobileKindBalanceSerializer(serializers.Serializer):
    kind = serializers.CharField(source="kind.name")
    kind_code = serializers.CharField(source="kind.code")
    by_office = serializers.BooleanField(
        help_text="true: kwoty systemu podatkowego urzędu (wiążące), stan na as_of; false: "
        "wyliczone w portalu na dziś (as_of to dzisiejsza data)."
    )
    as_of = serializers.DateField()
    figures = MobileBalanceFiguresSerializer()


class MobileYearBalanceSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    totals = MobileBalanceFiguresSerializer(source="total")
    kinds = MobileKindBalanceSerializer(many=True)


class MobileBalanceOverviewSerializer(serializers.Serializer):
    party = serializers.IntegerField(help_text="Strona, której dotyczą dane.")
    today = serializers.DateField(source="overview.today")
    years = MobileYearBalanceSerializer(source="overview.years", many=True)
    unassigned_overpayment = Money(
        source="overview.unassigned_overpayment",
        help_text="Nadpłata z wpłat bez wskazanego zobowiązania (poza latami).",
    )


class BalancesView(ResidentView):
    @for_acting_party(
        "mobile_balances",
        "Rozliczenie",
        MobileBalanceOverviewSerializer,
        "Rozliczenie strony wg lat (najnowsze pierwsze) i rodzajów: przypis, przypis "
        "korekcyjny, odpisy i umorzenia, wpłaty, zaległość, odsetki, nadpłata, do zapłaty; "
        "kwoty systemu podatkowego urzędu albo wyliczone w portalu na dziś (by_office).",
    )
    def get(self, request: Request) -> Response:
        party = self.acting_party()
        data = {"party": party.pk, "overview": account_balances(party)}
        return Response(MobileBalanceOverviewSerializer(data).data)
