"""Create the demo editor account and publish the demo's claims as reviewed by it."""
from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from claims.services import publish_reviewed


class Command(BaseCommand):
    help = "Create (or reset) the demo admin account with a random password, then publish every draft claim."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="demo")

    def handle(self, *args: Any, **options: Any) -> None:
        password = secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(username=options["username"])
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        published = publish_reviewed(editor=user)
        self.stdout.write(f"Published {published} claims as reviewed by '{user.username}'.")
        self.stdout.write(f"Admin: http://127.0.0.1:8000/admin/  user: {user.username}  password: {password}")
