"""The search page and the browse lists label facet values in each request's language."""

import pytest


@pytest.mark.parametrize(
    "url, dutch, english",
    [
        ("/search/?q=Vlasov", ["Stilstaand beeld", "foto"], ["Still image", "photograph"]),
        ("/browse/type/", ["Stilstaand beeld"], ["Still image"]),
        ("/browse/kind/", ["foto"], ["photograph"]),
    ],
)
def test_facet_labels_switch_with_the_language_in_one_process(portal, url, dutch, english):
    # nl first: before, the first request's translation of a kind stayed for the process.
    for language, shown, absent in (("nl", dutch, english), ("en", english, dutch)):
        portal.cookies["django_language"] = language
        html = portal.get(url).content.decode()
        for label in shown:
            assert f">{label}</a>" in html, (language, label)
        for label in absent:
            assert f">{label}</a>" not in html, (language, label)
