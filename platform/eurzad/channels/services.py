"""Use cases of the channels app: a town's default configuration, and intake (poll a
mailbox, record each document with its UPO, hand it to a handler, acknowledge it)."""

from __future__ import annotations

import hashlib
import logging
import string
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eurzad.channels.documents import ReceivedDocument
from eurzad.channels.handlers import handler_for
from eurzad.channels.keys import new_system_credentials
from eurzad.channels.models import ChannelConfig, IntakeRecord
from eurzad.channels.registry import ChannelError, adapter_for
from eurzad.channels.upo import Receipt, issue_upp
from eurzad.core.postgresql.connection import connection
from tenants.models import Municipality

__all__ = [
    "PollResult",
    "ensure_channel_config",
    "office_name",
    "poll",
    "receipt_issuer",
    "simulated_client_id",
    "take_in",
]

logger = logging.getLogger(__name__)
POLL_LOCK_SECONDS = 600


def _simulated_delivery_address(seed: str) -> str:
    """A stable, well-formed AE:PL-… address for the simulator (real ones are assigned)."""
    digest = hashlib.sha256(seed.encode()).digest()
    number = int.from_bytes(digest[:8], "big")
    letters = "".join(string.ascii_uppercase[b % 26] for b in digest[8:13])
    return (
        f"AE:PL-{number % 100000:05d}-{(number // 100000) % 100000:05d}-"
        f"{letters}-{digest[13] % 100:02d}"
    )


def simulated_client_id(delivery_address: str) -> str:
    """The system id the simulator registers for an address, in the shape the public
    integrations use (``<address>.SYSTEM.<name>``)."""
    return f"{delivery_address}.SYSTEM.EURZAD"


def ensure_channel_config(hostname: str, official_name: str) -> dict[str, ChannelConfig]:
    """The town's ePUAP and e-Doręczenia configurations, created the first time with a
    fresh RSA-2048 system key and certificate each (the key sealed in the town's schema).

    With simulators on, both point at the local simulator, enabled, the podmiot being
    the town's schema name (mailbox ``/<schema>/SkrytkaESP``). Otherwise they are created
    disabled, on the integration environment, for an operator to fill in and register
    the certificate in ePUAP. Runs in the town's schema; running it again changes nothing.
    """
    simulated = settings.SIMULATORS_ENABLED
    schema = connection.schema_name
    configs = {}
    for kind in ChannelConfig.Kind:
        config = ChannelConfig.objects.filter(kind=kind).first()
        if config is None:
            private_pem, certificate_pem = new_system_credentials(
                f"{hostname} {kind.value}", organization=official_name
            )
            config = ChannelConfig(
                kind=kind,
                enabled=simulated,
                environment=(
                    ChannelConfig.Environment.LOCAL
                    if simulated
                    else ChannelConfig.Environment.INTEGRATION
                ),
                podmiot_id=schema if simulated and kind == ChannelConfig.Kind.EPUAP else "",
                delivery_address=(
                    _simulated_delivery_address(schema)
                    if simulated and kind == ChannelConfig.Kind.EDORECZENIA
                    else ""
                ),
                system_certificate=certificate_pem,
            )
            if config.delivery_address:
                config.client_id = simulated_client_id(config.delivery_address)
            config.system_private_key = private_pem
            config.save()
        configs[kind.value] = config
    return configs


@dataclass
class PollResult:
    taken_in: int = 0
    handled: int = 0
    rejected: int = 0
    records: list[IntakeRecord] = field(default_factory=list)


def office_name() -> str:
    """The official name of the town whose schema is active."""
    town = Municipality.objects.filter(schema_name=connection.schema_name).first()
    return town.official_name if town else connection.schema_name


def receipt_issuer() -> ChannelConfig | None:
    """The configuration whose system key and certificate sign the receipts the town
    issues for what reaches it outside both channels (an application filed in the portal):
    ePUAP's, else e-Doręczenia's; None when the town has no system key yet."""
    configs = {
        config.kind: config
        for config in ChannelConfig.objects.exclude(system_certificate="").exclude(
            system_private_key_sealed=""
        )
    }
    return configs.get(ChannelConfig.Kind.EPUAP) or configs.get(ChannelConfig.Kind.EDORECZENIA)


def _receipt_for(config: ChannelConfig, document: ReceivedDocument) -> tuple[str, bytes]:
    """The provider's UPO, or one the town issues with its system key when none came."""
    if document.upo_xml:
        return document.upo_id, document.upo_xml
    sender_name = (
        document.signer.full_name
        if document.signer
        else (document.form.sender.full_name if document.form and document.form.sender else "")
    )
    return issue_upp(
        Receipt(
            recipient_name=office_name(),
            recipient_address=document.recipient_address or config.address,
            sender_name=sender_name,
            sender_address=document.sender_address,
            document_id=document.message_id,
            document=document.raw,
            delivered_at=document.received_at,
            issuer=config.address,
        ),
        config.system_private_key,
        config.system_certificate,
    )


def take_in(config: ChannelConfig, document: ReceivedDocument) -> tuple[IntakeRecord, bool]:
    """Record ``document`` once and hand it to the first handler that accepts it.

    Returns ``(record, new)``. A document already recorded (re-delivered because the
    acknowledgement did not reach the provider) is returned untouched and its handler
    does not run again. A failing handler rolls back its own changes and leaves the
    record rejected with the reason; the document itself is always kept.
    """
    with transaction.atomic():
        existing = (
            IntakeRecord.objects.select_for_update()
            .filter(channel=document.channel.value, message_id=document.message_id)
            .first()
        )
        if existing is not None:
            return existing, False
        upo_id, upo_xml = _receipt_for(config, document)
        sender_name = (
            document.signer.full_name
            if document.signer
            else (document.form.sender.full_name if document.form and document.form.sender else "")
        )
        record = IntakeRecord.objects.create(
            channel=document.channel.value,
            message_id=document.message_id,
            received_at=document.received_at,
            sender=document.sender_address[:255],
            sender_name=sender_name[:255],
            title=document.title[:255],
            form_kind=document.form.kind if document.form else "",
            document=document.raw,
            upo_id=upo_id[:128],
            upo_xml=upo_xml,
            status=IntakeRecord.Status.REJECTED
            if document.defect
            else IntakeRecord.Status.ACCEPTED,
            reason=document.defect,
        )
        if document.defect:
            logger.info("Intake %s rejected: the document could not be verified", record.pk)
            return record, True
        handler = handler_for(document)
        if handler is None:
            return record, True
        record.handler = handler.name
        try:
            with transaction.atomic():
                handler.handle(document, record)
        except Exception as error:  # any handler failure rejects the document, never loses it
            # Only the type goes to the log: a handler's message may quote personal data.
            logger.warning(
                "Handler %s failed on intake %s: %s", handler.name, record.pk, type(error).__name__
            )
            record.status = IntakeRecord.Status.REJECTED
            record.reason = _("Błąd obsługi dokumentu") + (f": {type(error).__name__}: {error}")
        else:
            record.status = IntakeRecord.Status.HANDLED
            record.handled_at = timezone.now()
        record.save(update_fields=["status", "reason", "handler", "handled_at"])
    return record, True


def poll(config: ChannelConfig) -> PollResult:
    """Take in every document waiting in ``config``'s mailbox (at most
    ``CHANNELS_POLL_BATCH`` per call), then acknowledge each to the provider.

    Raises :class:`ChannelError` when the provider cannot be reached or refuses; the
    error is also kept in ``config.last_error`` for the admin.
    """
    result = PollResult()
    lock = f"channels:poll:{config.pk}"
    if not cache.add(lock, 1, POLL_LOCK_SECONDS):
        return result  # another worker is polling this mailbox right now
    try:
        adapter = adapter_for(config)
        seen: set[str] = set()
        for _position in range(settings.CHANNELS_POLL_BATCH):
            document = adapter.fetch_next()
            if document is None or document.message_id in seen:
                break
            seen.add(document.message_id)
            record, new = take_in(config, document)
            adapter.acknowledge(document)
            if new:
                result.taken_in += 1
                result.records.append(record)
                result.handled += record.status == IntakeRecord.Status.HANDLED
                result.rejected += record.status == IntakeRecord.Status.REJECTED
    except ChannelError as error:
        config.last_error = str(error)
        config.last_polled_at = timezone.now()
        config.save(update_fields=["last_error", "last_polled_at"])
        raise
    finally:
        cache.delete(lock)
    config.last_error = ""
    config.last_polled_at = timezone.now()
    config.save(update_fields=["last_error", "last_polled_at"])
    return result
