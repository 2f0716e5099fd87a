"""HTTP endpoints of the podpis zaufany simulator, mounted on the platform host only with
SIMULATORS_ENABLED: TpSigning5 over SOAP, and the "government signing page" the browser
is sent to, where a test person signs (or cancels) and is sent back to the town."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from lxml import etree

from eurzad.channels.simulator import signing
from eurzad.core.csp import allow_form_posts_to
from eurzad.core.simulated_people import PEOPLE
from eurzad.core.xmlsecurity.xmlsafe import parse_xml

SUMMARY_LINES = 40


@csrf_exempt
@require_POST
def tp_signing5(request: HttpRequest) -> HttpResponse:
    def page_url(token: str) -> str:
        return request.build_absolute_uri(reverse("pz-sim-sign", args=[token]))

    status, envelope = signing.answer(request.body, request.headers.get("SOAPAction"), page_url)
    return HttpResponse(envelope, status=status, content_type="text/xml; charset=utf-8")


def _summary(document: bytes) -> list[tuple[str, str]]:
    """What the document says, element by element (its leaves with text), for the page."""
    root = parse_xml(document)
    lines = []
    for element in root.iter(etree.Element):
        text = (element.text or "").strip()
        if len(element) == 0 and text:
            lines.append((etree.QName(element).localname, text[:300]))
        if len(lines) == SUMMARY_LINES:
            break
    return lines


@require_http_methods(["GET", "POST"])
def signing_page(request: HttpRequest, token: str) -> HttpResponse:
    found = signing.find(token)
    if found is None:
        return render(request, "channels/simulator/pz_signing.html", {"missing": True}, status=404)
    if found.status != signing.PENDING:
        return render(request, "channels/simulator/pz_signing.html", {"done": found}, status=409)
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel":
            signing.cancel(found)
            return HttpResponseRedirect(found.failure_url)
        try:
            person = PEOPLE[int(request.POST.get("person", ""))]
        except (ValueError, IndexError):
            person = None
        if action == "sign" and person is not None:
            signing.sign(found, person)
            return HttpResponseRedirect(found.success_url)
        error = "Wybierz osobę, która podpisuje dokument."
    # Signing or cancelling answers with a redirect back to the town: form-action covers it.
    allow_form_posts_to(request, found.success_url, found.failure_url)
    document = found.document
    return render(
        request,
        "channels/simulator/pz_signing.html",
        {
            "signing": found,
            "summary": _summary(document),
            "size": len(document),
            "digest": hashlib.sha256(document).hexdigest(),
            "people": PEOPLE,
            "error": error,
        },
        status=400 if error else 200,
    )
