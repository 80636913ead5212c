"""Make sure a superuser exists for `make run`, without ever resetting an existing password."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

PASSWORD_FILE = "admin-password.txt"


class Command(BaseCommand):
    help = (
        "Create a superuser if none exists: ADMIN_USERNAME / ADMIN_PASSWORD / ADMIN_EMAIL from the "
        "environment, else 'admin' with a random password printed once and kept in "
        "DATA_DIR/admin-password.txt (mode 0600)."
    )

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        username = os.environ.get("ADMIN_USERNAME", "").strip() or "admin"
        existing = User.objects.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            name = existing.get_username()
            self.stdout.write(f"Admin account exists: {name}{self._hint(name)}")
            return
        if User.objects.filter(**{User.USERNAME_FIELD: username}).exists():
            # Promoting an ordinary account would hand it rights nobody asked for.
            raise CommandError(
                f"User {username!r} exists but is not a superuser; set ADMIN_USERNAME to "
                "another name or promote it with `manage.py changepassword` and the admin."
            )
        password = os.environ.get("ADMIN_PASSWORD", "")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(18)
        email = os.environ.get("ADMIN_EMAIL", "").strip()
        User.objects.create_superuser(username, email or None, password)
        if generated:
            path = self._keep(username, password)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created admin account {username!r} with password {password}\n"
                    f"(also kept in {path}; change it after first login)"
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created admin account {username!r} (password from ADMIN_PASSWORD)"
                )
            )

    def _keep(self, username: str, password: str) -> Path:
        """Write the generated password where only this user can read it."""
        path = Path(settings.DATA_DIR) / PASSWORD_FILE
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(f"username: {username}\npassword: {password}\n")
        path.chmod(0o600)  # O_CREAT's mode does not apply to a file that was already there
        return path

    def _hint(self, username: str) -> str:
        path = Path(settings.DATA_DIR) / PASSWORD_FILE
        if path.exists() and path.read_text().startswith(f"username: {username}\n"):
            return f" (its generated password is in {path})"
        return " (password unchanged)"
