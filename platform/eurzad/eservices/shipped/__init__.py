"""The five forms every town starts with, editable like any form of its own.

:func:`ship_forms` gives a town (in its schema) each form it was never given, and the
constants their formulas use; it never changes what is there. The town's log remembers
each form it was given (a log entry of the form with the template's key), so running it
again gives nothing twice: not a form an editor renamed, nor one they deleted. A form
whose numbers are the town's own (the waste rates) is created as a draft until they are
set; the others are published at once. :func:`link_services` attaches each form to the
matching service of the town's catalogue, once there is one.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from eurzad.eservices.models import EServiceForm, FormConstant
from eurzad.eservices.shipped import certificate, letter, refund, report, waste
from eurzad.eservices.shipped.base import TO_BE_SET, ShippedConstant, ShippedForm

__all__ = [
    "SHIPPED",
    "SHIPPED_ACTION",
    "TO_BE_SET",
    "ShippedConstant",
    "ShippedForm",
    "link_services",
    "publish_when_set",
    "ship_forms",
    "shipped_form",
]

SHIPPED: tuple[ShippedForm, ...] = (
    waste.FORM,
    certificate.FORM,
    letter.FORM,
    report.FORM,
    refund.FORM,
)

#: The log action recording that a town was given a shipped form ({"template": key}).
SHIPPED_ACTION = "eservices.shipped"


def _given(key: str) -> QuerySet[ModelLogEntry]:
    """The log entries of the town's forms made from the template ``key``."""
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(EServiceForm),
        action=SHIPPED_ACTION,
        data__template=key,
    )


def _set_constants(template: ShippedForm) -> None:
    for constant in template.constants:
        FormConstant.objects.get_or_create(
            key=constant.key,
            defaults={
                "value": constant.value,
                "label": constant.label,
                "source": constant.source,
            },
        )


def _rates_set(template: ShippedForm) -> bool:
    """Whether the town has set every number of the form that is its own to set (those
    still with the placeholder source are not)."""
    keys = [each.key for each in template.constants if each.source == TO_BE_SET]
    set_by_town = FormConstant.objects.filter(key__in=keys).exclude(source=TO_BE_SET)
    return set_by_town.count() == len(keys)


def _create(template: ShippedForm) -> EServiceForm:
    ready = _rates_set(template)
    intro = template.intro
    if template.editor_note and not ready:
        intro = f"{intro}\n\n{template.editor_note}"
    form = EServiceForm(
        name=template.name,
        name_en=template.name_en,
        slug=template.slug,
        intro=intro,
        intro_en=template.intro_en,
        jrwa_symbol=template.jrwa_symbol,
        case_subject=template.case_subject,
        anonymous=template.anonymous,
        signature_required=template.signature_required,
        fee_field=template.fee_field,
        fee_title=template.fee_title,
        steps=json.dumps(template.steps),  # a copy: Wagtail writes block ids into raw data
        live=False,
    )
    form.full_clean()
    form.save()
    revision = form.save_revision()
    if ready:
        revision.publish()
    log(form, SHIPPED_ACTION, data={"template": template.key})
    return form


@transaction.atomic
def ship_forms() -> list[EServiceForm]:
    """Give the town (the schema in use) every shipped form it was never given; the
    forms created. Safe to run again."""
    created = []
    for template in SHIPPED:
        if _given(template.key).exists():
            continue
        if EServiceForm.objects.filter(slug=template.slug).exists():
            continue  # the town made a form of its own under this address
        _set_constants(template)
        created.append(_create(template))
    return created


def shipped_form(key: str) -> EServiceForm | None:
    """The town's form made from the template ``key``, if it still has it."""
    entry = _given(key).order_by("-timestamp").first()
    if entry is None:
        return None
    return EServiceForm.objects.filter(pk=entry.object_id).first()


def _untouched(form: EServiceForm) -> bool:
    """Whether no editor has saved the form since it was shipped (every revision is the
    platform's)."""
    return not form.revisions.exclude(user=None).exists()


def _save_for_editors(form: EServiceForm) -> None:
    """Keep a change as a new revision (what the admin edits), published when the form
    is live."""
    form.save()
    revision = form.save_revision()
    if form.live:
        revision.publish()


def link_services() -> list[EServiceForm]:
    """Attach each shipped form, still as shipped and with no service, to the live
    catalogue service its template names (by slug) when the town has one that no other
    form uses; the forms attached. Safe to run again; a town without a catalogue is
    left as it is."""
    # cms.ServicePage, read from the relation: the catalogue sits above e-services.
    service_model: Any = EServiceForm._meta.get_field("service").related_model
    linked = []
    for template in SHIPPED:
        form = shipped_form(template.key)
        if form is None or form.service_id is not None or not _untouched(form):
            continue
        service = (
            service_model.objects.live()
            .filter(slug__in=template.service_slugs, eservice_form__isnull=True)
            .order_by("path")
            .first()
        )
        if service is None:
            continue
        form.service = service
        _save_for_editors(form)
        linked.append(form)
    return linked


def publish_when_set(key: str) -> EServiceForm | None:
    """Publish the shipped form ``key`` kept as a draft for the town's numbers, once they
    are set and as long as no editor has worked on it: its note for editors goes, and it
    goes live. The form, or None when it is not such a form."""
    template = next(each for each in SHIPPED if each.key == key)
    form = shipped_form(key)
    if form is None or form.live or not _untouched(form) or not _rates_set(template):
        return None
    form.intro = template.intro
    form.save()
    form.save_revision().publish()
    form.refresh_from_db()
    return form
