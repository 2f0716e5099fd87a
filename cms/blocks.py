"""StreamField blocks for the towns' pages. Each block renders with its own template in
``cms/templates/blocks/``."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Treść nagłówka"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Poziom"),
        choices=[("h2", _("Nagłówek 2")), ("h3", _("Nagłówek 3")), ("h4", _("Nagłówek 4"))],
        default="h2",
        help_text=_("Zachowaj kolejność poziomów: pod nagłówkiem 2 używaj nagłówka 3."),
    )

    class Meta:
        icon = "title"
        label = _("Nagłówek")
        template = "blocks/heading_block.html"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("features", ["bold", "italic", "link", "ol", "ul", "document-link"])
        kwargs.setdefault("label", _("Akapit"))
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tytuł odnośnika"), max_length=120)
    page = blocks.PageChooserBlock(
        label=_("Strona w serwisie"), required=False, help_text=_("Albo strona, albo adres.")
    )
    url = blocks.URLBlock(label=_("Adres zewnętrzny"), required=False)
    description = blocks.CharBlock(label=_("Opis"), required=False, max_length=200)

    class Meta:
        icon = "link"
        label = _("Odnośnik")
        template = "blocks/link_block.html"


class FeatureListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Nagłówek"), max_length=120)
    items = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("title", blocks.CharBlock(label=_("Tytuł"), max_length=120)),
                ("text", blocks.TextBlock(label=_("Opis"), max_length=400)),
                (
                    "link",
                    blocks.CharBlock(
                        label=_("Adres"),
                        required=False,
                        max_length=200,
                        help_text=_(
                            "Dokąd prowadzi pozycja, np. /budzet/ albo pełny adres https://…; "
                            "bez adresu pozycja jest tylko opisem."
                        ),
                    ),
                ),
            ],
            label=_("Pozycja"),
        ),
        label=_("Pozycje"),
    )

    class Meta:
        icon = "list-ul"
        label = _("Lista możliwości")
        template = "blocks/feature_list_block.html"


class QuickLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tytuł"), max_length=80)
    description = blocks.CharBlock(label=_("Opis"), required=False, max_length=160)
    path = blocks.CharBlock(
        label=_("Adres"),
        max_length=200,
        help_text=_("Adres w serwisie, np. /katalog-uslug/, albo pełny adres https://…"),
    )

    class Meta:
        icon = "link"
        label = _("Szybki odnośnik")
        template = "blocks/quick_link_block.html"


class SubmissionChannelBlock(blocks.StructBlock):
    """One way of submitting a service's request."""

    kind = blocks.ChoiceBlock(
        label=_("Sposób"),
        choices=[
            ("epuap", _("formularz ePUAP")),
            ("edoreczenia", _("e-Doręczenia")),
            ("portal", _("w e-Urzędzie")),
            ("in_person", _("osobiście w urzędzie")),
            ("post", _("listownie")),
            ("external", _("w innej instytucji")),
        ],
    )
    label = blocks.CharBlock(label=_("Opis"), max_length=200)
    url = blocks.CharBlock(
        label=_("Adres"),
        required=False,
        max_length=500,
        help_text=_("Odnośnik do formularza lub usługi; puste, gdy nie dotyczy."),
    )

    class Meta:
        icon = "form"
        label = _("Sposób złożenia")
        template = "blocks/submission_channel_block.html"


class AccessibleImageBlock(ImageBlock):
    """An image with alternative text (or marked decorative), as WCAG requires."""

    class Meta:
        label = _("Zdjęcie")
        template = "blocks/image_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = AccessibleImageBlock()
    link = LinkBlock()
    features = FeatureListBlock()
