"""Editors manage only their own town: pages, images, documents, snippets, submissions."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.models import Workflow, WorkflowPage

from cms.models import Alert, FeedbackFormPage
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client


def _editor(towns, host):
    client = host_client(host)
    response = client.post(
        "/admin/login/", {"username": "redaktor", "password": towns[host].editor_password}
    )
    assert response.status_code == 302
    return client


def test_moderation_workflow_is_on_for_every_towns_pages(towns):
    for schema in ("zembrzyce", "glogow"):
        with schema_context(schema):
            workflow = Workflow.objects.get(active=True)
            assert WorkflowPage.objects.filter(workflow=workflow, page__depth=1).exists()
            assert (
                workflow.tasks.filter(name__icontains="moderat").exists() or workflow.tasks.exists()
            )


def test_editor_and_moderator_groups_can_manage_alerts(towns):
    from django.contrib.auth.models import Group

    for schema in ("zembrzyce", "glogow"):
        with schema_context(schema):
            for name in ("Editors", "Moderators"):
                codenames = set(
                    Group.objects.get(name=name).permissions.values_list("codename", flat=True)
                )
                assert {"add_alert", "change_alert", "delete_alert"} <= codenames
                assert "change_brandingsettings" in codenames


def test_editor_sees_only_own_alerts(towns):
    with schema_context("glogow"):
        Alert.objects.create(
            title="Utrudnienia na ulicy Głogowskiej",
            message="Remont.",
            valid_until=timezone.now() + timedelta(days=1),
        )
    client = _editor(towns, ZEMBRZYCE_HOST)
    html = client.get("/admin/snippets/cms/alert/").content.decode()
    assert "Utrudnienia na ulicy Głogowskiej" not in html
    with schema_context("zembrzyce"):
        own = Alert.objects.first().title
    assert own in html


def test_editor_sees_only_own_documents(towns):
    model = get_document_model()
    with schema_context("glogow"):
        document = model(title="Uchwała budżetowa Głogowa")
        document.file.save("uchwala.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
        document_url = document.url
    client = _editor(towns, ZEMBRZYCE_HOST)
    assert "Uchwała budżetowa Głogowa" not in client.get("/admin/documents/").content.decode()
    assert host_client(ZEMBRZYCE_HOST).get(document_url).status_code == 404
    assert host_client(GLOGOW_HOST).get(document_url).status_code == 200


def test_editor_sees_only_own_form_submissions(towns):
    with schema_context("glogow"):
        page = FeedbackFormPage.objects.get()
        field = page.form_fields.get(field_type="multiline")
        FormSubmission.objects.create(
            page=page, form_data={field.clean_name: "Tajna opinia z Głogowa"}
        )
        glogow_page_id = page.pk
    with schema_context("zembrzyce"):
        zembrzyce_page_id = FeedbackFormPage.objects.get().pk
    client = _editor(towns, ZEMBRZYCE_HOST)
    html = client.get(f"/admin/forms/submissions/{zembrzyce_page_id}/").content.decode()
    assert "Tajna opinia z Głogowa" not in html
    foreign = client.get(f"/admin/forms/submissions/{glogow_page_id}/")
    assert "Tajna opinia z Głogowa" not in foreign.content.decode()
    own = _editor(towns, GLOGOW_HOST).get(f"/admin/forms/submissions/{glogow_page_id}/")
    assert "Tajna opinia z Głogowa" in own.content.decode()


@pytest.mark.parametrize("host", [ZEMBRZYCE_HOST, GLOGOW_HOST])
def test_image_without_alt_text_is_refused(towns, host):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (20, 20), "#336699").save(buffer, "PNG")
    client = _editor(towns, host)
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Zdjęcie bez opisu",
            "description": "",
            "file": ContentFile(buffer.getvalue(), name="x.png"),
        },
    )
    assert response.status_code == 200
    assert "Tekst alternatywny" in response.content.decode()
