"""/api/search/ refuses a query beyond the text caps with a 400 naming `q` (issue 10, row 1)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["a* " * 2000, "a " * 8000, "ab* " * 3 + "x" * 600])
def test_hostile_query_is_a_400_naming_q(api, text, settings, tmp_path):
    settings.SEARCH_FTS_PATH = str(tmp_path / "search.sqlite3")
    response = api.get("/api/search/", {"q": text})
    assert response.status_code == 400
    assert "q" in response.json()
