"""Editors cannot save an image without alternative text (WCAG 2.1, 1.1.1)."""

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class AltTextRequiredImageForm(BaseImageForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            field = self.fields["description"]
            field.required = True
            field.label = _("Tekst alternatywny")
            field.help_text = _(
                "Opisz, co przedstawia obraz, dla osób niewidomych (np. „Herb gminy "
                "Zembrzyce: złota litera na zielonej tarczy”). Wymagany."
            )
