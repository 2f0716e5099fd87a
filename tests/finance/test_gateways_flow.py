"""Online payment end to end over HTTP: the resident's cart on a town's host (a real
gunicorn), the Przelewy24 simulator on the platform host, its notifications to the town,
verify, booking; failures, abandonment, late and repeated notifications, concurrency,
reconciliation and the border between towns."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from decimal import Decimal

import pytest
import requests
from django.utils import timezone
from django_tenants.utils import schema_context

from eurzad.finance.gateways.contrib.przelewy24.plugin import Przelewy24
from eurzad.finance.gateways.contrib.przelewy24.signing import notification_sign
from eurzad.finance.gateways.models import GatewayConfig, GatewayNotification, PaymentIntent
from eurzad.finance.gateways.registry import GatewayError
from eurzad.finance.gateways.services import (
    Item,
    PaymentRefused,
    gateway_config,
    reconcile_intent,
    reconcile_town,
    start_payment,
)
from eurzad.finance.models import Installment, Payment
from eurzad.identity.models import Representation
from eurzad.notifications.models import Notification
from tests.finance.payments_factories import (  # noqa: F401 - fixtures
    Debtor,
    HostClient,
    payments_server_fixture,
    world_fixture,
)

pytestmark = pytest.mark.slow
ZEMBRZYCE = "zembrzyce.localhost"
GLOGOW = "glogow.localhost"


def town(server, host: str, path: str) -> str:
    return server.url(host, path)


def pay_through_simulator(
    server,
    debtor: Debtor,
    choice: str,
    amounts: dict | None = None,
    client: HostClient | None = None,
):
    """Cart → Zapłać → the simulator's page → the tester's choice → back to the town.
    ``client``: one already logged in (else a new one logs the debtor in)."""
    if client is None:
        client = HostClient(server)
        client.login(ZEMBRZYCE, debtor.schema, debtor.resident)
    data = [("installment", str(i.pk)) for i in debtor.installments]
    data += [(f"amount-{pk}", value) for pk, value in (amounts or {}).items()]
    cart = client.post_form(town(server, ZEMBRZYCE, "/konto/platnosci/koszyk/"), data)
    assert cart.status_code == 200, cart.text[-2000:]
    assert "Koszyk płatności" in cart.text
    to_gateway = client.post_form(
        town(server, ZEMBRZYCE, "/konto/platnosci/zaplac/"), {}, follow=False
    )
    assert to_gateway.status_code == 302, server.log_tail()
    page_url = to_gateway.headers["Location"]
    assert "/symulator-p24/trnRequest/" in page_url
    page = client.get(page_url)
    assert page.status_code == 200 and "Co robi płacący?" in page.text
    back = client.post_form(page_url, {"choice": choice})
    return client, back


def intent_of(debtor: Debtor) -> PaymentIntent:
    with schema_context(debtor.schema):
        return PaymentIntent.objects.filter(party=debtor.party).latest("pk")


def installment(debtor: Debtor, index: int = 0) -> Installment:
    with schema_context(debtor.schema):
        return Installment.objects.get(pk=debtor.installments[index].pk)


def payments(debtor: Debtor) -> int:
    with schema_context(debtor.schema):
        return Payment.objects.filter(party=debtor.party).count()


def send_pending(client: HostClient, server) -> None:
    answer = client.post_form(f"{server.base}/symulator-p24/powiadomienia/", {})
    assert answer.status_code == 200 and "Wysłano powiadomień" in answer.text


def test_each_demo_town_pays_through_its_own_simulated_gateway(towns):
    """Zembrzyce pays through Przelewy24, Głogów through PayU (its Przelewy24 stays enabled
    behind it); every contract has its own keys. Also makes pytest-django create the test
    database for a ``-k gateways`` run: the committed-data tests below do not ask for
    ``db`` themselves."""
    merchants = set()
    for schema, first in (("zembrzyce", "przelewy24"), ("glogow", "payu")):
        with schema_context(schema):
            assert gateway_config().gateway == first
            config = GatewayConfig.objects.get(gateway="przelewy24")
            assert config.enabled and config.environment == "local"
            assert config.crc_key and config.crc_key not in config.crc_key_sealed
            merchants.add(config.merchant_id)
    assert len(merchants) == 2
    with schema_context("glogow"):
        payu = GatewayConfig.objects.get(gateway="payu")
    assert payu.environment == "local" and payu.client_id == payu.merchant_id
    assert payu.second_key and payu.second_key not in payu.second_key_sealed
    assert payu.client_secret and payu.client_secret != payu.second_key


def test_successful_payment_is_booked_once_and_the_resident_is_told(payments_server, world):
    debtor = world.debtor("zembrzyce", ("120.50", "80.00"))
    _client, back = pay_through_simulator(payments_server, debtor, "pay")
    assert back.status_code == 200
    assert "Płatność przyjęta" in back.text
    intent = intent_of(debtor)
    assert intent.status == "succeeded"
    assert intent.amount == Decimal("200.50")
    # The town's cost, not the resident's: 1.2 % + 0.30 zł of the simulated contract.
    assert intent.fee == Decimal("2.71")
    assert installment(debtor, 0).paid == Decimal("120.50")
    assert installment(debtor, 1).state == "paid"
    assert payments(debtor) == 1
    with schema_context("zembrzyce"):
        assert (
            Notification.objects.filter(
                recipient=debtor.resident.user, key=f"payment-intent-{intent.pk}"
            ).count()
            == 1
        )


def test_partial_amount_pays_only_that_part(payments_server, world):
    debtor = world.debtor("zembrzyce", ("100.00",))
    pk = debtor.installments[0].pk
    _client, back = pay_through_simulator(payments_server, debtor, "pay", {pk: "30,25"})
    assert "Płatność przyjęta" in back.text
    paid = installment(debtor)
    assert paid.paid == Decimal("30.25") and paid.state == "partial"


def test_refused_payment_books_nothing_and_frees_the_installment(payments_server, world):
    # Przelewy24 sends no notification for a failed payment, and by/sessionId reports it
    # as "no payment" (0): to the town it is a payment abandoned.
    debtor = world.debtor("zembrzyce")
    _client, back = pay_through_simulator(payments_server, debtor, "refuse")
    assert "Płatność przerwana" in back.text
    assert intent_of(debtor).status == "abandoned"
    assert installment(debtor).paid == Decimal("0.00")
    assert payments(debtor) == 0
    with schema_context("zembrzyce"):
        assert not GatewayNotification.objects.filter(intent__party=debtor.party).exists()
    _client, again = pay_through_simulator(payments_server, debtor, "pay")
    assert "Płatność przyjęta" in again.text


def test_refused_verify_of_an_advance_payment_books_nothing_until_a_verify_succeeds(
    payments_server, world
):
    debtor = world.debtor("zembrzyce")
    client, _back = pay_through_simulator(payments_server, debtor, "delayed")
    intent = intent_of(debtor)
    with schema_context("zembrzyce"):
        config = GatewayConfig.objects.get(gateway="przelewy24")
    plugin = Przelewy24()
    paid = plugin.state(config, session_id=intent.session_id)  # status 1: advance payment
    assert paid.outcome == "paid" and paid.transaction_id
    config.crc_key = "not-the-crc-key"  # in memory only: the verify's sign is refused
    with pytest.raises(GatewayError, match="czeka na weryfikację i nie jest zaksięgowana"):
        plugin.confirm(
            config, session_id=intent.session_id, transaction_id=paid.transaction_id,
            amount=10000, currency="PLN",
        )  # fmt: skip
    assert intent_of(debtor).status == "pending"
    assert payments(debtor) == 0
    send_pending(client, payments_server)  # the notification: verified, then booked
    assert intent_of(debtor).status == "succeeded"
    assert payments(debtor) == 1


def test_going_back_abandons_and_frees_the_installment(payments_server, world):
    debtor = world.debtor("zembrzyce")
    _client, back = pay_through_simulator(payments_server, debtor, "back")
    assert "Płatność przerwana" in back.text
    assert intent_of(debtor).status == "abandoned"
    assert payments(debtor) == 0
    # Not in an unfinished payment any more: it may be paid again.
    _client, again = pay_through_simulator(payments_server, debtor, "pay")
    assert "Płatność przyjęta" in again.text
    assert installment(debtor).paid == Decimal("100.00")


def test_late_notification_shows_pending_then_succeeds(payments_server, world):
    debtor = world.debtor("zembrzyce")
    client, back = pay_through_simulator(payments_server, debtor, "delayed")
    assert "Czekamy na potwierdzenie" in back.text
    assert 'http-equiv="refresh"' in back.text
    assert intent_of(debtor).status == "pending"
    assert installment(debtor).paid == Decimal("0.00")  # the return alone books nothing
    send_pending(client, payments_server)
    assert intent_of(debtor).status == "succeeded"
    assert installment(debtor).paid == Decimal("100.00")
    refreshed = client.get(back.final_url)
    assert "Płatność przyjęta" in refreshed.text


def test_duplicated_notification_books_the_installment_exactly_once(payments_server, world):
    debtor = world.debtor("zembrzyce", ("55.00",))
    _client, back = pay_through_simulator(payments_server, debtor, "duplicated")
    assert "Płatność przyjęta" in back.text
    assert installment(debtor).paid == Decimal("55.00")
    assert payments(debtor) == 1
    with schema_context("zembrzyce"):
        assert GatewayNotification.objects.filter(intent__party=debtor.party).count() == 1


def _signed_notification(
    debtor: Debtor, server, *, session_id: str | None = None, **changes: object
) -> bytes:
    """The notification the simulator would send for the debtor's paid intent (or for the
    intent of ``session_id``, where the intent is in a database other than the suite's)."""
    session_id = session_id or intent_of(debtor).session_id
    with schema_context(debtor.schema):
        config = GatewayConfig.objects.get(gateway="przelewy24")
    state = requests.get(
        f"{server.base}/symulator-p24/api/v1/transaction/by/sessionId/{session_id}",
        auth=(config.shop_id, config.api_key),
        timeout=30,
    ).json()["data"]
    fields = {
        "merchantId": int(config.merchant_id), "posId": int(config.shop_id),
        "sessionId": session_id, "amount": state["amount"],
        "originAmount": state["amount"], "currency": "PLN", "orderId": state["orderId"],
        "methodId": 25, "statement": state["statement"],
    }  # fmt: skip
    fields["sign"] = notification_sign(
        merchant_id=fields["merchantId"], pos_id=fields["posId"], session_id=fields["sessionId"],
        amount=fields["amount"], origin_amount=fields["originAmount"], currency="PLN",
        order_id=fields["orderId"], method_id=25, statement=fields["statement"],
        crc=config.crc_key,
    )  # fmt: skip
    fields.update(changes)
    return json.dumps(fields).encode()


def _post_notification(client: HostClient, server, host: str, body: bytes) -> requests.Response:
    return client.request(
        "POST",
        server.url(host, "/platnosci/przelewy24/powiadomienie/"),
        data=body,
        headers={"Content-Type": "application/json"},
    )


def test_two_concurrent_notifications_book_one_payment(payments_server, world):
    debtor = world.debtor("zembrzyce", ("77.00",))
    client, _back = pay_through_simulator(payments_server, debtor, "delayed")
    body = _signed_notification(debtor, payments_server)
    answers: list[int] = []

    def deliver() -> None:
        answers.append(_post_notification(client, payments_server, ZEMBRZYCE, body).status_code)

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert answers == [200, 200], payments_server.log_tail()
    assert payments(debtor) == 1
    assert installment(debtor).paid == Decimal("77.00")
    assert intent_of(debtor).status == "succeeded"


def test_tampered_notification_is_refused_and_changes_nothing(payments_server, world):
    debtor = world.debtor("zembrzyce")
    client, _back = pay_through_simulator(payments_server, debtor, "delayed")
    good = json.loads(_signed_notification(debtor, payments_server))
    for change in ({"sign": "0" * 96}, {"amount": good["amount"] + 100}, {"sessionId": "nieznana"}):
        tampered = json.dumps({**good, **change}).encode()
        answer = _post_notification(client, payments_server, ZEMBRZYCE, tampered)
        assert answer.status_code == 400, answer.text
    with schema_context("zembrzyce"):
        assert not GatewayNotification.objects.filter(intent__party=debtor.party).exists()
    assert intent_of(debtor).status == "pending"
    assert payments(debtor) == 0
    # The genuine one still works, and replaying it changes nothing.
    for _time in range(2):
        body = json.dumps(good).encode()
        assert _post_notification(client, payments_server, ZEMBRZYCE, body).status_code == 200
    assert payments(debtor) == 1
    assert installment(debtor).paid == Decimal("100.00")


def test_zembrzyce_notification_cannot_complete_through_glogow(payments_server, world):
    debtor = world.debtor("zembrzyce")
    client, _back = pay_through_simulator(payments_server, debtor, "delayed")
    body = _signed_notification(debtor, payments_server)
    answer = _post_notification(client, payments_server, GLOGOW, body)
    assert answer.status_code == 400
    assert intent_of(debtor).status == "pending"
    assert payments(debtor) == 0


def test_a_session_of_one_town_is_worthless_on_the_other(payments_server, world):
    debtor = world.debtor("zembrzyce")
    client = HostClient(payments_server)
    client.login(ZEMBRZYCE, debtor.schema, debtor.resident)
    mine = client.request("GET", town(payments_server, ZEMBRZYCE, "/konto/platnosci/"))
    assert mine.status_code == 200
    client.cookies[GLOGOW] = dict(client.cookies[ZEMBRZYCE])
    theirs = client.request("GET", town(payments_server, GLOGOW, "/konto/platnosci/"))
    assert theirs.status_code == 302 and "/logowanie/" in theirs.headers["Location"]


def test_stale_pending_payment_is_reconciled_with_the_gateway(payments_server, world, settings):
    debtor = world.debtor("zembrzyce")
    _client, _back = pay_through_simulator(payments_server, debtor, "delayed")
    intent = intent_of(debtor)
    with schema_context("zembrzyce"):
        PaymentIntent.objects.filter(pk=intent.pk).update(
            created_at=timezone.now() - timedelta(seconds=settings.PAYMENT_STALE_SECONDS + 5)
        )
        done = reconcile_town()
    assert done["intents"] >= 1
    assert intent_of(debtor).status == "succeeded"
    assert installment(debtor).paid == Decimal("100.00")
    # The late notification arriving after all changes nothing.
    send_pending(HostClient(payments_server), payments_server)
    assert payments(debtor) == 1


def test_unpaid_intent_expires_after_the_timeout(payments_server, world, settings):
    debtor = world.debtor("zembrzyce")
    with schema_context("zembrzyce"):
        intent = start_payment(
            debtor.resident, debtor.party, [Item(debtor.installments[0].pk)],
            site_url=payments_server.url(ZEMBRZYCE, ""),
        )  # fmt: skip
        assert reconcile_intent(intent.pk) == "still pending"
        PaymentIntent.objects.filter(pk=intent.pk).update(
            created_at=timezone.now() - timedelta(seconds=settings.PAYMENT_EXPIRE_SECONDS + 5)
        )
        assert reconcile_intent(intent.pk) == "expired"


def test_installment_in_a_pending_payment_cannot_be_paid_twice(payments_server, world):
    debtor = world.debtor("zembrzyce")
    items = [Item(debtor.installments[0].pk)]
    site = payments_server.url(ZEMBRZYCE, "")
    with schema_context("zembrzyce"):
        first = start_payment(debtor.resident, debtor.party, items, site_url=site)
        assert first.status == "pending"
        with pytest.raises(PaymentRefused, match="nie może być opłacona drugi raz"):
            start_payment(debtor.resident, debtor.party, items, site_url=site)


def test_amount_above_what_remains_or_below_one_zloty_is_refused(payments_server, world):
    debtor = world.debtor("zembrzyce", ("50.00",))
    site = payments_server.url(ZEMBRZYCE, "")
    pk = debtor.installments[0].pk
    with schema_context("zembrzyce"):
        with pytest.raises(PaymentRefused, match="przekracza pozostałe"):
            start_payment(
                debtor.resident, debtor.party, [Item(pk, Decimal("50.01"))], site_url=site
            )
        with pytest.raises(PaymentRefused, match="1,00"):
            start_payment(debtor.resident, debtor.party, [Item(pk, Decimal("0.99"))], site_url=site)
        assert not PaymentIntent.objects.filter(party=debtor.party).exists()


def test_paying_for_a_represented_party_needs_the_pay_scope(payments_server, world):
    debtor = world.debtor("zembrzyce")
    firm = world.other_party("zembrzyce")
    firm_installments = world.installments("zembrzyce", firm, ("300.00",))
    items = [Item(firm_installments[0].pk)]
    site = payments_server.url(ZEMBRZYCE, "")
    with schema_context("zembrzyce"):
        mandate = Representation.objects.create(
            resident=debtor.resident, party=firm, scope="view", valid_from=timezone.localdate()
        )
        with pytest.raises(PaymentRefused, match="Nie masz upoważnienia do płatności"):
            start_payment(debtor.resident, firm, items, site_url=site)
        mandate.scope = "pay"
        mandate.save()
        assert start_payment(debtor.resident, firm, items, site_url=site).status == "pending"


def test_demo_account_cannot_pay(payments_server, world):
    debtor = world.debtor("zembrzyce", is_demo=True)
    client = HostClient(payments_server)
    client.login(ZEMBRZYCE, debtor.schema, debtor.resident)
    data = [("installment", str(debtor.installments[0].pk))]
    cart = client.post_form(town(payments_server, ZEMBRZYCE, "/konto/platnosci/koszyk/"), data)
    assert "Konto demonstracyjne nie może płacić" in cart.text
    answer = client.post_form(town(payments_server, ZEMBRZYCE, "/konto/platnosci/zaplac/"), {})
    assert "Konto demonstracyjne nie może płacić" in answer.text
    with schema_context("zembrzyce"):
        assert not PaymentIntent.objects.filter(party=debtor.party).exists()


def test_someone_elses_installment_cannot_be_put_in_the_cart(payments_server, world):
    debtor = world.debtor("zembrzyce")
    stranger = world.debtor("zembrzyce")
    client = HostClient(payments_server)
    client.login(ZEMBRZYCE, debtor.schema, debtor.resident)
    data = [("installment", str(stranger.installments[0].pk))]
    cart = client.post_form(town(payments_server, ZEMBRZYCE, "/konto/platnosci/koszyk/"), data)
    assert "Tej raty nie można tu zapłacić." in cart.text


def test_the_represented_party_is_told_of_the_mandate_the_acting_and_the_payment(
    payments_server, world
):
    """A firm without an account, with an e-mail address at the office: told when a
    resident is given a mandate over it, acts for it and pays for it — once each."""
    debtor = world.debtor("zembrzyce")
    firm = world.other_party("zembrzyce")
    firm_installments = world.installments("zembrzyce", firm, ("300.00",))
    with schema_context("zembrzyce"):
        firm.email = "biuro@firma.example"
        firm.save()
        Representation.objects.create(
            resident=debtor.resident, party=firm, scope="pay", valid_from=timezone.localdate()
        )
    client = HostClient(payments_server)
    client.login(ZEMBRZYCE, debtor.schema, debtor.resident)
    client.get(town(payments_server, ZEMBRZYCE, "/konto/"))  # the form's page and its token
    for _ in range(2):  # twice in a day: told once
        switched = client.post_form(
            town(payments_server, ZEMBRZYCE, "/konto/dzialaj-jako/"), {"party": str(firm.pk)}
        )
        assert switched.status_code == 200 and "Działasz teraz jako" in switched.text
    cart = client.post_form(
        town(payments_server, ZEMBRZYCE, "/konto/platnosci/koszyk/"),
        [("installment", str(firm_installments[0].pk))],
    )
    assert cart.status_code == 200, cart.text[-2000:]
    to_gateway = client.post_form(
        town(payments_server, ZEMBRZYCE, "/konto/platnosci/zaplac/"), {}, follow=False
    )
    page_url = to_gateway.headers["Location"]
    back = client.post_form(page_url, {"choice": "pay"})
    assert "Płatność przyjęta" in back.text
    with schema_context("zembrzyce"):
        told = Notification.objects.filter(party=firm, email_to="biuro@firma.example")
        assert sorted(told.values_list("reason", flat=True)) == [
            "acted_for",
            "mandate_granted",
            "paid_for",
        ]
        paid = told.get(reason="paid_for")
        assert "300,00\xa0zł" in paid.subject and "Płatnik" in paid.subject
        assert told.filter(recipient__isnull=False).count() == 0  # it has no account
    with schema_context("glogow"):
        assert not Notification.objects.filter(email_to="biuro@firma.example").exists()


def _left_at_the_gateway(server, debtor: Debtor) -> tuple[HostClient, str]:
    """Cart → Zapłać → the gateway's page, which the resident then leaves with the back
    button: the payment stays unfinished. Returns the client and the gateway page's URL."""
    client = HostClient(server)
    client.login(ZEMBRZYCE, debtor.schema, debtor.resident)
    cart_url = town(server, ZEMBRZYCE, "/konto/platnosci/koszyk/")
    client.post_form(cart_url, [("installment", str(i.pk)) for i in debtor.installments])
    to_gateway = client.post_form(
        town(server, ZEMBRZYCE, "/konto/platnosci/zaplac/"), {}, follow=False
    )
    assert to_gateway.status_code == 302
    # Back in the portal, the resident puts the installment in the cart again.
    client.post_form(cart_url, [("installment", str(i.pk)) for i in debtor.installments])
    return client, to_gateway.headers["Location"]


def test_a_payment_left_at_the_gateway_can_be_resumed(payments_server, world):
    debtor = world.debtor("zembrzyce")
    client, gateway_page = _left_at_the_gateway(payments_server, debtor)
    cart = client.get(town(payments_server, ZEMBRZYCE, "/konto/platnosci/koszyk/"))
    assert "nie jest zakończona" in cart.text
    assert f'href="{gateway_page}"' in cart.text.replace("&amp;", "&")  # Wróć do płatności
    assert "/konto/platnosci/zaplac/" not in cart.text  # nothing else to pay
    intent = intent_of(debtor)
    detail = client.get(town(payments_server, ZEMBRZYCE, f"/konto/platnosci/{intent.pk}/"))
    assert "Wróć do płatności" in detail.text and "Anuluj płatność" in detail.text
    # Resumed: the same transaction, paid on the gateway's page.
    page = client.get(gateway_page)
    assert page.status_code == 200 and "Co robi płacący?" in page.text
    back = client.post_form(gateway_page, {"choice": "pay"})
    assert "Płatność przyjęta" in back.text
    assert intent_of(debtor).pk == intent.pk and intent_of(debtor).status == "succeeded"
    assert installment(debtor).paid == Decimal("100.00") and payments(debtor) == 1


def test_a_cancelled_payment_frees_the_installment_and_a_late_one_books_once(
    payments_server, world
):
    debtor = world.debtor("zembrzyce")
    client, gateway_page = _left_at_the_gateway(payments_server, debtor)
    old = intent_of(debtor)
    cancelled = client.post_form(
        town(payments_server, ZEMBRZYCE, f"/konto/platnosci/{old.pk}/anuluj/"), {}
    )
    assert "Płatność anulowana" in cancelled.text
    assert "nie jest zakończona" not in cancelled.text
    assert "/konto/platnosci/zaplac/" in cancelled.text  # the cart can be paid again
    assert intent_of(debtor).status == "abandoned"
    # Paid again, in a new payment.
    again = client.post_form(town(payments_server, ZEMBRZYCE, "/konto/platnosci/zaplac/"), {})
    assert "Co robi płacący?" in again.text
    new_page = again.final_url
    assert new_page != gateway_page
    client.post_form(new_page, {"choice": "pay"})
    assert installment(debtor).paid == Decimal("100.00") and payments(debtor) == 1
    # The resident pays the old page after all: booked once, as an overpayment.
    client.post_form(gateway_page, {"choice": "pay"})
    with schema_context("zembrzyce"):
        assert PaymentIntent.objects.get(pk=old.pk).status == "succeeded"
        booked = list(Payment.objects.filter(party=debtor.party).order_by("pk"))
    assert [p.amount for p in booked] == [Decimal("100.00"), Decimal("100.00")]
    assert installment(debtor).paid == Decimal("100.00")  # never more than it asked
    send_pending(client, payments_server)  # anything repeated changes nothing
    assert payments(debtor) == 2


def test_a_payment_the_gateway_has_taken_is_not_cancelled(payments_server, world):
    debtor = world.debtor("zembrzyce")
    client, _back = pay_through_simulator(payments_server, debtor, "delayed")
    intent = intent_of(debtor)
    answer = client.post_form(
        town(payments_server, ZEMBRZYCE, f"/konto/platnosci/{intent.pk}/anuluj/"), {}
    )
    assert "Tej płatności nie można anulować" in answer.text
    assert intent_of(debtor).status == "pending"
    send_pending(client, payments_server)
    assert intent_of(debtor).status == "succeeded" and payments(debtor) == 1


def test_only_a_payer_of_the_party_cancels_its_payment(payments_server, world):
    debtor = world.debtor("zembrzyce")
    _client, _page = _left_at_the_gateway(payments_server, debtor)
    intent = intent_of(debtor)
    stranger = world.debtor("zembrzyce")
    client = HostClient(payments_server)
    client.login(ZEMBRZYCE, stranger.schema, stranger.resident)
    client.get(town(payments_server, ZEMBRZYCE, "/konto/platnosci/koszyk/"))  # a CSRF cookie
    answer = client.post_form(
        town(payments_server, ZEMBRZYCE, f"/konto/platnosci/{intent.pk}/anuluj/"), {}, follow=False
    )
    assert answer.status_code == 404
    assert intent_of(debtor).status == "pending"
    # Nor from the other town, whatever the session.
    glogow = HostClient(payments_server)
    glogow.cookies[GLOGOW] = dict(client.cookies[ZEMBRZYCE])
    there = glogow.request(
        "POST", town(payments_server, GLOGOW, f"/konto/platnosci/{intent.pk}/anuluj/")
    )
    assert there.status_code in {302, 403, 404}
    assert intent_of(debtor).status == "pending"
