"""The search page shows why a query beyond the text caps was not run (issue 10, row 1)."""

import pytest

from search.query import SearchQuery

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text,message",
    [
        ("a* " * 2000, "The search text is too long"),
        ("x" * (SearchQuery.max_text_length + 1), "The search text is too long"),
        ("ab* ac* ad* ae* af* ag*", "too many prefix searches"),
        ("army a*", "a prefix search needs at least 2 letters"),
    ],
)
def test_hostile_query_shows_a_message(client, text, message, settings, tmp_path):
    settings.SEARCH_FTS_PATH = str(tmp_path / "search.sqlite3")
    client.cookies["django_language"] = "en"
    response = client.get("/search/", {"q": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="errors" role="alert"' in html
    assert message in html
