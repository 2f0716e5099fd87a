"""Pismo ogólne do urzędu: any matter without a form of its own.

KPA art. 63 § 1: an electronic podanie counts when filed through the authority's own ICT
system (the e-Urząd is one); § 2: it names the sender, their address and the request.
The office answers through the channel the law requires for the matter; the preferred
channel is what the resident would like where the office may choose.

JRWA 1510 is a suggestion not confirmed from a source available here: the office gives
the letter the symbol of the matter it concerns once it reads it.
"""

from __future__ import annotations

from eurzad.eservices.shipped.base import (
    ShippedForm,
    applicant,
    choice,
    field,
    privacy_notice,
    step,
)

STEPS = [
    step("Nadawca", "Sender", *applicant(identified=False)),
    step(
        "Pismo", "Your letter",
        field("text", "tytul", "Tytuł pisma", "Subject", required=True, max_length=200,
              help="Krótko: czego dotyczy sprawa.",
              help_en="In a few words: what the matter is about."),
        field("text", "tresc", "Treść", "Content", required=True, multiline=True,
              max_length=10000,
              help="Opisz sprawę i napisz, czego oczekujesz od urzędu. Gdy odnosisz się "
              "do sprawy w toku, podaj jej znak.",
              help_en="Describe the matter and what you expect of the office. For a case "
              "under way, give its reference."),
        field("file", "zalaczniki", "Załączniki", "Attachments",
              file_types=["pdf", "jpg", "png"], max_mb=10, max_files=5,
              help="Nieobowiązkowo: do 5 plików PDF, JPG lub PNG, każdy do 10 MB.",
              help_en="Optional: up to 5 PDF, JPG or PNG files, 10 MB each."),
    ),
    step(
        "Odpowiedź", "Reply",
        field("choice", "kanal_odpowiedzi", "Odpowiedź wolę otrzymać",
              "I would like the reply", required=True, choices=[
                  choice("e_doreczenia", "na adres do doręczeń elektronicznych",
                         "at my e-Delivery address"),
                  choice("e_urzad", "w e-Urzędzie, w „Moich sprawach”",
                         "in the e-Office, under “My cases”"),
                  choice("poczta", "listem na adres nadawcy", "by post to my address"),
                  choice("email", "e-mailem", "by e-mail"),
              ],
              help="Urząd odpowie tą drogą, jeśli przepisy na to pozwalają. Pisma, które "
              "trzeba doręczyć (np. decyzje), wysyła na adres do doręczeń elektronicznych "
              "albo pocztą – nie e-mailem.",
              help_en="The office replies this way where the law allows. Letters that must be "
              "served (e.g. decisions) go to an e-Delivery address or by post, never by "
              "e-mail."),
        field("text", "adres_ade", "Adres do doręczeń elektronicznych",
              "E-Delivery address", max_length=60,
              show_when='kanal_odpowiedzi == "e_doreczenia"',
              required_when='kanal_odpowiedzi == "e_doreczenia"',
              help="Np. AE:PL-12345-67890-ABCDE-12.", help_en="E.g. AE:PL-12345-67890-ABCDE-12."),
        field("identifier", "email_odpowiedzi", "Adres e-mail do odpowiedzi",
              "E-mail address for the reply", identifier="email",
              show_when='kanal_odpowiedzi == "email"',
              required_when='kanal_odpowiedzi == "email"'),
    ),
    step("Oświadczenia", "Statements", privacy_notice()),
]  # fmt: skip

FORM = ShippedForm(
    key="general_letter",
    slug="pismo-ogolne",
    name="Pismo ogólne do urzędu",
    name_en="General letter to the office",
    intro=(
        "Napisz do urzędu w sprawie, dla której nie ma osobnego formularza: wniosek, "
        "pytanie, uwagę albo odpowiedź na pismo urzędu. Możesz dołączyć dokumenty. Pismo "
        "trafi do urzędu jako sprawa, którą zobaczysz w „Moich sprawach”."
    ),
    intro_en=(
        "Write to the office about a matter that has no form of its own: a request, a "
        "question, a remark or an answer to the office's letter. You may attach documents. "
        "The letter reaches the office as a case you can follow under “My cases”."
    ),
    jrwa_symbol="1510",
    case_subject="Pismo ogólne do urzędu",
    steps=STEPS,
    service_slugs=("pismo-ogolne", "pismo-ogolne-do-urzedu"),
)
