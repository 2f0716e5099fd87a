"""The finance app in the Wagtail admin: kinds of obligations and their installment
schedules, for the town's "Finanse" staff group (reminder settings are a Wagtail setting,
:class:`~eurzad.finance.models.FinanceSettings`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from eurzad.core.admin_columns import listing_columns
from eurzad.finance.models import ObligationKind, ScheduleRule
from eurzad.finance.schedules import parse_month_day


class ObligationKindViewSet(ModelViewSet):
    """Kinds of taxes and fees the town collects (the codes the CSV import names)."""

    model = ObligationKind
    icon = "tag"
    menu_label = _("Rodzaje zobowiązań")
    copy_view_enabled = False
    form_fields = ["code", "name", "is_tax", "active", "order"]
    list_display = listing_columns(ObligationKind, ["name", "code", "is_tax", "active", "order"])
    search_fields = ["name", "code"]


class ScheduleRuleForm(forms.ModelForm):
    def clean_due_dates(self) -> list[str]:
        value = self.cleaned_data.get("due_dates") or []
        if not isinstance(value, list):
            raise forms.ValidationError(_('Podaj listę terminów, np. ["03-15", "05-15"].'))
        cleaned = []
        for item in value:
            try:
                month, day = parse_month_day(str(item))
            except ValueError:
                raise forms.ValidationError(
                    _("Termin %(value)s nie ma postaci MM-DD.") % {"value": item}
                ) from None
            cleaned.append(f"{month:02d}-{day:02d}")
        return sorted(set(cleaned))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for field in ("monthly_day", "january_day"):
            value = data.get(field)
            if value is not None and not 1 <= value <= 31:
                self.add_error(field, _("Dzień miesiąca 1–31."))
        if data.get("frequency") == ScheduleRule.Frequency.DATES and not data.get("due_dates"):
            self.add_error("due_dates", _("Podaj co najmniej jeden termin."))
        return data


class ScheduleRuleViewSet(ModelViewSet):
    """When installments of a kind fall due, for natural and for legal persons."""

    model = ScheduleRule
    icon = "date"
    menu_label = _("Harmonogramy rat")
    copy_view_enabled = False
    form_fields = [
        "kind",
        "party_kind",
        "frequency",
        "due_dates",
        "monthly_day",
        "january_day",
        "one_off_threshold",
    ]
    list_display = ["kind", "party_kind", "frequency", "one_off_threshold"]

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return modelform_factory(
            self.model,
            form=ScheduleRuleForm,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.form_fields,
        )


class FinanceViewSetGroup(ModelViewSetGroup):
    menu_label = _("Finanse")
    menu_icon = "form"
    menu_order = 260
    items = (ObligationKindViewSet("finance_kinds"), ScheduleRuleViewSet("finance_schedules"))


@hooks.register("register_admin_viewset")
def register_finance_viewsets() -> FinanceViewSetGroup:
    return FinanceViewSetGroup()
