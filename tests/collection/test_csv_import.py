"""CSV import: every problem reported with row and column, all-or-nothing, re-import by identifier."""

import io

import pytest
from django.core.management import CommandError, call_command

from collection import history
from collection.csv_import import ImportFailed, check, run_import
from collection.csv_import.applying import Mismatch, apply_all
from collection.models import Item, MetadataValue, Revision

pytestmark = pytest.mark.django_db

GOOD = (
    "identifier,dcmi_type,kind,title@nl,title@ru,creator,issued,subject@en,collections\n"
    "v1,Text,article,Het einde van Vlasov,Конец Власова,authority:vlasov,1944-11-14,"
    "collaboration|ROA \\| KONR,dossier|photos\n"
    "v2,StillImage,photograph,Vlasov in Praag,,,1945~,,photos\n"
)


def csv(text: str) -> bytes:
    return text.encode("utf-8")


@pytest.fixture
def catalogue(vlasov, archive_collections):
    return archive_collections


def imported(text: str, **kwargs):
    return run_import(csv(text), dry_run=False, **kwargs)


def test_import_creates_items_with_values_in_order(catalogue, vlasov):
    report = imported(GOOD)
    assert report.counts == {"new": 2, "changed": 0, "unchanged": 0, "errors": 0}
    item = Item.objects.get(identifier="v1")
    titles = [(v.value, v.language) for v in item.values.filter(term="title")]
    assert titles == [("Het einde van Vlasov", "nl"), ("Конец Власова", "ru")]
    assert item.values.get(term="creator").authority == vlasov
    assert [v.value for v in item.values.filter(term="subject")] == ["collaboration", "ROA | KONR"]
    assert sorted(c.slug for c in item.collections.all()) == ["dossier", "photos"]
    assert item.values.get(term="issued").date_lower.isoformat() == "1944-11-14"
    assert Item.objects.get(identifier="v2").kind == "photograph"


def test_dry_run_reports_the_plan_and_saves_nothing(catalogue):
    report = run_import(csv(GOOD), dry_run=True)
    assert [p.state for p in report.plans] == ["new", "new"]
    assert report.plans[0].changes["values.title"][1][0] == ["Het einde van Vlasov", "", "", "nl"]
    assert not Item.objects.exists() and not Revision.objects.filter(target_type="item").exists()


def test_reimport_updates_by_identifier_and_reports_unchanged(catalogue):
    imported(GOOD)
    before = {i.identifier: i.version for i in Item.objects.all()}
    changed = GOOD.replace("Vlasov in Praag", "Vlasov in Prague")
    preview = run_import(csv(changed), dry_run=True)
    assert [p.state for p in preview.plans] == ["unchanged", "changed"]
    assert preview.plans[1].changes == {
        "values.title": [[["Vlasov in Praag", "", "", "nl"]], [["Vlasov in Prague", "", "", "nl"]]]
    }
    report = imported(changed)
    assert report.counts == {"new": 0, "changed": 1, "unchanged": 1, "errors": 0}
    assert Item.objects.count() == 2
    after = {i.identifier: i.version for i in Item.objects.all()}
    assert after == {"v1": before["v1"], "v2": before["v2"] + 1}


def test_absent_columns_leave_properties_untouched(catalogue):
    imported(GOOD)
    imported("identifier,subject@en\nv1,Russian Liberation Army\n")
    item = Item.objects.get(identifier="v1")
    assert [v.value for v in item.values.filter(term="subject")] == ["Russian Liberation Army"]
    assert item.values.filter(term="title").count() == 2
    assert item.values.filter(term="creator").exists() and item.kind == "article"


def test_a_language_column_replaces_only_its_language_in_place(catalogue):
    imported(GOOD)
    imported("identifier,title@nl\nv1,Het einde\n")
    titles = [v.value for v in Item.objects.get(identifier="v1").values.filter(term="title")]
    assert titles == ["Het einde", "Конец Власова"]


def test_every_bad_cell_is_reported_with_row_and_column(catalogue):
    text = (
        "identifier,dcmi_type,title,issued@xx-bogus,date,status,collections,creator,colour\n"
        "v1,Text,A,,1944-13-45,draft,,,\n"
        "v2,Textual,B,,,finished,nowhere,authority:nobody,\n"
        "v1,Text,C,,,,,,\n"
        "bad id!,Text,D,,,,,,\n"
    )
    report = run_import(csv(text), dry_run=True)
    places = {(p.row, p.column) for p in report.problems}
    assert places == {
        (1, "issued@xx-bogus"),
        (1, "colour"),
        (2, "date"),
        (3, "dcmi_type"),
        (3, "status"),
        (3, "collections"),
        (3, "creator"),
        (4, "identifier"),
        (5, "identifier"),
    }
    messages = " ".join(str(p) for p in report.problems)
    assert "not a valid EDTF date" in messages and "not a valid BCP 47" in messages
    assert "duplicate identifier v1 (also in row 2)" in messages
    assert report.counts["errors"] == len(report.problems)
    assert not Item.objects.exists()


def test_a_bad_last_row_saves_nothing(catalogue):
    text = GOOD + "v3,Text,document,Last,,,not-a-date,,\n"
    with pytest.raises(ImportFailed) as failed:
        imported(text)
    assert [(p.row, p.column) for p in failed.value.report.problems] == [(4, "issued")]
    assert not Item.objects.exists() and not Revision.objects.filter(target_type="item").exists()


def test_broken_encoding_names_the_line(catalogue):
    data = csv(GOOD) + b"v3,Text,document,Caf\xe9,,,,,\n"
    report = run_import(data, dry_run=True)
    assert [str(p) for p in report.problems] == [
        "row 4: line 4 is not valid UTF-8 (byte 0xe9); save as UTF-8"
    ]
    assert not report.plans


def test_utf8_bom_is_accepted(catalogue):
    report = run_import(b"\xef\xbb\xbf" + csv(GOOD), dry_run=True)
    assert not report.problems and len(report.plans) == 2


def test_missing_required_columns(catalogue):
    report = run_import(csv("kind,subject\narticle,x\n"), dry_run=True)
    assert {(p.row, p.column) for p in report.problems} == {(1, "dcmi_type"), (1, "title")}
    assert all("missing required column" in p.message for p in report.problems)


def test_malformed_rows_are_reported(catalogue):
    text = GOOD + 'v3,Text\nv4,Text,document,"unclosed\n'
    report = run_import(csv(text), dry_run=True)
    assert [(p.row, p.message.split(":")[0]) for p in report.problems] == [
        (4, "malformed row"),
        (5, "malformed row (line 5)"),
    ]


def test_new_item_needs_type_and_title(catalogue):
    report = run_import(csv("dcmi_type,title,subject\n,,x\n"), dry_run=True)
    assert {(p.row, p.column) for p in report.problems} == {(2, "dcmi_type"), (2, "title")}


def test_cataloguer_cannot_import_published_items(catalogue, cataloguer, curator):
    text = "identifier,dcmi_type,title,status\nv1,Text,A,published\n"
    report = run_import(csv(text), dry_run=True, user=cataloguer)
    assert [(p.row, p.column) for p in report.problems] == [(2, "status")]
    assert not run_import(csv(text), dry_run=True, user=curator).problems


def test_cataloguer_cannot_change_a_published_item_by_csv(catalogue, cataloguer):
    imported("identifier,dcmi_type,title,status\nv1,Text,A,published\n")
    report = run_import(csv("identifier,title\nv1,B\n"), dry_run=True, user=cataloguer)
    assert report.problems and "published" in report.problems[0].message
    # Unchanged rows ask for nothing, so they are no problem.
    assert not run_import(csv("identifier,title\nv1,A\n"), dry_run=True, user=cataloguer).problems


def test_new_items_without_identifier_get_one(catalogue):
    report = imported("dcmi_type,title\nText,No identifier\n")
    [plan] = report.plans
    assert Item.objects.get().identifier == plan.identifier and plan.identifier.startswith("item-")


def test_command_dry_run_then_real_run_with_summary(catalogue, tmp_path, cataloguer):
    path = tmp_path / "items.csv"
    path.write_bytes(csv(GOOD))
    out = io.StringIO()
    call_command("import_csv", str(path), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "2 new, 0 changed, 0 unchanged, 0 errors; dry run" in out.getvalue()
    assert not Item.objects.exists()
    call_command("import_csv", str(path), "--user", "cat", "--collection", "dossier", stdout=out)
    assert Item.objects.count() == 2
    assert set(Item.objects.get(identifier="v2").collections.values_list("slug", flat=True)) == {
        "dossier",
        "photos",
    }
    revision = Revision.objects.filter(target_type="item").first()
    assert revision.user == cataloguer and revision.comment == "CSV import items.csv"


def test_command_fails_loudly_and_saves_nothing(catalogue, tmp_path):
    path = tmp_path / "items.csv"
    path.write_bytes(csv(GOOD + "v3,Text,document,Bad,,,1944-99,,\n"))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 errors; nothing saved"):
        call_command("import_csv", str(path), stdout=io.StringIO(), stderr=err)
    assert "row 4, column issued" in err.getvalue()
    assert not Item.objects.exists()
    with pytest.raises(CommandError, match="no active user"):
        call_command("import_csv", str(path), "--user", "ghost")


def test_a_row_that_would_not_come_out_as_previewed_saves_nothing(catalogue):
    imported(GOOD)
    report = check(csv(GOOD.replace("Vlasov in Praag", "Praag 1945")))
    v2 = Item.objects.get(identifier="v2")
    MetadataValue.objects.create(item=v2, term="subject", value="added meanwhile")
    with pytest.raises(Mismatch, match="row 3"), history.changes():
        apply_all(report.plans, iter)
    assert v2.values.get(term="title").value == "Vlasov in Praag"


def test_unknown_target_collection_is_a_problem(catalogue):
    report = run_import(csv(GOOD), dry_run=True, collection="nowhere")
    assert [str(p) for p in report.problems] == ["file: unknown collection 'nowhere'"]


def test_import_in_batches_writes_what_the_history_would(catalogue, vlasov, monkeypatch):
    # Batches of two rows: the items, values and revisions of three batches, one transaction.
    from collection import signals
    from collection.csv_import import applying
    from collection.snapshots import item_snapshot
    from search.models import IndexOutbox

    monkeypatch.setattr(applying, "BATCH", 2)
    announced = []

    def listener(sender, changes, **kwargs):
        announced.extend(changes)

    signals.items_changed.connect(listener)
    try:
        text = GOOD + "v3,Text,document,Derde,,,1944~,,\nv4,Text,,Vierde,,,,,\n"
        imported(text, comment="batched")
        created = sorted(IndexOutbox.objects.filter(authority_id=vlasov.pk).values_list("pk"))
        # v1 loses its creator (the authority's count changes), gets another kind; v4 a title.
        text = text.replace("Vierde", "Vier").replace(",article,", ",letter,")
        imported(text.replace("authority:vlasov", ""))
    finally:
        signals.items_changed.disconnect(listener)
    items = {i.identifier: i for i in Item.objects.all()}
    assert {k: i.version for k, i in items.items()} == {"v1": 2, "v2": 1, "v3": 1, "v4": 2}
    assert items["v4"].title == "Vier" and items["v1"].kind == "letter"
    for item in items.values():
        revisions = Revision.objects.filter(target_type="item", target_id=item.pk).order_by("id")
        assert [r.version for r in revisions] == list(range(1, item.version + 1))
        assert revisions.last().snapshot == item_snapshot(item.pk)
        assert revisions.first().action == "created" and revisions.first().comment == "batched"
    assert Revision.objects.get(target_id=items["v4"].pk, version=2).changes == {
        "values.title": [[["Vierde", "", "", "nl"]], [["Vier", "", "", "nl"]]]
    }
    assert items["v3"].values.get(term="issued").date_lower.isoformat() == "1944-01-01"
    assert sorted((c["identifier"], c["version"], c["action"]) for c in announced) == [
        ("v1", 1, "created"),
        ("v1", 2, "changed"),
        ("v2", 1, "created"),
        ("v3", 1, "created"),
        ("v4", 1, "created"),
        ("v4", 2, "changed"),
    ]
    # The search outbox heard of every version, and of the authority the creator column linked,
    # after the creation and after the change that unlinked it.
    rows = IndexOutbox.objects.filter(item_id__isnull=False)
    assert sorted(rows.values_list("identifier", "version")) == sorted(
        (c["identifier"], c["version"]) for c in announced
    )
    assert created and IndexOutbox.objects.filter(authority_id=vlasov.pk).count() > len(created)
    assert not items["v1"].values.filter(term="creator").exists()


def test_an_identifier_issued_meanwhile_saves_nothing(catalogue):
    report = check(csv(GOOD))
    with history.changes():
        Item.objects.create(identifier="v2", dcmi_type="Text")
    match = "row 3, column identifier: v2 was created or deleted"
    with pytest.raises(Mismatch, match=match), history.changes():
        apply_all(report.plans, iter)
    assert not Item.objects.filter(identifier="v1").exists()


PLAIN_DATES = ["1944", "0001", "9999", "1900-02", "2000-02", "1944-12", "1944-11-14", "2020-02-29"]
NOT_PLAIN = ["0000", "1944-13", "1944-21", "1944-00", "1944-11-31", "2019-02-29", "1944~", "194X"]


@pytest.mark.parametrize("text", PLAIN_DATES + NOT_PLAIN)
def test_plain_dates_are_bounded_as_the_edtf_grammar_bounds_them(text, monkeypatch):
    # parse_date bounds plain dates itself (the grammar is slow): same result, same errors.
    from django.core.exceptions import ValidationError

    from collection import validators

    def outcome():
        try:
            return validators.parse_date(text)
        except ValidationError as exc:
            return exc.messages

    fast = outcome()
    assert (validators._plain_date(text) is not None) == (text in PLAIN_DATES)
    monkeypatch.setattr(validators, "_plain_date", lambda text: None)
    assert fast == outcome()
