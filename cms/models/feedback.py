"""Feedback about the portal (Twoja opinia): Wagtail's form builder with spam protection
that needs no third-party service."""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from cms.forms import FeedbackFormBuilder, too_many_submissions
from cms.models.permissions import LeafPagePermissions
from cms.models.slugs import AsciiSlug
from cms.models.view_restrictions import RememberedViewRestrictions


class FeedbackFormField(AbstractFormField):
    page = ParentalKey("cms.FeedbackFormPage", on_delete=models.CASCADE, related_name="form_fields")


class FeedbackFormPage(
    AsciiSlug, RememberedViewRestrictions, LeafPagePermissions, AbstractEmailForm
):
    """Submissions are stored in the town's schema and e-mailed to the editors."""

    form_builder = FeedbackFormBuilder

    intro = RichTextField(
        _("wprowadzenie"),
        blank=True,
        features=["bold", "link"],
        help_text=_("Tekst nad formularzem."),
    )
    thank_you_text = RichTextField(
        _("podziękowanie"),
        blank=True,
        features=["bold", "link"],
        help_text=_("Tekst po wysłaniu formularza."),
    )

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Pola formularza")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            _("Powiadomienie e-mail dla redakcji"),
        ),
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("formularz opinii")
        verbose_name_plural = _("formularze opinii")

    def serve(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        # Wagtail's FormMixin.serve, plus the per-address rate limit before validation.
        if request.method == "POST":
            form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
            form.rate_limited = too_many_submissions(request, f"page-{self.pk}")
            if form.is_valid():
                submission = self.process_form_submission(form)
                return self.render_landing_page(request, submission, *args, **kwargs)
        else:
            form = self.get_form(page=self, user=request.user)
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context)
