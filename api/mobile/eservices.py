"""``/api/v1/mobile/forms/…`` and ``/applications/…``: the town's online forms and the
resident's applications, as the portal's E-usługi and Moje wnioski offer them.

Thin views over :mod:`eurzad.eservices` (``services``, ``attachments``, ``fees``,
``queries``). An application is reached only through the Party the request acts for
(``?strona_id=``, checked on every request): anyone else's answers 404, like one that does
not exist. Changing one for a represented Party needs a mandate to file applications
(scope ``file``), paying its fee one to pay.

Submitting needs the login.gov.pl login the application is filed in (its assertion is
recorded with it). A paired phone has none — it pairs with PESEL and PIN — so the API
refuses to submit a Party's application (403 ``login-gov-pl-required``) and points to the
portal's summary page, where the resident logs in and submits the same draft."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse as django_reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from wagtail.models import Revision

from api.downloads import AnyAccept, download, file_responses
from api.mobile import eservice_serializers as s
from api.mobile.queries import PartyQuery
from api.mobile.serializers import MobilePaymentIntentSerializer
from api.mobile.views import PROBLEM, PublicView, ResidentListView, ResidentView, _problems
from api.problems import Problem
from eurzad.core.client import client_ip
from eurzad.eservices.answers import not_answerable
from eurzad.eservices.attachments import attach, detach
from eurzad.eservices.errors import AuthenticationRequired, SubmissionRefused
from eurzad.eservices.fees import pay_fee
from eurzad.eservices.models import EServiceForm, Submission, SubmissionFile, definition_of
from eurzad.eservices.queries import (
    application_of,
    applications_of,
    document_of,
    documents_of,
    online_form,
    online_forms,
)
from eurzad.eservices.services import check_draft, delete_draft, save_answers, start, submit
from eurzad.identity.acting import may_pay_for
from eurzad.identity.models import Representation
from eurzad.identity.representation import may_act_for
from eurzad.parties.models import Party

TAGS = ["mobile"]
FORM_SLUG = OpenApiParameter(
    "form_slug", str, OpenApiParameter.PATH, description="Adres (slug) formularza z /forms/."
)
APPLICATION_ID = OpenApiParameter(
    "application_id", int, OpenApiParameter.PATH, description="Wniosek z /applications/."
)


def _refused(refusal: SubmissionRefused, *, status_code: int = 409,
             kind: str = "submission-refused") -> Problem:  # fmt: skip
    """A use case's refusal as a problem: with the fields it concerns a 400 naming them,
    otherwise ``status_code``. The message is in the request's language (gettext)."""
    if refusal.errors:
        errors = {path: [message or refusal.polish] for path, message in refusal.errors.items()}
        return Problem(400, "invalid", refusal.polish, {"errors": errors})
    return Problem(status_code, kind, refusal.polish)


def _form(slug: str) -> tuple[EServiceForm, Revision]:
    """A live form of the town and its live version (the one a new draft starts on)."""
    form = online_form(slug)
    if form is None or form.live_revision is None:
        raise Problem(404, "form-not-found", _("Nie ma takiego formularza e-usługi."))
    return form, form.live_revision


# ---------------------------------------------------------------- forms (no login)


@extend_schema_view(
    get=extend_schema(
        operation_id="mobile_forms",
        summary="Formularze e-usług",
        description="Formularze, które gmina przyjmuje teraz online, według nazwy.",
        tags=TAGS,
    )
)
class FormsView(PublicView, generics.ListAPIView):
    serializer_class = s.MobileFormSerializer

    def get_queryset(self) -> QuerySet[EServiceForm]:
        return online_forms().exclude(live_revision=None)


class FormView(PublicView):
    @extend_schema(
        operation_id="mobile_form",
        summary="Formularz e-usługi",
        description=(
            "Obowiązująca wersja formularza: kroki, pola (rodzaj, etykieta, pomoc, odpowiedzi "
            "do wyboru, warunki i wzory jako tekst) i JSON Schema dokumentu odpowiedzi."
        ),
        parameters=[FORM_SLUG],
        responses={200: s.MobileFormDetailSerializer, **_problems(404, 429)},
        tags=TAGS,
    )
    def get(self, request: Request, form_slug: str) -> Response:
        form, revision = _form(form_slug)
        version = s.FormVersion(revision.pk, definition_of(revision))
        return Response(s.MobileFormDetailSerializer(form, context={"version": version}).data)


# ---------------------------------------------------------------- applications


class ApplicationBase(ResidentView):
    """An application of the acting Party, and what may be done with it."""

    def application(self, application_id: int) -> Submission:
        submission = application_of(self.acting_party(), application_id)
        if submission is None:
            raise Problem(404, "not-found", _("Nie znaleziono takiego wniosku."))
        return submission

    def may_file_for(self, party: Party | None) -> None:
        """The resident's own Party, or one they hold a mandate to file applications for."""
        if party is None or not may_act_for(self.resident, party, Representation.Scope.FILE):
            raise Problem(
                403,
                "file-scope-required",
                _("Nie masz upoważnienia do składania wniosków w imieniu tej strony."),
            )

    def changeable(self, application_id: int) -> Submission:
        submission = self.application(application_id)
        self.may_file_for(submission.party)
        return submission

    def detail(self, submission: Submission, status_code: int = 200) -> Response:
        # Read again: the use cases change a locked copy of their own.
        submission = Submission.objects.select_related("form", "revision").get(pk=submission.pk)
        definition = definition_of(submission.revision)
        version = s.FormVersion(submission.revision_id, definition)
        checked = check_draft(submission) if submission.is_draft else None
        computed = {spec.key for spec in definition.fields() if spec.kind == "computed"}
        context = {
            "errors": checked.errors if checked else {},
            "computed": {
                key: value
                for key, value in (checked.answers if checked else {}).items()
                if key in computed
            },
            "attachments": self._attachments(submission),
            "documents": self._documents(submission),
            "version": version,
        }
        data = s.MobileApplicationDetailSerializer(submission, context=context).data
        return Response(data, status=status_code)

    def _download_url(self, submission: Submission, document_id: int) -> str:
        url = reverse(
            "mobile-application-document",
            kwargs={"application_id": submission.pk, "document_id": document_id},
            request=self.request,
        )
        own = self.resident.party_id == submission.party_id
        return url if own else f"{url}?strona_id={submission.party_id}"

    def _attachments(self, submission: Submission) -> list[dict[str, Any]]:
        if submission.state == Submission.State.SUBMITTED:
            return []
        files = submission.files.filter(kind=SubmissionFile.Kind.ATTACHMENT)
        return [
            {"id": stored.pk, "token": stored.token, "field_key": stored.field_key,
             "name": stored.name, "content_type": stored.content_type, "size": stored.size,
             "url": self._download_url(submission, stored.pk)}
            for stored in files
        ]  # fmt: skip

    def _documents(self, submission: Submission) -> list[dict[str, Any]]:
        if submission.state != Submission.State.SUBMITTED:
            return []
        return [
            {"id": document.id, "title": document.title, "name": document.name,
             "content_type": document.content_type,
             "url": self._download_url(submission, document.id)}
            for document in documents_of(submission)
        ]  # fmt: skip


@extend_schema_view(
    get=extend_schema(
        operation_id="mobile_applications",
        summary="Moje wnioski",
        description="Wnioski strony: szkice, czekające na opłatę i złożone, ostatnio zmienione "
        "pierwsze.",
        parameters=[PartyQuery],
        responses={200: s.MobileApplicationSerializer(many=True), **_problems(400, 401, 403, 404)},
        tags=TAGS,
    )
)
class ApplicationsView(ResidentListView):
    serializer_class = s.MobileApplicationSerializer

    def get_queryset(self) -> QuerySet[Submission]:
        return applications_of(self.acting_party())


class FormApplicationsView(ApplicationBase):
    @extend_schema(
        operation_id="mobile_application_start",
        summary="Rozpocznij wniosek",
        description=(
            "Szkic wniosku na obowiązującej wersji formularza, wypełniony danymi strony, "
            "ważny tyle dni, ile ustaliła gmina. W imieniu reprezentowanej strony tylko z "
            "upoważnieniem do składania wniosków (zakres file)."
        ),
        parameters=[FORM_SLUG, PartyQuery],
        request=None,
        responses={201: s.MobileApplicationDetailSerializer, **_problems(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    def post(self, request: Request, form_slug: str) -> Response:
        party = self.acting_party()
        form, _revision = _form(form_slug)
        self.may_file_for(party)
        try:
            submission = start(form, party, self.resident)
        except SubmissionRefused as refusal:
            raise _refused(refusal) from None
        return self.detail(submission, status.HTTP_201_CREATED)


class ApplicationView(ApplicationBase):
    @extend_schema(
        operation_id="mobile_application",
        summary="Wniosek",
        description=(
            "Stan, numer, sprawa, opłata, odpowiedzi z tym, czego jeszcze brakuje (errors), "
            "pliki szkicu albo dokumenty złożonego wniosku z adresami pobrania, i wersja "
            "formularza, na której wniosek jest wypełniany."
        ),
        parameters=[APPLICATION_ID, PartyQuery],
        responses={200: s.MobileApplicationDetailSerializer, **_problems(400, 401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, application_id: int) -> Response:
        return self.detail(self.application(application_id))

    @extend_schema(
        operation_id="mobile_application_answers",
        summary="Zapisz odpowiedzi szkicu",
        description=(
            "Zapisuje podane odpowiedzi (jak portal: także błędne, nic nie ginie) i zwraca "
            "wniosek z błędami według ścieżek pól. Inna wersja formularza niż wniosku albo "
            "wniosek już złożony: 409; pole spoza formularza lub wyliczane: 400 i nic nie "
            "jest zapisywane."
        ),
        parameters=[APPLICATION_ID, PartyQuery],
        request=s.MobileAnswersRequestSerializer,
        responses={200: s.MobileApplicationDetailSerializer, **_problems(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    def patch(self, request: Request, application_id: int) -> Response:
        submission = self.changeable(application_id)
        body = s.MobileAnswersRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        answers = body.validated_data["answers"]
        foreign = not_answerable(definition_of(submission.revision), answers)
        if foreign:
            raise Problem(
                400,
                "invalid",
                _("Popraw wskazane pola."),
                {"errors": {path: [message] for path, message in foreign.items()}},
            )
        try:
            save_answers(submission, answers, revision_id=body.validated_data["revision"])
        except SubmissionRefused as refusal:
            raise _refused(refusal) from None
        return self.detail(submission)

    @extend_schema(
        operation_id="mobile_application_delete",
        summary="Usuń szkic wniosku",
        description="Szkic (lub wniosek czekający na opłatę) znika z plikami; złożonego nie "
        "można usunąć (409).",
        parameters=[APPLICATION_ID, PartyQuery],
        responses={204: None, **_problems(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    def delete(self, request: Request, application_id: int) -> Response:
        submission = self.changeable(application_id)
        try:
            delete_draft(submission)
        except SubmissionRefused as refusal:
            raise _refused(refusal) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class ApplicationFilesView(ApplicationBase):
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="mobile_application_attach",
        summary="Dołącz plik do szkicu",
        description=(
            "multipart/form-data: field (klucz pola plikowego) i file. Plik jest sprawdzany "
            "po zawartości (PDF, JPG, PNG, XML według pola), rozmiarze i liczbie plików "
            "pola; jego token trafia do odpowiedzi pola. Odrzucony (400) nie jest zapisywany."
        ),
        parameters=[APPLICATION_ID, PartyQuery],
        request={"multipart/form-data": s.MobileAttachRequestSerializer},
        responses={
            201: s.MobileApplicationAttachmentSerializer,
            **_problems(400, 401, 403, 404, 409),
        },
        tags=TAGS,
    )
    def post(self, request: Request, application_id: int) -> Response:
        submission = self.changeable(application_id)
        body = s.MobileAttachRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        spec = definition_of(submission.revision).field(body.validated_data["field"])
        if spec is None or spec.kind != "file":
            raise Problem(
                400,
                "invalid",
                _("Popraw wskazane pola."),
                {"errors": {"field": [_("Formularz nie ma takiego pola plikowego.")]}},
            )
        try:
            stored = attach(submission, spec, body.validated_data["file"])
        except SubmissionRefused as refusal:
            if refusal.errors:
                raise Problem(
                    400, "invalid", refusal.polish, {"errors": {"file": [refusal.polish]}}
                ) from None
            raise _refused(refusal) from None
        data = {"id": stored.pk, "token": stored.token, "field_key": stored.field_key,
                "name": stored.name, "content_type": stored.content_type, "size": stored.size,
                "url": self._download_url(submission, stored.pk)}  # fmt: skip
        return Response(
            s.MobileApplicationAttachmentSerializer(data).data, status=status.HTTP_201_CREATED
        )


class ApplicationFileView(ApplicationBase):
    @extend_schema(
        operation_id="mobile_application_detach",
        summary="Usuń plik ze szkicu",
        description="Plik znika z odpowiedzi pola i z magazynu.",
        parameters=[
            APPLICATION_ID,
            OpenApiParameter(
                "file_token",
                str,
                OpenApiParameter.PATH,
                description="Token pliku (attachments[].token).",
            ),
            PartyQuery,
        ],
        responses={204: None, **_problems(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    def delete(self, request: Request, application_id: int, file_token: str) -> Response:
        submission = self.changeable(application_id)
        attached = submission.files.filter(
            kind=SubmissionFile.Kind.ATTACHMENT, token=file_token
        ).exists()
        if not attached:
            raise Problem(404, "not-found", _("Nie znaleziono takiego pliku."))
        try:
            detach(submission, file_token)
        except SubmissionRefused as refusal:
            raise _refused(refusal) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class ApplicationDocumentView(ApplicationBase):
    content_negotiation_class = AnyAccept

    @extend_schema(
        operation_id="mobile_application_document",
        summary="Pobierz plik wniosku",
        description=(
            "Plik szkicu (attachments) albo dokument złożonego wniosku (documents), tylko "
            "strony, w której imieniu działasz."
        ),
        parameters=[
            APPLICATION_ID,
            OpenApiParameter(
                "document_id",
                int,
                OpenApiParameter.PATH,
                description="id z attachments lub documents wniosku.",
            ),
            PartyQuery,
        ],
        responses={**file_responses(), **_problems(400, 401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, application_id: int, document_id: int) -> Any:
        document = document_of(self.application(application_id), document_id)
        if document is None:
            raise Problem(404, "not-found", _("Nie znaleziono takiego pliku."))
        return download(document)


class ApplicationSubmitView(ApplicationBase):
    @extend_schema(
        operation_id="mobile_application_submit",
        summary="Złóż wniosek",
        description=(
            "Składa kompletny szkic (niekompletny: 400 z polami). Wniosek strony składa się "
            "w logowaniu login.gov.pl, którego asercję zapisuje się z wnioskiem; telefon "
            "sparowany PIN-em go nie ma, więc odpowiedź to 403 login-gov-pl-required z "
            "adresem podsumowania wniosku w portalu (portal_url), gdzie mieszkaniec loguje "
            "się i składa ten sam szkic. Z opłatą: stan awaiting_payment, zapłać przez "
            "/fee-payment/."
        ),
        parameters=[APPLICATION_ID, PartyQuery],
        request=None,
        responses={
            200: s.MobileApplicationDetailSerializer,
            **_problems(400, 401, 404, 409),
            (403, PROBLEM): s.MobileLoginRequiredSerializer,
        },
        tags=TAGS,
    )
    def post(self, request: Request, application_id: int) -> Response:
        submission = self.changeable(application_id)
        try:
            # A paired phone's session: PESEL and PIN, never a login.gov.pl assertion.
            submit(submission, authentication=None)
        except AuthenticationRequired as refusal:
            summary = django_reverse("eservices:summary", args=[submission.pk])
            raise Problem(
                403,
                "login-gov-pl-required",
                _(
                    "Wniosek złożysz w portalu po zalogowaniu przez login.gov.pl: aplikacja "
                    "sparowana PIN-em nie ma takiego logowania. Szkic czeka tam gotowy."
                ),
                {"portal_url": request.build_absolute_uri(summary)},
            ) from refusal
        except SubmissionRefused as refusal:
            raise _refused(refusal) from None
        return self.detail(submission)


class ApplicationFeeView(ApplicationBase):
    @extend_schema(
        operation_id="mobile_application_fee_payment",
        summary="Zapłać opłatę za wniosek",
        description=(
            "Wniosek czekający na opłatę (awaiting_payment): rozpoczyna płatność i zwraca "
            "adres bramki (redirect_url). Po zaksięgowaniu wpłaty wniosek jest składany sam; "
            "stan płatności: /payments/intents/{id}/."
        ),
        parameters=[APPLICATION_ID, PartyQuery],
        request=None,
        responses={201: MobilePaymentIntentSerializer, **_problems(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    def post(self, request: Request, application_id: int) -> Response:
        submission = self.application(application_id)
        resident = self.resident
        if resident.is_demo:
            raise Problem(403, "demo-account", _("Konto demonstracyjne nie może płacić."))
        if submission.party is None or not may_pay_for(resident, submission.party):
            raise Problem(
                403,
                "pay-scope-required",
                _("Nie masz upoważnienia do płatności w imieniu tej strony."),
            )
        try:
            intent = pay_fee(
                submission,
                resident,
                site_url=f"{request.scheme}://{request.get_host()}",
                customer_ip=client_ip(request._request) or "",
            )
        except SubmissionRefused as refusal:
            raise _refused(refusal, kind="payment-refused") from None
        return Response(
            MobilePaymentIntentSerializer(intent).data,
            status=status.HTTP_201_CREATED,
            headers={"Cache-Control": "no-store"},
        )
