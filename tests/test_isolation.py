"""Nothing of one town is visible from another town's host."""

import pytest
from django_tenants.utils import schema_context
from wagtail.images.models import Image
from wagtail.models import Page, Site

from cms.models import StandardPage
from tests.conftest import GLOGOW_HOST, ZEMBRZYCE_HOST, host_client


def _add_page(schema: str, title: str, slug: str) -> None:
    with schema_context(schema):
        home = Site.objects.get(is_default_site=True).root_page
        page = StandardPage(title=title, slug=slug, intro="Tylko w tej gminie.")
        home.add_child(instance=page)
        page.save_revision().publish()


def test_page_of_one_town_is_not_found_on_the_other_host(towns, zembrzyce, glogow):
    _add_page("zembrzyce", "Dożynki gminne w Zembrzycach", "dozynki")
    assert "Dożynki gminne" in zembrzyce.get("/dozynki/").content.decode()
    assert glogow.get("/dozynki/").status_code == 404


def test_each_town_has_its_own_page_tree_and_site(towns):
    with schema_context("zembrzyce"):
        z_titles = set(Page.objects.values_list("title", flat=True))
        z_site = Site.objects.get(is_default_site=True).hostname
    with schema_context("glogow"):
        g_titles = set(Page.objects.values_list("title", flat=True))
        g_site = Site.objects.get(is_default_site=True).hostname
    assert "Gmina Zembrzyce" in z_titles and "Gmina Zembrzyce" not in g_titles
    assert "Miasto Głogów" in g_titles and "Miasto Głogów" not in z_titles
    assert (z_site, g_site) == (ZEMBRZYCE_HOST, GLOGOW_HOST)


def test_uploaded_files_are_served_only_on_their_own_towns_host(towns, zembrzyce, glogow):
    with schema_context("zembrzyce"):
        arms = Image.objects.get(title__startswith="Herb")
        url = arms.get_rendition("height-80").url
        original = arms.file.url
    assert url.startswith("/media/zembrzyce/")
    assert zembrzyce.get(original).status_code == 200
    assert glogow.get(original).status_code == 404
    glogow_path = original.replace("/media/zembrzyce/", "/media/glogow/")
    assert glogow.get(glogow_path).status_code == 404


def _admin_client(host: str, password: str):
    client = host_client(host)
    response = client.post(
        "/admin/login/", {"username": "redaktor", "password": password}, follow=False
    )
    return client, response


def test_editor_logs_in_only_on_own_towns_admin(towns):
    z_password = towns[ZEMBRZYCE_HOST].editor_password
    client, response = _admin_client(ZEMBRZYCE_HOST, z_password)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    _, response = _admin_client(GLOGOW_HOST, z_password)
    assert response.status_code == 200  # login form again, with an error
    assert "sessionid" not in response.cookies or not response.cookies["sessionid"].value


def test_session_of_one_town_is_worthless_on_the_other(towns):
    client, _ = _admin_client(ZEMBRZYCE_HOST, towns[ZEMBRZYCE_HOST].editor_password)
    session_id = client.cookies["sessionid"].value
    other = host_client(GLOGOW_HOST)
    other.cookies["sessionid"] = session_id
    response = other.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    ("host", "own", "foreign"),
    [
        (ZEMBRZYCE_HOST, "Herb – Gmina Zembrzyce", "Herb – Miasto Głogów"),
        (GLOGOW_HOST, "Herb – Miasto Głogów", "Herb – Gmina Zembrzyce"),
    ],
)
def test_editor_sees_only_own_images(towns, host, own, foreign):
    client, _ = _admin_client(host, towns[host].editor_password)
    html = client.get("/admin/images/").content.decode()
    assert own in html
    assert foreign not in html


def test_editor_sees_only_own_pages_in_the_explorer(towns):
    _add_page("glogow", "Budżet obywatelski Głogowa", "budzet-obywatelski")
    client, _ = _admin_client(ZEMBRZYCE_HOST, towns[ZEMBRZYCE_HOST].editor_password)
    with schema_context("zembrzyce"):
        home_id = Site.objects.get(is_default_site=True).root_page_id
    html = client.get(f"/admin/pages/{home_id}/").content.decode()
    assert "Deklaracja dostępności" in html
    assert "Budżet obywatelski" not in html
    with schema_context("glogow"):
        foreign_id = StandardPage.objects.get(slug="budzet-obywatelski").pk
    response = client.get(f"/admin/pages/{foreign_id}/edit/")
    # That id either does not exist here or is another page of Zembrzyce: never Głogów's.
    assert "Budżet obywatelski" not in response.content.decode()
