"""ensure_admin creates one superuser, from the environment or with a kept random password."""

import io
import stat

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path, settings, monkeypatch):
    settings.DATA_DIR = tmp_path
    for var in ["ADMIN_USERNAME", "ADMIN_PASSWORD", "ADMIN_EMAIL"]:
        monkeypatch.delenv(var, raising=False)
    return tmp_path


def run() -> str:
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


def test_generated_password_is_printed_once_and_kept_private(data_dir):
    first = run()
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    kept = (data_dir / "admin-password.txt").read_text()
    password = kept.split("password: ")[1].strip()
    assert password in first and admin.check_password(password)
    assert stat.S_IMODE((data_dir / "admin-password.txt").stat().st_mode) == 0o600
    second = run()
    assert password not in second and "admin-password.txt" in second
    assert get_user_model().objects.count() == 1


def test_credentials_come_from_the_environment(data_dir, monkeypatch):
    monkeypatch.setenv("ADMIN_USERNAME", "archivaris")
    monkeypatch.setenv("ADMIN_PASSWORD", "Vlasov-1944-Praha")
    monkeypatch.setenv("ADMIN_EMAIL", "archief@example.org")
    out = run()
    user = get_user_model().objects.get(username="archivaris")
    assert user.is_superuser and user.email == "archief@example.org"
    assert user.check_password("Vlasov-1944-Praha")
    assert "Vlasov-1944-Praha" not in out
    assert not (data_dir / "admin-password.txt").exists()


def test_an_existing_password_is_never_reset(data_dir, monkeypatch):
    get_user_model().objects.create_superuser("admin", None, "chosen-by-me")
    monkeypatch.setenv("ADMIN_PASSWORD", "something-else")
    run()
    assert get_user_model().objects.get(username="admin").check_password("chosen-by-me")
    assert get_user_model().objects.count() == 1
