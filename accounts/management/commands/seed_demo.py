"""Load the demo region: five municipalities of the seeds, their organisations, associations and people.

Idempotent: running it again updates the same rows. Every demo user has the password `demo`, so the
command refuses to run unless DEBUG is on.
"""
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import load_demo


class Command(BaseCommand):
    help = "Загрузить демонстрационные данные: муниципалитеты, организации, объединения и пользователей."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "Демонстрационные данные с паролем «demo» загружаются только при DEBUG=1 (не на рабочем сервере)."
            )
        with transaction.atomic():
            users = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Демонстрационные данные загружены: {len(users)} пользователей, пароль «demo»."))
