"""Registers, their entries and the municipal property in the Wagtail admin, for the
town's "Rejestry" staff group."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from eurzad.core.admin_columns import listing_columns
from eurzad.parties.views import PartyChooserWidget
from eurzad.registers.models import Property, RegisterDefinition, RegisterEntry


class RegisterDefinitionViewSet(ModelViewSet):
    """Registers the town keeps; editors add new ones here, without code."""

    model = RegisterDefinition
    icon = "list-ul"
    menu_label = _("Definicje rejestrów")
    copy_view_enabled = False
    form_fields = ["name", "slug", "legal_basis", "description", "fields", "retention_years",
                   "is_public", "order"]  # fmt: skip
    list_display = listing_columns(
        RegisterDefinition, ["name", "slug", "is_public", "retention_years"]
    )
    search_fields = ["name", "slug"]


class RegisterEntryForm(forms.ModelForm):
    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        definition = data.get("definition")
        if definition is not None:
            try:
                data["values"] = definition.clean_values(data.get("values") or {})
            except forms.ValidationError as error:
                self.add_error("values", error)
        return data


class RegisterEntryViewSet(ModelViewSet):
    model = RegisterEntry
    icon = "doc-full"
    menu_label = _("Wpisy w rejestrach")
    copy_view_enabled = False
    form_fields = ["definition", "number", "party", "values", "valid_from", "valid_until",
                   "state", "source", "external_id"]  # fmt: skip
    list_display = ["number", "definition", "state", "valid_from", "valid_until"]
    list_filter = ["definition", "state"]
    search_fields = ["number", "external_id"]

    def formfield_for_dbfield(self, db_field: Any, **kwargs: Any) -> Any:
        if db_field.name == "party":
            # A searchable modal, not a select over every Party of the town.
            kwargs["widget"] = PartyChooserWidget
        return super().formfield_for_dbfield(db_field, **kwargs)

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return modelform_factory(
            self.model,
            form=RegisterEntryForm,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.form_fields,
        )


class PropertyViewSet(ModelViewSet):
    """Municipal properties in the public search (/mienie/), with photos."""

    model = Property
    icon = "home"
    menu_label = _("Mienie gminy")
    copy_view_enabled = False
    list_display = listing_columns(
        Property, ["parcel_number", "precinct", "area_m2", "offer", "published"]
    )
    list_filter = ["offer", "published"]
    search_fields = ["parcel_number", "precinct", "address"]


class RegistersViewSetGroup(ModelViewSetGroup):
    menu_label = _("Rejestry")
    menu_icon = "list-ul"
    menu_order = 270
    items = (
        RegisterDefinitionViewSet("registers_definitions"),
        RegisterEntryViewSet("registers_entries"),
        PropertyViewSet("registers_properties"),
    )


@hooks.register("register_admin_viewset")
def register_registers_viewsets() -> RegistersViewSetGroup:
    return RegistersViewSetGroup()
