"""Applications in the Wagtail admin, for the clerks: every application filed in the
portal (the anonymous reports too, which have no case), with its answers, its case and
its files; read only — an application is changed by nobody once filed."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from eurzad.core.permission_policies import RecordsPolicy
from eurzad.eservices.flow import shown_value
from eurzad.eservices.models import Submission, definition_of


class ApplicationsAreRecords(RecordsPolicy):
    """Applications come only from residents, and stay as filed: staff only read them."""

    refused = frozenset({"add", "change", "delete"})


class SubmissionInspectView(InspectView):
    def get_answers_display_value(self) -> str:
        submission = self.object
        definition = definition_of(submission.revision)
        rows = []
        for spec in definition.fields():
            if spec.key not in submission.answers:
                continue
            value = submission.answers[spec.key]
            if spec.kind == "file" and isinstance(value, list):
                shown = ", ".join(
                    str(item.get("name", "")) if isinstance(item, dict) else str(item)
                    for item in value
                )
            elif spec.kind == "group" and isinstance(value, list):
                shown = "; ".join(
                    ", ".join(
                        f"{inner.label}: {shown_value(inner, row.get(inner.key), {})}"
                        for inner in spec.fields
                        if isinstance(row, dict) and inner.key in row
                    )
                    for row in value
                )
            else:
                shown = shown_value(spec, value, {})
            rows.append((spec.label, shown))
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))

    def get_files_display_value(self) -> str:
        files = list(self.object.files.all())
        if self.object.case_id:
            files += [d for d in self.object.case.documents.all() if d.attachment]
        if not files:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                (
                    (stored.file.url, stored.get_kind_display() + ": " + stored.name)
                    if hasattr(stored, "kind")
                    else (stored.attachment.url, stored.title)
                    for stored in files
                ),
            ),
        )

    def get_case_display_value(self) -> Any:
        case = self.object.case
        if case is None:
            return _("— (zgłoszenie bez logowania)")
        return format_html(
            '<a href="{}">{}</a>', f"/admin/cases_cases/inspect/{case.pk}/", case.sign
        )


class SubmissionViewSet(ModelViewSet):
    """Wnioski: what residents filed in the portal, newest first."""

    model = Submission
    icon = "form"
    menu_label = _("Wnioski")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = SubmissionInspectView
    inspect_view_fields = [
        "reference",
        "form",
        "state",
        "party",
        "filed_by",
        "mandate",
        "submitted_at",
        "case",
        "fee",
        "answers",
        "files",
        "digest",
        "assertion_id",
        "level_of_assurance",
        "authenticated_at",
        "signer_name",
        "signed_at",
    ]
    list_display = ["reference", "form", "party", "state", "submitted_at"]
    list_filter = ["state", "form"]
    search_fields = ["reference"]
    form_fields = ["state"]

    def get_queryset(self, request: Any) -> QuerySet[Submission]:
        return (
            Submission.objects.exclude(state=Submission.State.DRAFT)
            .select_related("form", "party", "case")
            .order_by("-submitted_at", "-pk")
        )
