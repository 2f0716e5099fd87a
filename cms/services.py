"""The page tree every new town starts with."""

from __future__ import annotations

from wagtail.models import Page, Site

from cms.models import HomePage


def set_up_site(municipality: object, hostname: str) -> Site:
    """Replace Wagtail's welcome page with the town's home page and point the site at it.

    Runs inside the town's schema (cms's provisioning step, ``cms.provisioning``); running
    it again changes nothing.
    """
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        for page in root.get_children().specific():
            if type(page) is Page:  # Wagtail's "Welcome to your new Wagtail site!" page
                page.delete()
        root.refresh_from_db()
        home = HomePage(
            title=str(municipality),
            slug="home",
            hero_title=f"e-Urząd – {municipality}",
            hero_text="Sprawy urzędowe przez internet: informacje, płatności i wnioski.",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname = hostname
    site.port = 80
    site.site_name = str(municipality)
    site.root_page = home
    site.save()
    return site


EDITORS_GROUP = "Editors"
MODERATORS_GROUP = "Moderators"


def set_up_editor_groups() -> None:
    """Give the town's Editors and Moderators the snippets and settings they manage, and
    the Editors the right to publish unless the town wants a moderator's approval
    (EditorialSettings)."""
    from django.contrib.auth.models import Group, Permission

    from cms.models import EditorialSettings

    editable = {
        "cms": ["alert", "servicecategory", "lifesituation"],
        "themes": ["brandingsettings"],
    }
    permissions = Permission.objects.filter(
        content_type__app_label__in=editable,
        content_type__model__in=[model for models in editable.values() for model in models],
    ).exclude(codename__startswith="view_")
    for name in (EDITORS_GROUP, MODERATORS_GROUP):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)
    # The town's choice when it made one; without it the default (editors publish). Read,
    # not created: saving the settings would apply them a second time.
    site = Site.objects.filter(is_default_site=True).first()
    apply_editorial_settings(EditorialSettings.objects.filter(site=site).first())


def apply_editorial_settings(settings: object | None) -> None:
    """The Editors group may publish every page of the town exactly when the town's
    editorial settings say so; the moderation workflow stays on every page either way
    (an editor may still ask for approval)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    root = Page.get_first_root_node()
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    if getattr(settings, "editors_publish", True):
        GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=publish)
    else:
        GroupPagePermission.objects.filter(group=editors, permission=publish).delete()
