"""The search page shows why a query beyond the text caps was not run (issue 10, row 1)."""

import pytest

from search.query import SearchQuery

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text", ["a* " * 2000, "x" * (SearchQuery.max_text_length + 1), "ab* ac* ad* ae* af* ag*"]
)
def test_hostile_query_shows_a_message(client, text, settings, tmp_path):
    settings.SEARCH_FTS_PATH = str(tmp_path / "search.sqlite3")
    client.cookies["django_language"] = "en"
    response = client.get("/search/", {"q": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="errors" role="alert"' in html
    assert "Search:" in html
