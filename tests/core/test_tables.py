"""The one table shape of the resident pages ({% table %}, core/includes/table.html)."""

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation


def render(source: str, **context: object) -> str:
    with translation.override("pl"):
        return Template("{% load tables %}" + source).render(Context(context))


TABLE = (
    '{% columns _("Rata") _("Kwota")|numeric _("Działania")|visually_hidden as columns %}'
    '{% table caption columns class="money-table" %}'
    '{% for row in rows %}<tr><th scope="row">{{ row }}</th><td></td><td></td></tr>{% endfor %}'
    '{% tablefoot %}<tr><th scope="row">Razem</th></tr>'
    "{% endtable %}"
)


def test_a_table_scrolls_in_its_wrapper_and_names_its_columns_for_screen_readers() -> None:
    html = render(TABLE, caption="Raty <i>w koszyku</i>", rows=["1", "2"])
    assert html.startswith('<div class="table-wrap">')
    assert '<table class="money-table">' in html
    assert "<caption>Raty &lt;i&gt;w koszyku&lt;/i&gt;</caption>" in html
    assert '<th scope="col">Rata</th>' in html
    assert '<th scope="col" class="num">Kwota</th>' in html
    assert '<th scope="col"><span class="visually-hidden">Działania</span></th>' in html
    assert '<tbody><tr><th scope="row">1</th>' in html
    assert '<tfoot><tr><th scope="row">Razem</th></tr></tfoot>' in html


def test_a_table_without_a_foot_or_a_class_has_neither() -> None:
    html = render(
        '{% columns _("Rata") as columns %}{% table _("Opłacane raty") columns %}{% endtable %}'
    )
    assert "<table>" in html and "<caption>Opłacane raty</caption>" in html
    assert "<tfoot>" not in html


def test_the_caption_says_which_page_of_a_paginated_list_it_shows() -> None:
    source = (
        '{% columns _("Czas") as columns %}'
        '{% table _("Zdarzenia") columns page=page %}{% endtable %}'
    )
    paginator = Paginator(range(30), 10)
    assert "<caption>Zdarzenia – strona 2 z 3</caption>" in render(source, page=paginator.page(2))
    single = Paginator(range(3), 10).page(1)
    assert "<caption>Zdarzenia</caption>" in render(source, page=single)


def test_the_column_headings_are_translated() -> None:
    with translation.override("en"):
        html = Template(
            '{% load tables %}{% columns _("Kwota")|numeric as columns %}'
            '{% table _("Raty w koszyku") columns %}{% endtable %}'
        ).render(Context())
    assert '<th scope="col" class="num">Amount</th>' in html


@pytest.mark.parametrize(
    "source",
    [
        "{% columns _('Rata') %}",
        "{% table _('Raty') %}{% endtable %}",
        "{% table _('Raty') columns colour='red' %}{% endtable %}",
    ],
)
def test_a_misspelt_table_fails_when_the_template_loads(source: str) -> None:
    with pytest.raises(TemplateSyntaxError):
        Template("{% load tables %}" + source)
