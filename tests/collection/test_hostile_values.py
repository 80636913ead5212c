"""Dates and text the audit slipped past the checks (issue 10, rows 3 and 12), on every path but REST."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from collection.csv_import import ImportFailed, run_import
from collection.csv_import.parsing import read_csv
from collection.models import Item, MetadataValue
from collection.validators import parse_date

BAD_DATES = {
    "1XXX-1X": "does not follow",  # the edtf library's own bounds raised ValueError
    "Y99999999999999999999": "more than 9 digits",  # OverflowError in datetime.date
    "2019-02-29": "that day does not exist",  # bounds were silently empty
    "1944-11-14/1943-01-01": "ends before it starts",  # bounds were inverted
    "1944~/1943": "ends before it starts",
    "1XXX-1X/2000": "does not follow",
}
GOOD_DATES = ["2020-02-29", "194X", "1945/1946", "../1944", "1944/..", "-0050", "Y-170000002"]


@pytest.mark.parametrize("text,reason", BAD_DATES.items())
def test_parse_date_refuses_with_a_validation_error(text, reason):
    with pytest.raises(ValidationError, match=reason):
        parse_date(text)


@pytest.mark.parametrize("text", GOOD_DATES)
def test_parse_date_still_accepts_valid_edtf(text):
    assert parse_date(text).text == text


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["1XXX-1X", "Y99999999999999999999", "2019-02-29"])
def test_admin_item_form_shows_the_error(login, superuser, item_form_data, text):
    values = [("title", 0, "Brief", "nl"), ("issued", 0, text, "")]
    data = item_form_data(identifier="v9", values=values)
    response = login(superuser).post(reverse("admin:collection_item_add"), data)
    assert response.status_code == 200
    assert "not a valid EDTF date" in response.content.decode()
    assert not Item.objects.filter(identifier="v9").exists()


CSV_HEAD = "identifier,dcmi_type,title@nl,issued\n"


@pytest.mark.django_db
@pytest.mark.parametrize("text", BAD_DATES)
def test_csv_preview_reports_the_cell(text):
    report = run_import(f"{CSV_HEAD}v1,Text,Brief,{text}\n".encode(), dry_run=True)
    assert [(p.row, p.column) for p in report.problems] == [(2, "issued")]


@pytest.mark.django_db
def test_admin_csv_preview_shows_the_problem(login, curator, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    upload = SimpleUploadedFile("items.csv", f"{CSV_HEAD}v1,Text,Brief,1XXX-1X\n".encode())
    page = login(curator).post(reverse("admin:collection_item_import_csv"), {"file": upload})
    assert page.status_code == 200
    assert "not a valid EDTF date" in page.content.decode()


@pytest.mark.django_db
def test_import_csv_prints_its_report_not_a_traceback(tmp_path):
    path = tmp_path / "items.csv"
    path.write_text(f"{CSV_HEAD}v1,Text,Brief,Y99999999999999999999\nv2,Text,B,2019-02-29\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing saved"):
        call_command("import_csv", str(path), stdout=io.StringIO(), stderr=err)
    assert "row 2, column issued" in err.getvalue() and "row 3, column issued" in err.getvalue()
    assert not Item.objects.exists()


def test_csv_refuses_nul_naming_row_and_column():
    data = f"{CSV_HEAD}v1,Text,Bri\x00ef,1944\nv2,Text,Fine,1945\n".encode()
    _, rows, problems = read_csv(data)
    assert [(p.row, p.column) for p in problems] == [(2, "title@nl")]
    assert "NUL" in problems[0].message


@pytest.mark.django_db
def test_csv_import_with_nul_saves_nothing():
    with pytest.raises(ImportFailed) as caught:
        run_import(f"{CSV_HEAD}v1,Text,Bri\x00ef,1944\n".encode(), dry_run=False)
    assert [(p.row, p.column) for p in caught.value.report.problems] == [(2, "title@nl")]
    assert not Item.objects.exists()


@pytest.mark.django_db
def test_metadata_value_clean_refuses_nul(make_item):
    value = MetadataValue(item=make_item("v1"), term="title", value="Bri\x00ef")
    with pytest.raises(ValidationError) as caught:
        value.full_clean()
    assert "NUL" in str(caught.value.message_dict["value"])
