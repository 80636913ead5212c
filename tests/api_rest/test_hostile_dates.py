"""REST writes refuse the EDTF values that used to be a 500 (issue 10, row 3) with a 400."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text", ["1XXX-1X", "Y99999999999999999999", "2019-02-29", "1944-11-14/1943-01-01"]
)
def test_patch_with_a_bad_date_is_a_400_naming_the_value(token_client, curator, catalogue, text):
    body = {"metadata": {"date": [{"value": text}]}}
    response = token_client(curator).patch("/api/items/pub-1/", body, format="json")
    assert response.status_code == 400
    assert "value" in response.json()["metadata"]["date"][0]
