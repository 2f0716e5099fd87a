"""How a town publishes: its editors directly (a small office), or only after a
moderator's approval (Wagtail's moderation workflow, on every town's pages)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="tasks")
class EditorialSettings(BaseSiteSetting):
    editors_publish = models.BooleanField(
        _("redaktorzy publikują sami"),
        default=True,
        help_text=_(
            "Włączone: redaktorzy publikują strony od razu (mogą też wysłać je do akceptacji). "
            "Wyłączone: redaktor wysyła stronę do akceptacji, a publikuje ją moderator."
        ),
    )

    panels = [FieldPanel("editors_publish")]

    class Meta:
        verbose_name = _("publikacja stron")

    def save(self, *args: object, **kwargs: object) -> None:
        super().save(*args, **kwargs)
        from cms.services import apply_editorial_settings

        apply_editorial_settings(self)
