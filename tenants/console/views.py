"""Console pages (server-rendered, Polish). Thin: the work is in services and twofactor."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tenants.utils import schema_context

from eurzad.core import login_limits
from eurzad.core.client import client_ip
from eurzad.core.query import reads_query
from eurzad.finance.interest.models import InterestRate, InterestThreshold, Regime
from eurzad.finance.interest.table import TITLES, histories, replaced_by
from tenants.console import api_tokens, jobs, login_lockouts, twofactor
from tenants.console.auth import (
    ENROL_SECRET,
    PENDING,
    OperatorRequest,
    complete_login,
    operator_required,
)
from tenants.console.filters import (
    TOWN_ORDER_CHOICES,
    AuditQuery,
    JobListQuery,
    NewRateQuery,
    TownListQuery,
)
from tenants.console.forms import (
    INTEGRATIONS,
    ApiTokenForm,
    CodeForm,
    ConfirmNameForm,
    DomainsForm,
    InterestRateForm,
    InterestThresholdForm,
    LoginForm,
    OnboardForm,
    ReasonForm,
    RestoreForm,
    UnlockForm,
)
from tenants.console.models import LifecycleJob, Operator, OperatorAction
from tenants.console.services import archive, integrations, interest, lifecycle
from tenants.console.services.actions import Actor, LifecycleError, record
from tenants.models import Municipality


def _actor(request: OperatorRequest) -> Actor:
    return Actor.for_operator(request.operator, client_ip(request), "console")


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return "console:towns"


# --- logging in --------------------------------------------------------------------------


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        operator = Operator.objects.filter(user=user).first() if user else None
        if user is not None and operator is None:
            # A right password of a platform user who is no operator: a failure too.
            login_limits.count_failure(request, form.cleaned_data["username"])
        if operator is None:
            form.add_error(None, _("Nieprawidłowa nazwa użytkownika lub hasło."))
        else:
            request.session.cycle_key()
            request.session[PENDING] = operator.pk
            request.session["console_next"] = _next(request)
            return redirect("console:totp" if operator.is_enrolled else "console:enrol")
    return render(request, "console/login.html", {"form": form, "next": _next(request)})


def _pending(request: HttpRequest) -> Operator | None:
    pk = request.session.get(PENDING)
    return Operator.objects.select_related("user").filter(pk=pk).first() if pk else None


def totp_view(request: HttpRequest) -> HttpResponse:
    operator = _pending(request)
    if operator is None or not operator.is_enrolled:
        return redirect("console:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            ok = (
                twofactor.verify_totp(operator, code)
                if code.strip().replace(" ", "").isdigit()
                else twofactor.use_recovery_code(operator, code)
            )
        except twofactor.Locked:
            form.add_error(
                None, _("Zbyt wiele błędnych kodów. Spróbuj ponownie za kilkanaście minut.")
            )
        else:
            if ok:
                target = request.session.get("console_next") or "console:towns"
                complete_login(request, operator)
                record(_actor_of(request, operator), "login")
                return redirect(target)
            form.add_error("code", _("Nieprawidłowy lub już użyty kod."))
    return render(request, "console/totp.html", {"form": form}, status=200)


def _actor_of(request: HttpRequest, operator: Operator) -> Actor:
    return Actor.for_operator(operator, client_ip(request), "console")


def enrol_view(request: HttpRequest) -> HttpResponse:
    operator = _pending(request)
    if operator is None or operator.is_enrolled:
        return redirect("console:login")
    secret = request.session.get(ENROL_SECRET) or twofactor.new_secret()
    request.session[ENROL_SECRET] = secret
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = twofactor.confirm_enrolment(operator, secret, form.cleaned_data["code"])
        except twofactor.Locked:
            codes = None
            form.add_error(None, _("Zbyt wiele błędnych kodów. Spróbuj ponownie później."))
        if codes:
            complete_login(request, operator)
            record(_actor_of(request, operator), "enrol_2fa")
            return render(request, "console/recovery_codes.html", {"codes": codes})
        if not form.errors:
            form.add_error("code", _("Nieprawidłowy kod – sprawdź zegar telefonu."))
    uri = twofactor.provisioning_uri(operator, secret)
    return render(
        request,
        "console/enrol.html",
        {"form": form, "secret": secret, "qr": twofactor.qr_svg(uri)},
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("console:login")


# --- towns -------------------------------------------------------------------------------


def _kept_query(request: OperatorRequest) -> str:
    """The list's filters as typed, for page links (without the page number)."""
    params = cast(QueryDict, request.query.data).copy()  # bound to the query string
    params.pop("strona", None)
    return params.urlencode()


@operator_required
@reads_query(TownListQuery)
def town_list(request: OperatorRequest) -> HttpResponse:
    filters = request.query.filters
    query, status, order = filters["q"], filters["status"], filters["sortuj"] or "nazwa"
    towns = lifecycle.towns(query, status, order)
    page = Paginator(towns, 50).get_page(filters["strona"])
    return render(
        request,
        "console/town_list.html",
        {
            "page": page,
            "q": query,
            "status": status,
            "statuses": Municipality.Status.choices,
            "order": order,
            "orders": TOWN_ORDER_CHOICES,
            "keep": _kept_query(request),
            "activity_minutes": max(1, settings.TOWN_ACTIVITY_INTERVAL_SECONDS // 60),
        },
    )


def _town(schema_name: str) -> Municipality:
    if schema_name == "public":
        raise Http404
    return get_object_or_404(Municipality, schema_name=schema_name)


@operator_required
def town_detail(request: OperatorRequest, schema_name: str) -> HttpResponse:
    town = _town(schema_name)
    return render(
        request,
        "console/town_detail.html",
        {
            "town": town,
            "domains": town.domains.order_by("-is_primary", "domain"),
            "last_activity": lifecycle.last_activity(town),
            "actions": OperatorAction.objects.filter(town_schema=town.schema_name)[:20],
            "jobs": LifecycleJob.objects.filter(town_schema=town.schema_name)[:5],
            "open_job": lifecycle.open_job(town.schema_name),
            "integrations": INTEGRATIONS,
            "reason_form": ReasonForm(),
            "delete_form": ConfirmNameForm(),
        },
    )


@operator_required
def onboard_view(request: OperatorRequest) -> HttpResponse:
    form = OnboardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            town = lifecycle.onboard(
                _actor(request),
                lifecycle.OnboardRequest(
                    name=data["name"],
                    official_name=data["official_name"],
                    teryt=data["teryt"],
                    subdomain=data["subdomain"],
                    theme_preset=data["theme_preset"],
                    custom_domains=data["custom_domains"],
                    editor_email=data["editor_email"],
                    kind=data["kind"],
                    voivodeship=data["voivodeship"],
                ),
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                target = {"domain": "subdomain", "schema_name": "name"}.get(field, field)
                form.add_error(target if target in form.fields else None, errors)
        else:
            messages.success(request, _("Gmina %(town)s działa.") % {"town": town})
            return redirect("console:town", schema_name=town.schema_name)
    return render(request, "console/onboard.html", {"form": form})


@operator_required
def domains_view(request: OperatorRequest, schema_name: str) -> HttpResponse:
    town = _town(schema_name)
    current = list(town.domains.order_by("-is_primary", "domain"))
    initial = {
        "domains": "\n".join(d.domain for d in current),
        "primary": next((d.domain for d in current if d.is_primary), ""),
    }
    form = DomainsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.set_domains(
                _actor(request), town, form.cleaned_data["domains"], form.cleaned_data["primary"]
            )
        except ValidationError as exc:
            form.add_error("domains", exc.message_dict.get("domains", exc.messages))
        else:
            messages.success(request, _("Domeny zapisane."))
            return redirect("console:town", schema_name=town.schema_name)
    return render(request, "console/domains.html", {"town": town, "form": form})


@operator_required
def integration_view(request: OperatorRequest, schema_name: str, kind: str) -> HttpResponse:
    town = _town(schema_name)
    if kind not in INTEGRATIONS or town.status == Municipality.Status.ARCHIVED:
        raise Http404
    label, form_class = INTEGRATIONS[kind]
    variant = request.GET.get("rodzaj", "")
    with schema_context(town.schema_name):
        instance = integrations.integration_instance(town, kind, variant)
        form = form_class(request.POST or None, instance=instance)
        valid = request.method == "POST" and form.is_valid()
    if valid:
        integrations.save_integration(_actor(request), town, kind, form)
        messages.success(request, _("Ustawienia zapisane w schemacie gminy."))
        return redirect("console:town", schema_name=town.schema_name)
    return render(
        request,
        "console/integration.html",
        {"town": town, "form": form, "label": label, "kind": kind, "variant": variant},
    )


def _lifecycle(request: HttpRequest, town: Municipality, done: str, call) -> HttpResponse:
    try:
        result = call()
    except LifecycleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done % {"town": town, "result": result})
    return redirect("console:town", schema_name=town.schema_name)


@operator_required
@require_POST
def suspend_view(request: OperatorRequest, schema_name: str) -> HttpResponse:
    town = _town(schema_name)
    reason = request.POST.get("reason", "")[:500]
    return _lifecycle(
        request,
        town,
        _("Gmina %(town)s zawieszona."),
        lambda: lifecycle.suspend(_actor(request), town, reason),
    )


@operator_required
@require_POST
def reactivate_view(request: OperatorRequest, schema_name: str) -> HttpResponse:
    town = _town(schema_name)
    return _lifecycle(
        request,
        town,
        _("Gmina %(town)s znowu działa."),
        lambda: lifecycle.reactivate(_actor(request), town),
    )


@operator_required
@require_POST
def archive_view(request: OperatorRequest, schema_name: str) -> HttpResponse:
    town = _town(schema_name)
    return _lifecycle(
        request,
        town,
        _(
            "Archiwizacja gminy %(town)s zlecona. Trwa w tle; jej stan widać poniżej "
            "(odśwież stronę)."
        ),
        lambda: jobs.request_archive(_actor(request), town),
    )


@operator_required
def delete_view(request: OperatorRequest, schema_name: str) -> HttpResponse:
    town = _town(schema_name)
    form = ConfirmNameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.delete(_actor(request), town, form.cleaned_data["confirm_name"])
        except LifecycleError as exc:
            form.add_error("confirm_name", str(exc))
        else:
            messages.success(request, _("Gmina %(town)s usunięta.") % {"town": town})
            return redirect("console:towns")
    return render(request, "console/delete.html", {"town": town, "form": form})


def _exports() -> list[str]:
    root = Path(settings.ARCHIVE_ROOT)
    if not root.is_dir():
        return []
    return sorted((p.name for p in root.glob("*.tar.gz")), reverse=True)


@operator_required
def restore_view(request: OperatorRequest) -> HttpResponse:
    form = RestoreForm(request.POST or None, exports=_exports())
    if request.method == "POST" and form.is_valid():
        try:
            job = jobs.request_restore(
                _actor(request),
                archive.resolve_export(form.cleaned_data["export"]),
                form.cleaned_data["schema_name"],
            )
        except (LifecycleError, ValidationError) as exc:
            form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(
                request,
                _("Odtworzenie gminy %(town)s zlecone. Trwa w tle; jego stan widać poniżej.")
                % {"town": job.town_name or job.town_schema},
            )
            return redirect("console:jobs")
    return render(request, "console/restore.html", {"form": form})


@operator_required
@reads_query(JobListQuery)
def jobs_view(request: OperatorRequest) -> HttpResponse:
    lifecycle.fail_interrupted_jobs()
    number = request.query.filters["strona"]
    page = Paginator(LifecycleJob.objects.all(), 50).get_page(number)
    return render(request, "console/jobs.html", {"page": page, "keep": ""})


# --- login lockouts ----------------------------------------------------------------------


@operator_required
def lockouts_view(request: OperatorRequest, schema_name: str = "") -> HttpResponse:
    """The lockouts in force: a town's, or (no schema) the operators' own."""
    town = _town(schema_name) if schema_name else None
    try:
        found = login_lockouts.lockouts(town)
    except LifecycleError as exc:
        messages.error(request, str(exc))
        return redirect("console:town", schema_name=schema_name)
    return render(
        request,
        "console/lockouts.html",
        {
            "town": town,
            "lockouts": found,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cool_off_minutes": int(login_limits.cool_off().total_seconds() // 60),
        },
    )


@operator_required
@require_POST
def unlock_view(request: OperatorRequest, schema_name: str = "") -> HttpResponse:
    """Lift one lockout of the list (a town's, or an operator's), then back to the list."""
    town = _town(schema_name) if schema_name else None
    back = (
        redirect("console:town-lockouts", schema_name=schema_name)
        if town
        else redirect("console:lockouts")
    )
    form = UnlockForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nie wskazano blokady do zdjęcia."))
        return back
    username = form.cleaned_data["username"]
    try:
        login_lockouts.unlock_login(
            _actor(request), town, username, form.cleaned_data["ip_address"] or None
        )
    except LifecycleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Blokada logowania %(name)s zdjęta.") % {"name": username})
    return back


# --- audit log and API tokens ------------------------------------------------------------


@operator_required
@reads_query(AuditQuery)
def audit_view(request: OperatorRequest) -> HttpResponse:
    entries = OperatorAction.objects.all()
    filters = request.query.filters
    town, operator = filters["gmina"], filters["operator"]
    if town:
        entries = entries.filter(town_schema=town) | entries.filter(town_name__icontains=town)
    if operator:
        entries = entries.filter(operator_name__icontains=operator)
    page = Paginator(entries, 100).get_page(filters["strona"])
    return render(
        request,
        "console/audit.html",
        {"page": page, "town": town, "operator": operator, "keep": _kept_query(request)},
    )


@operator_required
def tokens_view(request: OperatorRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        created = api_tokens.issue(request.operator, form.cleaned_data["name"])
        record(_actor(request), "api_token_issued", details={"name": created.name})
        form = ApiTokenForm()
    return render(
        request,
        "console/tokens.html",
        {
            "form": form,
            "created": created,
            "tokens": request.operator.api_tokens.all(),
        },
    )


@operator_required
@require_POST
def revoke_token_view(request: OperatorRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.operator.api_tokens, pk=pk)
    api_tokens.revoke(token)
    record(_actor(request), "api_token_revoked", details={"name": token.name})
    messages.success(request, _("Token unieważniony."))
    return redirect("console:tokens")


# --- statutory interest rates (the platform's table, read by every town) -----------------


def describe(row: InterestRate | InterestThreshold) -> str:
    """A row in words: "Odsetki …: 10,50 % od 05.03.2026" or "8,70 zł od 01.03.2025"."""
    day = f"{row.valid_from:%d.%m.%Y}"
    if isinstance(row, InterestRate):
        return _("%(table)s: %(rate)s %% od %(day)s") % {
            "table": TITLES[row.regime],
            "rate": number_format(row.rate, 2),
            "day": day,
        }
    return _("%(amount)s zł od %(day)s") % {"amount": number_format(row.amount, 2), "day": day}


@operator_required
def interest_view(request: OperatorRequest) -> HttpResponse:
    """Both tables of rates and the thresholds, newest first, with their sources, who
    entered each row and when; and the latest change of each, to notice a missing one."""
    tables = histories(timezone.localdate())
    corrected = {kind: interest.corrections(kind) for kind in ("rate", "threshold")}
    listed = [
        (table, [(row, corrected["threshold" if table.is_threshold else "rate"].get(row.pk))
                 for row in table.rows])
        for table in tables
    ]  # fmt: skip
    rate_tables = [table for table in tables if not table.is_threshold]
    latest_days = {table.latest.valid_from for table in rate_tables if table.latest}
    return render(
        request,
        "console/interest.html",
        {"tables": listed, "latest": tables, "regimes_differ": len(latest_days) > 1},
    )


def _interest_entry_errors(form: forms.Form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _interest_form(request: OperatorRequest, form: forms.Form, save: Callable[[], str],
                   context: dict[str, Any]) -> HttpResponse:  # fmt: skip
    """The add or correct page: on a valid POST ``save()`` says what was done."""
    if request.method == "POST" and form.is_valid():
        try:
            done = save()
        except ValidationError as exc:
            _interest_entry_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("console:interest")
    return render(request, "console/interest_form.html", {"form": form, **context})


def _row_initial(row: InterestRate | InterestThreshold, value: str) -> dict[str, Any]:
    fields = ["valid_from", value, "announcement", "source_url"]
    if isinstance(row, InterestRate):
        fields.insert(0, "regime")
    return {name: getattr(row, name) for name in fields}


@operator_required
@reads_query(NewRateQuery)
def interest_rate_add_view(request: OperatorRequest) -> HttpResponse:
    form = InterestRateForm(
        request.POST or None, initial={"regime": request.query.filters["rodzaj"] or Regime.TAX}
    )

    def save() -> str:
        row = interest.add_rate(_actor(request), interest.RateEntry(**form.cleaned_data))
        return _("Dodano stawkę – %(row)s.") % {"row": describe(row)}

    return _interest_form(
        request, form, save, {"title": _("Nowa stawka odsetek"), "submit": _("Dodaj stawkę")}
    )


@operator_required
def interest_rate_view(request: OperatorRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(InterestRate, pk=pk)
    form = InterestRateForm(request.POST or None, initial=_row_initial(row, "rate"))

    def save() -> str:
        entry = interest.RateEntry(**form.cleaned_data)
        if not interest.correct_rate(_actor(request), row, entry):
            return _("Nic nie zmieniono.")
        return _("Poprawiono stawkę – %(row)s.") % {"row": describe(row)}

    return _interest_form(
        request,
        form,
        save,
        {"title": _("Popraw stawkę odsetek"), "submit": _("Zapisz poprawkę"), "row": row},
    )


@operator_required
def interest_rate_delete_view(request: OperatorRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(InterestRate, pk=pk)
    return _interest_delete(
        request, row, lambda reason: interest.delete_rate(_actor(request), row, reason)
    )


@operator_required
def interest_threshold_add_view(request: OperatorRequest) -> HttpResponse:
    form = InterestThresholdForm(request.POST or None)

    def save() -> str:
        row = interest.add_threshold(_actor(request), interest.ThresholdEntry(**form.cleaned_data))
        return _("Dodano kwotę progu – %(row)s.") % {"row": describe(row)}

    return _interest_form(
        request,
        form,
        save,
        {"title": _("Nowa kwota progu odsetek"), "submit": _("Dodaj kwotę")},
    )


@operator_required
def interest_threshold_view(request: OperatorRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(InterestThreshold, pk=pk)
    form = InterestThresholdForm(request.POST or None, initial=_row_initial(row, "amount"))

    def save() -> str:
        entry = interest.ThresholdEntry(**form.cleaned_data)
        if not interest.correct_threshold(_actor(request), row, entry):
            return _("Nic nie zmieniono.")
        return _("Poprawiono kwotę progu – %(row)s.") % {"row": describe(row)}

    return _interest_form(
        request,
        form,
        save,
        {"title": _("Popraw kwotę progu odsetek"), "submit": _("Zapisz poprawkę"), "row": row},
    )


@operator_required
def interest_threshold_delete_view(request: OperatorRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(InterestThreshold, pk=pk)
    return _interest_delete(
        request, row, lambda reason: interest.delete_threshold(_actor(request), row, reason)
    )


def _interest_delete(request: OperatorRequest, row: InterestRate | InterestThreshold,
                     delete: Callable[[str], None]) -> HttpResponse:  # fmt: skip
    """Confirm, then delete a row entered by mistake (the reason goes to the log)."""
    what = describe(row)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            delete(form.cleaned_data["reason"])
        except LifecycleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Usunięto – %(row)s.") % {"row": what})
            return redirect("console:interest")
    successor = replaced_by(row)
    return render(
        request,
        "console/interest_delete.html",
        {
            "form": form,
            "row": row,
            "what": what,
            "is_rate": isinstance(row, InterestRate),
            "successor": describe(successor) if successor else "",
        },
    )
