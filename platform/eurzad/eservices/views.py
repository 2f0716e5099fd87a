"""The resident's pages of the town's e-services: the list of forms, a form's steps, the
summary, submitting (and paying the fee), the application afterwards, Moje wnioski.

Thin views: what an application may do is :mod:`eurzad.eservices.services`; a step's
POST is read by :mod:`eurzad.eservices.flow`. An application is reached only by the Party
it is for (the acting one) or, for an anonymous report, by the browser that started it;
anything else answers 404, like one that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eurzad.core.account_area import render_account_page
from eurzad.core.client import client_ip
from eurzad.core.query import PagedQuery, reads_query, requested_page
from eurzad.core.spam import HONEYPOT, STAMP, form_stamp, stamp_problem, too_many_submissions
from eurzad.eservices import flow
from eurzad.eservices.answers import FORM, check, given
from eurzad.eservices.attachments import accept_attribute, attach, detach
from eurzad.eservices.definition import Definition, Step
from eurzad.eservices.errors import SubmissionRefused
from eurzad.eservices.fees import pay_fee
from eurzad.eservices.models import EServiceSettings, Submission, definition_of
from eurzad.eservices.queries import application_of, applications_of, online_form, online_forms
from eurzad.eservices.services import (
    Filed,
    delete_draft,
    reopen,
    save_answers,
    signature_required,
    start,
    submit,
)
from eurzad.eservices.signing import begin_signing, cancel_signing, complete_signing
from eurzad.identity.acting import acting_party, resident_of, resident_required
from eurzad.identity.authentication import authentication_of
from eurzad.identity.requests import ResidentRequest

PER_PAGE = 25  # Moje wnioski
ANONYMOUS_KEY = "eurzad.eservices.anonymous"  # the anonymous reports this browser started


def _acting(request: HttpRequest) -> tuple[Any, Any]:
    """(resident, acting Party) of a logged-in resident, else (None, None)."""
    resident = resident_of(request)
    if resident is None:
        return None, None
    return resident, acting_party(request, resident)


def _application(request: HttpRequest, submission_id: int) -> Submission:
    resident, party = _acting(request)
    if resident is None and submission_id not in request.session.get(ANONYMOUS_KEY, []):
        raise Http404
    submission = application_of(party, submission_id)
    if submission is None:
        raise Http404
    return submission


def _step_url(submission: Submission, number: int) -> str:
    return reverse("eservices:step", args=[submission.pk, number])


@require_http_methods(["GET", "HEAD"])
def index(request: HttpRequest) -> HttpResponse:
    """E-usługi: the forms the town takes online."""
    return render(request, "eservices/index.html", {"forms": list(online_forms())})


@require_http_methods(["GET", "HEAD", "POST"])
def form_start(request: HttpRequest, slug: str) -> HttpResponse:
    """A form's first page (what it is for, what is needed); POST starts a draft."""
    form = online_form(slug)
    if form is None:
        raise Http404
    resident, party = _acting(request)
    definition = definition_of(form.live_revision)
    if request.method == "POST":
        if resident is None and not form.anonymous:
            return redirect_to_login(request.get_full_path(), login_url="/logowanie/")
        if resident is None and too_many_submissions(request, f"eservice-start-{form.pk}"):
            messages.error(
                request,
                _("Wysłano zbyt wiele zgłoszeń z tego adresu. Spróbuj ponownie za godzinę."),
            )
            return redirect(request.path)
        try:
            submission = start(form, party, resident)
        except SubmissionRefused as refused:
            messages.error(request, refused.polish)
            return redirect(request.path)
        if resident is None:
            request.session[ANONYMOUS_KEY] = [
                *request.session.get(ANONYMOUS_KEY, [])[-9:],
                submission.pk,
            ]
        return redirect(_step_url(submission, 1))
    context = {
        "form": form,
        "definition": definition,
        "resident": resident,
        "party": party,
        "draft_days": EServiceSettings.load().draft_days,
        "fee_field": definition.field(definition.fee_field) if definition.fee_field else None,
    }
    return render(request, "eservices/form_start.html", context)


def _group_action(raw: dict[str, Any], action: str) -> bool:
    """Add or remove a row of a repeating group (``add:<key>``, ``remove:<key>:<n>``);
    True when the action was one."""
    verb, _sep, rest = action.partition(":")
    if verb == "add" and isinstance(raw.get(rest), list):
        raw[rest].append({})
        return True
    if verb == "remove":
        key, _sep, number = rest.partition(":")
        rows = raw.get(key)
        if isinstance(rows, list) and number.isdigit() and int(number) < len(rows):
            rows.pop(int(number))
            return True
    return False


def _uploads(request: HttpRequest, submission: Submission, step: Step) -> dict[str, str]:
    errors: dict[str, str] = {}
    for spec in step.fields:
        if spec.kind != "file":
            continue
        for upload in request.FILES.getlist(f"{spec.key}.upload"):
            try:
                attach(submission, spec, upload)
            except SubmissionRefused as refused:
                errors[spec.key] = refused.polish
    return errors


def _shown_field(name: str, spec: Any, value: Any, error: str) -> dict[str, Any]:
    """What the template needs of one input: its name, id and described-by ids."""
    html_id = "f-" + name.replace(".", "-")
    described = [f"{html_id}-help"] if spec.help else []
    if error:
        described.append(f"{html_id}-error")
    return {
        "spec": spec,
        "name": name,
        "id": html_id,
        "value": value,
        "error": error,
        "described": " ".join(described),
        "rows": [],
        "files": [],
    }


def _step_context(
    submission: Submission,
    definition: Definition,
    steps: list[Step],
    number: int,
    errors: dict[str, str],
    answers: dict[str, Any],
) -> dict[str, Any]:
    step = steps[number - 1]
    files = {stored.token: stored for stored in submission.files.all()}
    fields = []
    for spec in flow.visible_fields(definition, step, answers):
        value = answers.get(spec.key)
        field = _shown_field(spec.key, spec, value, errors.get(spec.key, ""))
        if spec.kind == "group":
            field["rows"] = [
                {
                    "number": row_number,
                    "cells": [
                        _shown_field(
                            f"{spec.key}.{row_number}.{inner.key}",
                            inner,
                            row.get(inner.key) if isinstance(row, dict) else None,
                            errors.get(f"{spec.key}.{row_number}.{inner.key}", ""),
                        )
                        for inner in spec.fields
                    ],
                }
                for row_number, row in enumerate(value or [])
            ]
        elif spec.kind == "file":
            field["files"] = [files[token] for token in value or [] if token in files]
            field["accept"] = accept_attribute(spec)
        elif spec.kind == "computed":
            field["shown"] = flow.shown_value(spec, value, {})
        fields.append(field)
    summary_errors = [
        (f"f-{path.replace('.', '-')}", message) for path, message in errors.items() if path != FORM
    ]
    return {
        "submission": submission,
        "form": submission.form,
        "steps": steps,
        "step": step,
        "number": number,
        "fields": fields,
        "errors": errors,
        "summary_errors": summary_errors,
        "form_error": errors.get(FORM, ""),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def step(request: HttpRequest, submission_id: int, number: int) -> HttpResponse:
    """One step of the form: its fields, filled with what was saved; POST saves them and
    goes on (Dalej), back (Wstecz) or away (Zapisz i dokończ później)."""
    submission = _application(request, submission_id)
    if not submission.is_draft:
        return redirect("eservices:application", submission.pk)
    definition = definition_of(submission.revision)
    steps = flow.visible_steps(definition, submission.answers)
    if not 1 <= number <= len(steps):
        return redirect(_step_url(submission, min(max(number, 1), len(steps))))
    current = steps[number - 1]
    errors: dict[str, str] = {}
    answers = submission.answers
    if request.method == "POST":
        action = request.POST.get("action", "next")
        raw = flow.step_answers(request.POST, current)
        regrouped = _group_action(raw, action)
        try:
            revision = int(request.POST.get("revision", "0"))
            checked = save_answers(submission, raw, steps=[current], revision_id=revision)
        except (SubmissionRefused, ValueError) as refused:
            message = getattr(refused, "polish", _("Odśwież stronę i spróbuj ponownie."))
            messages.error(request, message)
            return redirect(_step_url(submission, number))
        if action.startswith("detach:"):
            detach(submission, action.partition(":")[2])
        upload_errors = _uploads(request, submission, current)
        submission.refresh_from_db()
        if action == "back":
            return redirect(_step_url(submission, max(number - 1, 1)))
        if action == "save":
            messages.success(request, _("Zapisano wersję roboczą wniosku."))
            if resident_of(request) is not None:
                return redirect("eservices:mine")
            return redirect(_step_url(submission, number))
        errors = {**checked.errors, **upload_errors}
        if action != "next":
            # A row added or removed, a file attached or removed: the step again, with
            # its answers kept and checked when going on (a new row is empty yet); only
            # a refused file is said at once.
            errors = upload_errors
        answers = {**submission.answers, **checked.answers}
        if action == "next" and not errors:
            steps = flow.visible_steps(definition, submission.answers)
            if number < len(steps):
                return redirect(_step_url(submission, number + 1))
            return redirect("eservices:summary", submission.pk)
        if not errors and (regrouped or action.startswith(("detach:", "upload"))):
            return redirect(_step_url(submission, number))
        steps = flow.visible_steps(definition, answers)
        number = min(number, len(steps))
    context = _step_context(submission, definition, steps, number, errors, answers)
    return render(request, "eservices/step.html", context, status=200)


def _summary_context(request: HttpRequest, submission: Submission) -> dict[str, Any]:
    definition = definition_of(submission.revision)
    checked = check(definition, given(definition, submission.answers))
    steps = flow.visible_steps(definition, checked.answers)
    names = {stored.token: stored.name for stored in submission.files.all()}
    sections = [
        {
            "step": step,
            "number": position,
            "lines": flow.summary(definition, step, checked.answers, names),
        }
        for position, step in enumerate(steps, start=1)
    ]
    fee_spec = definition.field(definition.fee_field) if definition.fee_field else None
    fee = checked.answers.get(definition.fee_field) if fee_spec else None
    incomplete = []
    for path, message in checked.errors.items():
        key = path.split(".")[0]
        position = next(
            (n for n, step in enumerate(steps, start=1) if any(f.key == key for f in step.fields)),
            1,
        )
        incomplete.append((_step_url(submission, position), message))
    return {
        "submission": submission,
        "form": submission.form,
        "sections": sections,
        "steps": steps,
        "incomplete": incomplete,
        "fee": fee if fee not in (None, "0.00") else None,
        "fee_title": submission.form.fee_title,
        "honeypot": HONEYPOT,
        "stamp_name": STAMP,
        "stamp": form_stamp() if submission.party is None else "",
        "signature_required": signature_required(submission),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def summary(request: HttpRequest, submission_id: int) -> HttpResponse:
    """Everything answered, step by step with a link to change it; POST submits (and,
    with a fee, goes on to the payment)."""
    submission = _application(request, submission_id)
    if not submission.is_draft:
        return redirect("eservices:application", submission.pk)
    if request.method == "POST":
        if submission.party is None:
            problem = stamp_problem(request.POST.get(STAMP, ""), request.POST.get(HONEYPOT, ""))
            if problem is None and too_many_submissions(request, "eservice-report"):
                problem = (
                    "rate",
                    _("Wysłano zbyt wiele zgłoszeń z tego adresu. Spróbuj ponownie za godzinę."),
                )
            if problem is not None:
                messages.error(request, problem[1])
                return redirect("eservices:summary", submission.pk)
        try:
            filed = submit(submission, authentication_of(request))
        except SubmissionRefused as refused:
            messages.error(request, refused.polish)
            return redirect("eservices:summary", submission.pk)
        return _onwards(request, filed)
    return render(request, "eservices/summary.html", _summary_context(request, submission))


def _onwards(request: HttpRequest, filed: Filed) -> HttpResponse:
    """After submitting or signing: to the signing service, to the fee, or filed."""
    if filed.needs_signature:
        return _to_signing(request, filed.submission)
    if filed.needs_payment:
        return _to_payment(request, filed.submission)
    messages.success(request, _("Wniosek został złożony."))
    return redirect("eservices:application", filed.submission.pk)


def _to_signing(request: HttpRequest, submission: Submission) -> HttpResponse:
    back = reverse("eservices:signed", args=[submission.pk])
    cancelled = reverse("eservices:not-signed", args=[submission.pk])
    try:
        url = begin_signing(
            submission,
            success_url=request.build_absolute_uri(back),
            failure_url=request.build_absolute_uri(cancelled),
        )
    except SubmissionRefused as refused:
        messages.error(request, refused.polish)
        return redirect("eservices:application", submission.pk)
    return HttpResponseRedirect(url)


@require_POST
def sign(request: HttpRequest, submission_id: int) -> HttpResponse:
    """Sign an application waiting for its signature (again, after leaving the page)."""
    submission = _application(request, submission_id)
    return _to_signing(request, submission)


@require_http_methods(["GET", "HEAD"])
def signed(request: HttpRequest, submission_id: int) -> HttpResponse:
    """Back from the signing service: the signed document is fetched and checked."""
    submission = _application(request, submission_id)
    resident = resident_of(request)
    if resident is None:
        raise Http404
    try:
        filed = complete_signing(submission, resident)
    except SubmissionRefused as refused:
        messages.error(request, refused.polish)
        return redirect("eservices:application", submission.pk)
    messages.success(request, _("Wniosek został podpisany podpisem zaufanym."))
    return _onwards(request, filed)


@require_http_methods(["GET", "HEAD"])
def not_signed(request: HttpRequest, submission_id: int) -> HttpResponse:
    """The resident cancelled signing: the application is a draft again."""
    submission = _application(request, submission_id)
    cancel_signing(submission)
    messages.warning(request, _("Nie podpisano wniosku – nie został złożony."))
    return redirect("eservices:summary", submission.pk)


def _to_payment(request: HttpRequest, submission: Submission) -> HttpResponse:
    resident = resident_of(request)
    if resident is None:
        raise Http404
    try:
        intent = pay_fee(
            submission,
            resident,
            site_url=f"{request.scheme}://{request.get_host()}",
            customer_ip=client_ip(request) or "",
        )
    except SubmissionRefused as refused:
        messages.error(request, refused.polish)
        return redirect("eservices:application", submission.pk)
    return HttpResponseRedirect(intent.redirect_url)


@require_POST
def pay(request: HttpRequest, submission_id: int) -> HttpResponse:
    """Pay the fee of an application waiting for it (again, after a failed payment)."""
    submission = _application(request, submission_id)
    return _to_payment(request, submission)


@require_POST
def back_to_draft(request: HttpRequest, submission_id: int) -> HttpResponse:
    """Change an application waiting for its fee (no payment under way): a draft again."""
    submission = _application(request, submission_id)
    if submission.state in (Submission.State.AWAITING_PAYMENT, Submission.State.SIGNING):
        try:
            reopen(submission)
        except SubmissionRefused as refused:
            messages.error(request, refused.polish)
            return redirect("eservices:application", submission.pk)
    return redirect("eservices:summary", submission.pk)


@require_POST
def delete(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = _application(request, submission_id)
    try:
        delete_draft(submission)
    except SubmissionRefused as refused:
        messages.error(request, refused.polish)
        return redirect("eservices:application", submission.pk)
    messages.success(request, _("Usunięto wersję roboczą wniosku."))
    if resident_of(request) is not None:
        return redirect("eservices:mine")
    return redirect("eservices:index")


@require_http_methods(["GET", "HEAD"])
def application(request: HttpRequest, submission_id: int) -> HttpResponse:
    """An application after submitting: its reference, case and documents; or what it
    still waits for (the fee)."""
    submission = _application(request, submission_id)
    if submission.is_draft:
        return redirect("eservices:summary", submission.pk)
    case = submission.case
    documents = list(case.documents.all()) if case is not None else []
    return render(
        request,
        "eservices/application.html",
        {"submission": submission, "form": submission.form, "documents": documents},
    )


@resident_required
@require_http_methods(["GET", "HEAD"])
@reads_query(PagedQuery)
def mine(request: ResidentRequest) -> HttpResponse:
    """Moje wnioski: the acting Party's applications, the latest first, unfinished ones
    with their expiry; in pages."""
    party = request.acting_party
    page = requested_page(request, applications_of(party), PER_PAGE) if party else None
    return render_account_page(request, "eservices/mine.html", {"page": page})
