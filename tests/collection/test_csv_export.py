"""CSV export: the import's columns, re-imported as a no-op; formula cells neutralised and restored."""

import csv
import io

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from collection import csv_export, history
from collection.csv_import import run_import
from collection.csv_import.parsing import neutralise, unneutralise
from collection.models import Item, MetadataValue, Revision
from tests.conftest import isolated_settings

pytestmark = pytest.mark.django_db


def exported(items=None) -> bytes:
    out = io.StringIO()
    csv_export.write(items if items is not None else Item.objects.all(), out)
    return out.getvalue().encode("utf-8")


def assert_reimport_is_noop(data: bytes) -> None:
    revisions, versions = Revision.objects.count(), dict(Item.objects.values_list("pk", "version"))
    report = run_import(data, dry_run=False)
    assert report.counts["unchanged"] == Item.objects.count()
    assert report.counts | {"unchanged": 0} == {"new": 0, "changed": 0, "unchanged": 0, "errors": 0}
    assert Revision.objects.count() == revisions
    assert dict(Item.objects.values_list("pk", "version")) == versions


def test_demo_round_trip_changes_nothing(tmp_path):
    with isolated_settings(tmp_path, "csv-export"):
        call_command("load_demo", verbosity=0)
        data = exported()
        assert_reimport_is_noop(data)
    # Authority links keep their own text, and interleaved languages keep their places.
    assert "authority:andrej-vlasov=Vlasov, Andrej Andrejevitsj" in data.decode()


def test_generated_items_round_trip_changes_nothing():
    call_command("generate_synthetic", 60, seed=7, verbosity=0)
    assert Item.objects.count() == 60
    assert_reimport_is_noop(exported())


@pytest.fixture
def awkward(make_item, vlasov, archive_collections):
    """An item whose values exercise every escape of the format."""
    item = make_item("awk-1", title='=HYPERLINK("https://evil.example","click")')
    with history.changes(comment="fixture"):
        item.collections.set(archive_collections.values())
        rows = [
            ("title", "-1 minus one", "", None, "en"),
            ("title", "tweede | met pijp \\ en backslash", "", None, "nl"),
            ("subject", "", "", vlasov, "en"),
            ("subject", "Vlasov, A. A.", "", vlasov, ""),
            ("subject", "@mention", "", None, "en"),
            ("relation", "", "https://www.wikidata.org/wiki/Q312585", None, ""),
            ("description", "'=already quoted", "", None, ""),
            ("description", "line one\r\nline two", "", None, ""),
            ("issued", "1944-11-14", "", None, ""),
        ]
        for position, (term, value, uri, authority, language) in enumerate(rows, start=1):
            MetadataValue.objects.create(
                item=item,
                term=term,
                position=position,
                value=value,
                uri=uri,
                authority=authority,
                language=language,
            )
    return Item.objects.get(pk=item.pk)


def test_escapes_and_formulas_survive_the_round_trip(awkward):
    data = exported()
    assert_reimport_is_noop(data)
    title = awkward.values.get(term="title", language="nl", position=0).value
    assert title == '=HYPERLINK("https://evil.example","click")'


def test_formula_cells_are_neutralised_in_the_file(awkward):
    header, row = list(csv.reader(io.StringIO(exported().decode("utf-8"))))
    cells = dict(zip(header, row, strict=True))
    assert cells["title@nl"].startswith("'=HYPERLINK(")
    assert cells["title@en"] == "'-1 minus one"
    assert cells["subject@en"] == "authority:vlasov|@mention"  # the cell starts safely
    assert cells["description"].startswith("''=already quoted|")
    assert cells["relation"] == "<https://www.wikidata.org/wiki/Q312585>"
    assert cells["collections"] == "dossier|photos"
    assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row)


def test_values_the_format_cannot_carry_are_reported(make_item):
    item = make_item("odd-1")
    with history.changes(comment="fixture"):
        MetadataValue.objects.create(item=item, term="subject", value="authority:nobody")
    report = csv_export.ExportReport()
    list(csv_export.rows(Item.objects.all(), report))
    assert report.inexact == [
        "odd-1: a subject value ('authority:nobody') will not read back exactly"
    ]


def test_streamed_export_is_the_same_csv_with_a_bom(awkward):
    streamed = "".join(csv_export.stream(Item.objects.all()))
    assert streamed == "\ufeff" + exported().decode("utf-8")


def test_command_writes_selected_items_and_a_summary(tmp_path, make_item, capsys):
    make_item("keep-1")
    make_item("skip-1")
    dest = tmp_path / "out.csv"
    err = io.StringIO()
    call_command("export_csv", str(dest), item=["keep-1"], stderr=err)
    text = dest.read_text(encoding="utf-8-sig")
    assert "keep-1" in text and "skip-1" not in text
    assert "1 items, 1 values exported" in err.getvalue()


def test_command_refuses_unknown_selection(tmp_path):
    with pytest.raises(Exception, match="unknown collection"):
        call_command("export_csv", str(tmp_path / "x.csv"), collection=["nope"])


@given(st.text())
def test_neutralise_round_trips_any_string(text):
    cell = neutralise(text)
    assert unneutralise(cell) == text
    assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_import_reads_a_uri_with_its_own_text(make_item):
    make_item("uri-1")
    data = "identifier,rights@en\nuri-1,<http://rightsstatements.org/vocab/InC/1.0/>=In Copyright\n"
    run_import(data.encode(), dry_run=False)
    value = MetadataValue.objects.get(item__identifier="uri-1", term="rights")
    assert (value.uri, value.value) == (
        "http://rightsstatements.org/vocab/InC/1.0/",
        "In Copyright",
    )


def test_admin_action_streams_the_selected_items(login, cataloguer, make_item):
    chosen, other = make_item("adm-1"), make_item("adm-2")
    response = login(cataloguer).post(
        "/admin/collection/item/",
        {"action": "export_items_csv", "_selected_action": [chosen.pk]},
    )
    assert response.status_code == 200 and response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="items-')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "adm-1" in text and other.identifier not in text
    assert run_import(text.encode(), dry_run=True).counts["unchanged"] == 1


def test_admin_action_exports_a_collections_items(login, curator, make_item, archive_collections):
    inside, _outside = make_item("col-1"), make_item("col-2")
    with history.changes(comment="fixture"):
        inside.collections.set([archive_collections["photos"]])
    response = login(curator).post(
        "/admin/collection/collection/",
        {
            "action": "export_collections_csv",
            "_selected_action": [archive_collections["dossier"].pk],
        },
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "col-1" in text and "col-2" not in text  # photos lies below dossier
    assert 'filename="dossier-' in response["Content-Disposition"]


def test_command_takes_sub_collections_and_writes_stdout(make_item, archive_collections):
    inside = make_item("sub-1")
    make_item("out-1")
    with history.changes(comment="fixture"):
        inside.collections.set([archive_collections["photos"]])
    out = io.StringIO()
    call_command("export_csv", "-", collection=["dossier"], stdout=out, stderr=io.StringIO())
    assert "sub-1" in out.getvalue() and "out-1" not in out.getvalue()
    assert not out.getvalue().startswith("\ufeff")  # no BOM in a pipe
