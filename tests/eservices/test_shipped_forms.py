"""The five forms every town starts with: forms the engine reads and the admin keeps,
given once (an editor's change and deletion stay), the waste declaration a draft until
the town's rates are set, each town's in its own schema, and their fees and conditions
worked out by hand."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django_tenants.utils import schema_context
from wagtail.models import ModelLogEntry, Revision

from eurzad.eservices.answers import check
from eurzad.eservices.defaults import ESERVICES_GROUP
from eurzad.eservices.definition import read
from eurzad.eservices.models import EServiceForm, FormConstant, definition_of
from eurzad.eservices.shipped import (
    SHIPPED,
    SHIPPED_ACTION,
    TO_BE_SET,
    ShippedForm,
    publish_when_set,
    ship_forms,
    shipped_form,
)
from tenants.models import Municipality
from tenants.provisioning import Town, steps
from tests.conftest import ZEMBRZYCE_HOST, staff_client

PESEL = "44051401359"
NRB = "61 1090 1014 0000 0712 1981 2874"
APPLICANT = {"imie_nazwisko": "Jan Kowalski", "pesel": PESEL, "ulica": "Zembrzyce 120",
             "kod_pocztowy": "34-210", "miejscowosc": "Zembrzyce"}  # fmt: skip
STATEMENTS = {"dane_prawdziwe": "on", "klauzula_rodo": "on"}
KEYS = [template.key for template in SHIPPED]


def _template(key: str) -> ShippedForm:
    return next(template for template in SHIPPED if template.key == key)


def _checked(schema: str, key: str, answers: dict):
    """``answers`` checked against the town's live version of the shipped form ``key``."""
    with schema_context(schema):
        return check(definition_of(shipped_form(key).live_revision), answers)


def _eservices_step():
    return next(step for step in steps() if step.name == "eservices")


def _run_the_step(schema: str, host: str) -> None:
    step = _eservices_step()
    with schema_context(schema):
        step.seed()
        step.provision(Town(Municipality.objects.get(schema_name=schema), host))


def _counts() -> dict[str, int]:
    return {
        "forms": EServiceForm.objects.count(),
        "constants": FormConstant.objects.count(),
        "revisions": Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(EServiceForm)
        ).count(),
        "shipped": ModelLogEntry.objects.filter(action=SHIPPED_ACTION).count(),
    }


def _as_a_new_town() -> None:
    """The town's schema as before the step ever ran (inside the test's transaction)."""
    EServiceForm.objects.all().delete()
    ModelLogEntry.objects.filter(action=SHIPPED_ACTION).delete()
    FormConstant.objects.all().delete()


# ------------------------------------------------------------------ the forms themselves


@pytest.mark.parametrize("key", KEYS)
def test_every_shipped_form_reads_as_a_definition_and_passes_full_clean(towns, key):
    template = _template(key)
    constants = {constant.key: constant.value for constant in template.constants}
    definition = read(template.steps, template.fee_field, constants)
    assert len(definition.steps) >= 2
    assert all(each.label and each.label_en for each in definition.fields())
    assert all(step.title_en for step in definition.steps)
    for schema in ("zembrzyce", "glogow"):
        with schema_context(schema):
            form = shipped_form(key)
            form.full_clean()
            assert all((form.name_en, form.intro, form.intro_en, form.case_subject))
            assert form.jrwa_symbol.isdigit() and form.slug == template.slug
            assert form.anonymous == (key == "public_space_report")


@pytest.mark.parametrize("key", KEYS)
def test_a_shipped_form_saved_in_the_admin_reads_the_same(towns, key):
    """The admin keeps a list's items as {"type": "item", "value": …}: still the same
    form, with the same answers to choose from."""
    template = _template(key)
    blocks = EServiceForm._meta.get_field("steps").stream_block
    saved = blocks.get_prep_value(blocks.clean(blocks.to_python(template.steps)))
    constants = {constant.key: constant.value for constant in template.constants}
    before = read(template.steps, template.fee_field, constants)
    after = read(json.dumps(saved, cls=DjangoJSONEncoder), template.fee_field, constants)
    assert [(f.key, f.kind, f.choices) for f in after.fields()] == [
        (f.key, f.kind, f.choices) for f in before.fields()
    ]


def test_the_demo_towns_have_all_five_live_and_attached_to_their_catalogue(towns):
    for schema in ("zembrzyce", "glogow"):
        with schema_context(schema):
            forms = {key: shipped_form(key) for key in KEYS}
            assert all(form.live and form.live_revision for form in forms.values())
            assert forms["waste_declaration"].service.slug == "deklaracja-oplata-za-odpady"
            assert forms["tax_clearance_certificate"].service.slug == (
                "zaswiadczenie-o-niezaleganiu"
            )
            assert forms["general_letter"].service is None  # no such service in the demo
            waste = forms["waste_declaration"]
            assert "Dla redakcji" not in waste.intro  # the note went when it was published
            assert waste.fee_field == "" and waste.signature_required
            assert forms["tax_clearance_certificate"].fee_title == "Opłata skarbowa"
            fee = FormConstant.objects.get(key="oplata_zaswiadczenie")
            assert fee.value == Decimal("21.00") and "opłacie skarbowej" in fee.source


def test_a_shipped_forms_history_starts_with_the_platforms_template(towns):
    with schema_context("zembrzyce"):
        form = shipped_form("overpayment_refund")
    client = staff_client("zembrzyce", ZEMBRZYCE_HOST, ESERVICES_GROUP, "formularze")
    history = client.get(f"/admin/snippets/eservices/eserviceform/history/{form.pk}/")
    assert history.status_code == 200
    assert "Utworzono z wzoru platformy" in history.content.decode()


# --------------------------------------------------------------------- given once only


def test_running_the_step_again_gives_nothing_twice_and_keeps_the_editors_changes(towns):
    with schema_context("zembrzyce"):
        editor = get_user_model().objects.create(username="redaktor-formularzy")
        letter = shipped_form("general_letter")
        letter.name, letter.slug = "Pismo do wójta", "pismo-do-wojta"
        letter.save()
        letter.save_revision(user=editor).publish()
        shipped_form("public_space_report").delete()
        FormConstant.objects.filter(key="stawka_osoba").update(value=Decimal("31.50"))
        before = _counts()
    _run_the_step("zembrzyce", ZEMBRZYCE_HOST)
    _run_the_step("zembrzyce", ZEMBRZYCE_HOST)
    with schema_context("zembrzyce"):
        assert _counts() == before
        letter = shipped_form("general_letter")
        assert (letter.name, letter.slug) == ("Pismo do wójta", "pismo-do-wojta")
        assert not EServiceForm.objects.filter(slug="pismo-ogolne").exists()
        assert shipped_form("public_space_report") is None  # deleted: not given again
        assert FormConstant.objects.get(key="stawka_osoba").value == Decimal("31.50")


def test_a_new_town_gets_four_forms_live_and_the_waste_declaration_as_a_draft(towns):
    with schema_context("zembrzyce"):
        _as_a_new_town()
        assert len(ship_forms()) == 5
        waste = shipped_form("waste_declaration")
        assert not waste.live and waste.latest_revision is not None
        assert "Dla redakcji" in waste.intro and "stawka_osoba" in waste.intro
        assert all(shipped_form(key).live for key in KEYS if key != "waste_declaration")
        rates = FormConstant.objects.filter(key__in=["stawka_osoba", "stawka_woda", "ulga_kompost"])
        assert {(rate.value, rate.source) for rate in rates} == {(Decimal("0.00"), TO_BE_SET)}

        assert ship_forms() == [] and publish_when_set("waste_declaration") is None
        rates.update(value=Decimal("28.00"), source="Uchwała nr XII/90/2025")  # an editor
        published = publish_when_set("waste_declaration")
        assert published.live and "Dla redakcji" not in published.intro


def test_a_town_whose_rates_were_set_before_gets_the_waste_declaration_live(towns):
    with schema_context("zembrzyce"):
        _as_a_new_town()
        for key in ("stawka_osoba", "stawka_woda", "ulga_kompost"):
            FormConstant.objects.create(key=key, value=1, label=key, source="Uchwała nr 1")
        ship_forms()
        waste = shipped_form("waste_declaration")
        assert waste.live and "Dla redakcji" not in waste.intro
        assert FormConstant.objects.get(key="stawka_osoba").value == 1  # kept


def test_a_form_of_the_towns_own_under_a_shipped_address_is_left_alone(towns):
    with schema_context("zembrzyce"):
        _as_a_new_town()
        own = EServiceForm.objects.create(
            name="Nasze pismo", slug="pismo-ogolne", jrwa_symbol="0000", case_subject="Pismo",
            steps=json.dumps(SHIPPED[2].steps),
        )  # fmt: skip
        ship_forms()
        assert EServiceForm.objects.get(slug="pismo-ogolne") == own
        assert shipped_form("general_letter") is None
        assert EServiceForm.objects.count() == 5


# ----------------------------------------------------------------------- each town's own


def test_each_towns_forms_and_rates_are_in_its_own_schema(towns):
    with schema_context("zembrzyce"):
        letter = shipped_form("general_letter")
        letter.slug = "pismo-do-wojta-zembrzyc"
        letter.save()
        zembrzyce_ids = set(EServiceForm.objects.values_list("pk", "slug"))
    with schema_context("glogow"):
        assert not EServiceForm.objects.filter(slug="pismo-do-wojta-zembrzyc").exists()
        assert shipped_form("general_letter").slug == "pismo-ogolne"
        assert set(EServiceForm.objects.values_list("pk", "slug")) != zembrzyce_ids
        assert FormConstant.objects.get(key="stawka_osoba").value == Decimal("36.00")
    with schema_context("zembrzyce"):
        assert FormConstant.objects.get(key="stawka_osoba").value == Decimal("30.00")


# ------------------------------------------------------------ fees and conditions by hand

HOUSE = {**APPLICANT, "przyczyna": "pierwsza", "data_od": "2026-03-01",
         "tytul_prawny": "wlasciciel", "nieruchomosc_ulica": "Zembrzyce 120",
         "nieruchomosc_kod": "34-210", "nieruchomosc_miejscowosc": "Zembrzyce",
         "zabudowa": "jednorodzinny", "liczba_osob": "4", **STATEMENTS}  # fmt: skip


def test_zembrzyce_four_residents_composting_pay_four_rates_less_four_exemptions(towns):
    checked = _checked("zembrzyce", "waste_declaration",
                       {**HOUSE, "kompostownik": "tak", "oswiadczenie_kompost": "on"})  # fmt: skip
    assert checked.errors == {}
    assert checked.answers["oplata"] == "112.00"  # 4 × 30,00 − 4 × 2,00


def test_zembrzyce_asks_no_method_and_charges_per_resident(towns):
    # Zembrzyce has no water rate: the method is not asked, an answer to it not kept.
    answers = {**HOUSE, "kompostownik": "nie", "metoda": "woda", "woda_m3": "5"}
    checked = _checked("zembrzyce", "waste_declaration", answers)
    assert checked.errors == {}
    assert "metoda" not in checked.answers and "woda_m3" not in checked.answers
    assert checked.answers["oplata"] == "120.00"  # 4 × 30,00


def test_glogow_by_water_use_less_the_composting_exemption(towns):
    answers = {**HOUSE, "metoda": "woda", "woda_m3": "7,5", "kompostownik": "tak",
               "oswiadczenie_kompost": "on"}  # fmt: skip
    checked = _checked("glogow", "waste_declaration", answers)
    assert checked.errors == {}
    assert checked.answers["oplata"] == "78.00"  # 7,5 × 12,00 − 4 × 3,00
    checked = _checked("glogow", "waste_declaration", {**answers, "metoda": "osoby"})
    assert checked.answers["oplata"] == "132.00"  # 4 × 36,00 − 4 × 3,00


def test_a_flat_has_no_composting_exemption(towns):
    checked = _checked("glogow", "waste_declaration",
                       {**HOUSE, "metoda": "osoby", "zabudowa": "wielolokalowy",
                        "kompostownik": "tak", "oswiadczenie_kompost": "on"})  # fmt: skip
    assert checked.errors == {}
    assert "kompostownik" not in checked.answers
    assert checked.answers["oplata"] == "144.00"  # 4 × 36,00


def test_composting_needs_its_statement_and_a_change_its_reason(towns):
    checked = _checked("zembrzyce", "waste_declaration",
                       {**HOUSE, "przyczyna": "zmiana", "kompostownik": "tak"})  # fmt: skip
    assert set(checked.errors) == {"oswiadczenie_kompost", "uzasadnienie"}
    checked = _checked("zembrzyce", "waste_declaration", {**HOUSE})
    assert set(checked.errors) == {"kompostownik"}  # a house must answer it


CERTIFICATE = {**APPLICANT, "cel": "bank", "liczba_egzemplarzy": "3",
               "odbior": "elektronicznie", **STATEMENTS}  # fmt: skip


def test_the_certificate_costs_21_zloty_a_copy(towns):
    checked = _checked("glogow", "tax_clearance_certificate", CERTIFICATE)
    assert checked.errors == {}
    assert checked.answers["oplata"] == "63.00"  # 3 × 21,00
    one = _checked("glogow", "tax_clearance_certificate", {**CERTIFICATE, "liczba_egzemplarzy": 1})
    assert one.answers["oplata"] == "21.00"


def test_a_certificate_for_an_exempt_matter_is_free_and_says_which(towns):
    exempt = {**CERTIFICATE, "cel": "zwolniony"}
    assert set(_checked("glogow", "tax_clearance_certificate", exempt).errors) == {
        "podstawa_zwolnienia"
    }
    checked = _checked("glogow", "tax_clearance_certificate",
                       {**exempt, "podstawa_zwolnienia": "pomoc społeczna"})  # fmt: skip
    assert checked.errors == {} and checked.answers["oplata"] == "0.00"


def test_another_purpose_must_be_named(towns):
    checked = _checked("zembrzyce", "tax_clearance_certificate", {**CERTIFICATE, "cel": "inny"})
    assert set(checked.errors) == {"cel_inny"}


def test_a_firm_gives_its_nip_instead_of_a_pesel(towns):
    firm = {**CERTIFICATE, "pesel": "", "imie_nazwisko": "Tartak Sp. z o.o."}
    assert set(_checked("zembrzyce", "tax_clearance_certificate", firm).errors) == {"pesel"}
    checked = _checked("zembrzyce", "tax_clearance_certificate", {**firm, "nip": "5261040828"})
    assert checked.errors == {}


REFUND = {**APPLICANT, "zobowiazanie": "podatek_od_nieruchomosci", "rok": "2025",
          "kwota": "125,40", **STATEMENTS}  # fmt: skip


def test_a_refund_to_a_bank_account_needs_the_account_number(towns):
    checked = _checked("zembrzyce", "overpayment_refund", {**REFUND, "sposob_zwrotu": "rachunek"})
    assert set(checked.errors) == {"nrb"}
    checked = _checked("zembrzyce", "overpayment_refund",
                       {**REFUND, "sposob_zwrotu": "rachunek", "nrb": NRB})  # fmt: skip
    assert checked.errors == {}
    assert checked.answers["nrb"] == "61109010140000071219812874"
    assert checked.answers["kwota"] == 125.4


def test_a_refund_at_the_cash_desk_needs_no_account_and_keeps_none(towns):
    checked = _checked("zembrzyce", "overpayment_refund",
                       {**REFUND, "sposob_zwrotu": "kasa", "nrb": NRB})  # fmt: skip
    assert checked.errors == {}
    assert "nrb" not in checked.answers


def test_a_report_needs_no_login_and_asks_consent_only_for_contact_data(towns):
    report = {"kategoria": "oswietlenie", "opis": "Nie świeci latarnia.",
              "lokalizacja": "ul. Szkolna, przy przystanku"}  # fmt: skip
    assert _checked("glogow", "public_space_report", report).errors == {}
    with_email = {**report, "email": "jan@example.com"}
    assert set(_checked("glogow", "public_space_report", with_email).errors) == {"zgoda_kontakt"}
    checked = _checked("glogow", "public_space_report", {**with_email, "zgoda_kontakt": "on"})
    assert checked.errors == {}


def test_a_letter_asks_the_e_delivery_address_when_the_reply_goes_there(towns):
    letter = {"imie_nazwisko": "Jan Kowalski", "ulica": "Zembrzyce 120",
              "kod_pocztowy": "34-210", "miejscowosc": "Zembrzyce", "tytul": "Prośba",
              "tresc": "Proszę o informację.", "klauzula_rodo": "on"}  # fmt: skip
    checked = _checked(
        "zembrzyce", "general_letter", {**letter, "kanal_odpowiedzi": "e_doreczenia"}
    )
    assert set(checked.errors) == {"adres_ade"}
    checked = _checked("zembrzyce", "general_letter", {**letter, "kanal_odpowiedzi": "poczta"})
    assert checked.errors == {}
