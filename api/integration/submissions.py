"""``/api/v1/integracja/wnioski/…``: the online applications filed in the portal, for the
town's EZD (scope ``submissions``): a list, each application with its answers, and its
files (the PDF, the XML and JSON copies, the UPP receipt, the attachments) downloaded
with the client's key. Drafts and applications still waiting for their fee are the
resident's, not the office's: not found here. Each read of an application's content is
recorded in the town's audit log as a view of the applicant's personal data."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from api.downloads import AnyAccept, download, file_responses
from api.integration import serializers as s
from api.integration.submission_data import submission_detail, submission_summary
from api.integration.views import IntegrationView
from api.models import ApiClient, Scope
from api.problems import Problem
from api.serializers import checked_query
from eurzad.audit.models import AuditEvent
from eurzad.audit.services import record
from eurzad.eservices.models import Submission
from eurzad.eservices.queries import document_of, filed_applications

TAGS = ["integracja"]
SUBMISSION_ID = OpenApiParameter(
    "submission_id", int, OpenApiParameter.PATH, description="Identyfikator wniosku (id)."
)


class SubmissionsBase(IntegrationView):
    required_scope = Scope.SUBMISSIONS

    @property
    def client(self) -> ApiClient:
        return cast(ApiClient, self.request.auth)  # ApiKeyAuthentication's

    @property
    def full_pesel(self) -> bool:
        return self.client.has_scope(Scope.PARTIES)

    def submission(self, submission_id: int) -> Submission:
        submission = filed_applications().filter(pk=submission_id).first()
        if submission is None:
            raise Problem(404, "not-found", _("Nie znaleziono takiego wniosku."))
        return submission

    def record_read(self, submission: Submission, **details: Any) -> None:
        record(
            AuditEvent.Action.PERSONAL_DATA_VIEWED,
            request=self.request._request,
            party=submission.party,
            method="api",
            what="wniosek",
            client=self.client.name,
            submission=submission.pk,
            **details,
        )


@extend_schema_view(
    get=extend_schema(
        summary="Złożone wnioski e-usług",
        description=(
            "Wnioski złożone w portalu, ostatnio złożone pierwsze: numer, formularz, "
            "wnioskodawca, sprawa, opłata, skrót. Treść: wnioski/{id}/."
        ),
        parameters=[s.SubmissionQuerySerializer],
        responses={200: s.SubmissionChangeSerializer(many=True)},
        tags=TAGS,
    )
)
class SubmissionsView(SubmissionsBase, generics.ListAPIView):
    serializer_class = s.SubmissionChangeSerializer

    def get_queryset(self) -> QuerySet[Submission]:
        applications = filed_applications()
        form = checked_query(s.SubmissionQuerySerializer, self.request).get("formularz")
        return applications.filter(form__slug=form) if form else applications

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        items = [submission_summary(each, full_pesel=self.full_pesel) for each in page or []]
        return self.get_paginated_response(items)


class SubmissionView(SubmissionsBase):
    @extend_schema(
        summary="Złożony wniosek",
        description=(
            "Wniosek z odpowiedziami (jak w kopii JSON), logowaniem login.gov.pl, "
            "upoważnieniem pełnomocnika i plikami do pobrania."
        ),
        parameters=[SUBMISSION_ID],
        responses={200: s.SubmissionDetailSerializer},
        tags=TAGS,
    )
    def get(self, request: Request, submission_id: int) -> Response:
        submission = self.submission(submission_id)
        self.record_read(submission)
        return Response(submission_detail(submission, full_pesel=self.full_pesel))


class SubmissionFileView(SubmissionsBase):
    content_negotiation_class = AnyAccept

    @extend_schema(
        summary="Pobierz plik wniosku",
        description="Dokument lub załącznik złożonego wniosku (files[].download).",
        parameters=[
            SUBMISSION_ID,
            OpenApiParameter(
                "file_id", int, OpenApiParameter.PATH, description="files[].id wniosku."
            ),
        ],
        responses=file_responses(),
        tags=TAGS,
    )
    def get(self, request: Request, submission_id: int, file_id: int) -> Any:
        submission = self.submission(submission_id)
        document = document_of(submission, file_id)
        if document is None:
            raise Problem(404, "not-found", _("Nie znaleziono takiego pliku."))
        self.record_read(submission, file=document.id)
        return download(document)
