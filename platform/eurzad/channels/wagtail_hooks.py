"""Staff manage the town's channels and see what came in, in the Wagtail admin."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import InspectView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from eurzad.audit.models import AuditEvent
from eurzad.audit.services import record as record_event
from eurzad.channels.admin_forms import ChannelConfigForm
from eurzad.channels.models import ChannelConfig, IntakeRecord
from eurzad.channels.receipt_view import receipt_pdf_download, shown_receipt
from eurzad.core.admin_columns import listing_columns
from eurzad.core.private_files.delivery import private_download


class ChannelConfigViewSet(SnippetViewSet):
    model = ChannelConfig
    icon = "mail"
    menu_label = _("Konfiguracja kanałów")
    list_display = listing_columns(
        ChannelConfig, ["kind", "enabled", "environment", "address", "last_polled_at", "last_error"]
    )
    edit_handler = ObjectList(
        [
            FieldPanel("kind"),
            FieldPanel("enabled"),
            FieldPanel("environment"),
            FieldPanel("podmiot_id"),
            FieldPanel("mailbox_name"),
            FieldPanel("delivery_address"),
            FieldPanel("service_url"),
            FieldPanel("client_id"),
            FieldPanel("token_url"),
            FieldPanel("provider_certificate"),
            FieldPanel("system_certificate"),
            FieldPanel("new_private_key"),
            FieldPanel("last_polled_at", read_only=True),
            FieldPanel("last_error", read_only=True),
        ],
        base_form_class=ChannelConfigForm,
    )


class IntakeRecordInspectView(InspectView):
    """A document taken in, with its UPO as a person reads it (who, what, when, digest,
    signature) and the downloads: the PDF, the UPO's XML, the document's XML."""

    def get_upo_xml_display_value(self) -> str:
        record = self.object
        receipt = shown_receipt(bytes(record.upo_xml), document=bytes(record.document))
        if receipt is None:
            return "—"
        return render_to_string(
            "channels/includes/receipt.html",
            {
                "receipt": receipt,
                "pdf_url": download_url(record, "upo-pdf"),
                "xml_url": download_url(record, "upo"),
            },
            request=self.request,
        )


class IntakeRecordViewSet(SnippetViewSet):
    model = IntakeRecord
    icon = "doc-full"
    menu_label = _("Dokumenty przychodzące")
    list_display = ["received_at", "channel", "title", "sender_name", "status", "handler"]
    list_filter = ["channel", "status"]
    search_fields = ["title", "sender_name", "message_id"]
    inspect_view_enabled = True
    inspect_view_class = IntakeRecordInspectView
    edit_handler = ObjectList(
        [
            FieldPanel("title", read_only=True),
            FieldPanel("sender_name", read_only=True),
            FieldPanel("received_at", read_only=True),
            FieldPanel("status"),
            FieldPanel("reason"),
        ]
    )


class ChannelsViewSetGroup(SnippetViewSetGroup):
    items = (IntakeRecordViewSet, ChannelConfigViewSet)
    menu_icon = "mail"
    menu_label = _("ePUAP i e-Doręczenia")
    menu_name = "channels"


register_snippet(ChannelsViewSetGroup)


def download(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    """The UPO or the document as received, for staff allowed to view intake records."""
    if not request.user.has_perm("channels.view_intakerecord"):
        raise Http404
    record = IntakeRecord.objects.filter(pk=pk).first()
    if record is None:
        raise Http404
    if part == "upo-pdf":
        receipt = shown_receipt(bytes(record.upo_xml), document=bytes(record.document))
        if receipt is None:
            raise Http404
        town = str(request.tenant)  # type: ignore[attr-defined]
        return receipt_pdf_download(receipt, town, f"UPO-{record.pk}.pdf")
    data = {"upo": record.upo_xml, "dokument": record.document}.get(part, b"")
    data = bytes(data)
    if not data:
        raise Http404
    name = f"UPO-{record.pk}.xml" if part == "upo" else f"dokument-{record.pk}.xml"
    record_event(
        AuditEvent.Action.PERSONAL_DATA_VIEWED,
        request=request,
        method="admin",
        what="intake_record",
        part=part,
        reference=record.pk,
    )
    return private_download(data, name, "application/xml")


@hooks.register("register_admin_urls")
def channel_download_urls():
    return [
        path(
            "kanaly/dokumenty/<int:pk>/<str:part>/",
            download,
            name="channels_intake_download",
        )
    ]


def download_url(record: IntakeRecord, part: str = "upo") -> str:
    return reverse("channels_intake_download", args=[record.pk, part])
