"""Twoja opinia: stored in the town, e-mailed to editors, protected from spam."""

import time

import pytest
from django.core import mail, signing
from django_tenants.utils import schema_context
from wagtail.contrib.forms.models import FormSubmission

from cms.models import FeedbackFormPage
from eurzad.core import spam


def _answers(client, **overrides):
    form = client.get("/opinia/").context["form"]
    data = {}
    for field in form.visible_fields_without_honeypot():
        name = field.name
        kind = field.field.__class__.__name__
        if kind == "EmailField":
            data[name] = "mieszkaniec@example.pl"
        elif kind in {"ChoiceField", "TypedChoiceField"}:
            data[name] = field.field.choices[-1][0]
        elif kind == "BooleanField":
            data[name] = "on"
        elif kind == "MultipleChoiceField":
            data[name] = [field.field.choices[0][0]]
        else:
            data[name] = "Bardzo przydatny serwis, proszę dodać więcej płatności online."
    stamp = signing.dumps(time.time() - 30, salt=spam._SALT)
    data.update({spam.STAMP: stamp, spam.HONEYPOT: ""})
    data.update(overrides)
    return data


def _submissions(schema: str) -> int:
    with schema_context(schema):
        page = FeedbackFormPage.objects.get()
        return FormSubmission.objects.filter(page=page).count()


def test_submission_is_stored_in_this_town_and_mailed_to_editors(zembrzyce):
    before_z, before_g = _submissions("zembrzyce"), _submissions("glogow")
    response = zembrzyce.post("/opinia/", _answers(zembrzyce))
    assert response.status_code == 200
    assert "Dziękujemy za opinię" in response.content.decode()
    assert _submissions("zembrzyce") == before_z + 1
    assert _submissions("glogow") == before_g
    assert len(mail.outbox) == 1
    assert "sekretariat@zembrzyce.example" in mail.outbox[0].to
    assert "Bardzo przydatny serwis" in mail.outbox[0].body
    assert "Nie wypełniaj" not in mail.outbox[0].body


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({spam.HONEYPOT: "http://spam.example"}, "Nie udało się wysłać formularza."),
        ({spam.STAMP: "zepsuty"}, "Formularz wygasł."),
        ({spam.STAMP: "just-now"}, "Formularz wysłano zbyt szybko."),
    ],
    ids=["honeypot", "tampered-stamp", "too-fast"],
)
def test_spam_is_refused_with_a_clear_message_and_nothing_is_stored(zembrzyce, overrides, message):
    if overrides.get(spam.STAMP) == "just-now":
        overrides = {spam.STAMP: signing.dumps(time.time(), salt=spam._SALT)}
    before = _submissions("zembrzyce")
    response = zembrzyce.post("/opinia/", _answers(zembrzyce, **overrides))
    html = response.content.decode()
    assert message in html
    assert "Popraw błędy w formularzu" in html and "data-error-summary" in html
    assert _submissions("zembrzyce") == before
    assert mail.outbox == []


def test_missing_required_answer_is_listed_in_the_error_summary_with_a_link(zembrzyce):
    data = _answers(zembrzyce)
    form = zembrzyce.get("/opinia/").context["form"]
    required = next(f for f in form.visible_fields_without_honeypot() if f.field.required)
    data[required.name] = ""
    html = zembrzyce.post("/opinia/", data).content.decode()
    assert f'href="#{required.id_for_label}"' in html
    assert "Popraw błędy w formularzu" in html


def test_too_many_submissions_from_one_address_are_refused(zembrzyce, settings):
    for _ in range(spam.SUBMISSIONS_PER_HOUR):
        zembrzyce.post("/opinia/", _answers(zembrzyce))
    response = zembrzyce.post("/opinia/", _answers(zembrzyce))
    assert "Wysłano zbyt wiele formularzy z tego adresu." in response.content.decode()
