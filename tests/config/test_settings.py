"""The settings module: the embedded default, production through environment variables."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "manage.py", *args, *(["--no-imports"] if args[0] == "shell" else [])],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        env={
            "DATA_DIR": str(tmp_path),
            "DJANGO_DEBUG": "0",
            "DJANGO_HTTPS": "1",
            "DJANGO_SECRET_KEY": "x" * 20 + "a-long-and-random-production-secret-key-0123456789",
            "DJANGO_ALLOWED_HOSTS": "archive.example.org",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_https(tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env={"DATA_DIR": str(tmp_path)}
    )
    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


def test_secret_key_is_generated_once_and_kept(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    env = {"DATA_DIR": str(tmp_path)}
    first = run_manage("shell", "-c", code, env=env).stdout.strip()
    second = run_manage("shell", "-c", code, env=env).stdout.strip()
    assert len(first) >= 50 and first == second
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_embedded_default_uses_sqlite_eager_celery_and_fts(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.SEARCH_BACKEND)"
    )
    env = {"DATA_DIR": str(tmp_path), "CELERY_BROKER_URL": "", "ELASTICSEARCH_URL": ""}
    out = run_manage("shell", "-c", code, env=env).stdout.split()
    assert out == [
        "django.db.backends.sqlite3",
        "True",
        "search.backends.sqlite_fts.SQLiteFTSBackend",
    ]


@pytest.mark.parametrize(
    ("var", "value", "expected"),
    [
        (
            "DATABASE_URL",
            "postgres://u@db.example.org:5432/archive",
            "django.db.backends.postgresql",
        ),
        ("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0", "False"),
        ("ELASTICSEARCH_URL", "http://127.0.0.1:9200", "ElasticsearchBackend"),
    ],
)
def test_production_parts_switch_on_through_environment(tmp_path, var, value, expected):
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.SEARCH_BACKEND)"
    )
    out = run_manage("shell", "-c", code, env={"DATA_DIR": str(tmp_path), var: value}).stdout
    assert expected in out


def test_variables_set_but_empty_mean_their_default(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.SEARCH_BACKEND, s.TIME_ZONE)"
    )
    empty = {"DATABASE_URL": "", "ELASTICSEARCH_URL": "", "SEARCH_BACKEND": ""}
    empty |= {"TIME_ZONE": "", "MEDIA_ROOT": ""}
    out = run_manage("shell", "-c", code, env={"DATA_DIR": str(tmp_path), **empty}).stdout.split()
    assert out == [
        "django.db.backends.sqlite3",
        "search.backends.sqlite_fts.SQLiteFTSBackend",
        "Europe/Amsterdam",
    ]
