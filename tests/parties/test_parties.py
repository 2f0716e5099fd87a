"""Parties: validated identifiers, masked PESEL, one town's parties invisible in another."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django_tenants.utils import schema_context

from eurzad.core.masking import mask
from eurzad.parties.identifiers import validate_nip, validate_pesel, validate_regon
from eurzad.parties.models import Party

VALID_PESEL = "75031507125"


@pytest.mark.parametrize(
    ("validator", "value", "english"),
    [
        (validate_pesel, "44051401358", "The PESEL number is invalid"),
        (validate_pesel, "4405140135", "The PESEL number is invalid"),
        (validate_pesel, "ABCDEFGHIJK", "The PESEL number is invalid"),
        (validate_nip, "1234563219", "The NIP number is invalid"),
        (validate_regon, "123456786", "The REGON number is invalid"),
    ],
)
def test_bad_identifiers_are_refused_in_polish_and_english(validator, value, english):
    with pytest.raises(ValidationError) as error:
        validator(value)
    for language, expected in (("pl", "nieprawidłowy"), ("en", english)):
        with translation.override(language):
            message = " ".join(error.value.messages)
        assert expected in message
        assert value not in message  # never echo personal identifiers


def test_good_identifiers_pass_with_spaces_and_dashes():
    validate_pesel("440514 01359")
    validate_nip("123-456-32-18")
    validate_nip("PL1234563218")
    validate_regon("123456785")


def test_pesel_is_masked_and_never_in_the_display_name(towns):
    with schema_context("zembrzyce"):
        party = Party(kind="natural", pesel=VALID_PESEL, first_name="Anna", last_name="Nowak")
        party.full_clean()
        party.save()
        assert party.masked_pesel == "*******7125"
        assert VALID_PESEL not in str(party) and VALID_PESEL not in repr(party)


def test_firm_needs_nip_or_regon_and_has_no_pesel(towns):
    firm = Party(kind="legal", name="Tartak Beskid sp. z o.o.", pesel=VALID_PESEL)
    with pytest.raises(ValidationError) as error:
        firm.full_clean()
    assert "pesel" in error.value.message_dict and "nip" in error.value.message_dict


def test_identifiers_are_normalised(towns):
    with schema_context("zembrzyce"):
        firm = Party(kind="legal", name="Tartak", nip="PL 123-456-32-18")
        firm.full_clean()
        assert firm.nip == "1234563218"
        assert mask(firm.nip, 3) == "*******218"


def test_the_same_person_is_a_separate_party_in_each_town(towns):
    with schema_context("zembrzyce"):
        Party.objects.create(kind="natural", pesel=VALID_PESEL, first_name="Anna", last_name="Z")
    with schema_context("glogow"):
        assert not Party.objects.filter(pesel=VALID_PESEL).exists()
        Party.objects.create(kind="natural", pesel=VALID_PESEL, first_name="Anna", last_name="G")
    with schema_context("zembrzyce"):
        assert Party.objects.get(pesel=VALID_PESEL).last_name == "Z"
        with pytest.raises(IntegrityError), transaction.atomic():
            Party.objects.create(kind="natural", pesel=VALID_PESEL, first_name="X", last_name="Y")
