"""The soak run's people: one school of teachers, its lead and director, the municipality's methodist,
each with an API token. Prints them as JSON, with the body of a new route the API tests send:
{"teachers": [token…], "reviewers": {"lead": token, …}, "route": {…}}.

    python deploy/soak/world.py   (with the soak's environment: DATABASE_URL, DJANGO_SETTINGS_MODULE)
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEACHERS = 12


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from knox.models import AuthToken

    from accounts.models import Role
    from tests.api import route_body
    from tests.factories import OrganisationFactory
    from tests.school import person

    school = OrganisationFactory()
    municipality = school.municipality

    def token(user) -> str:
        return AuthToken.objects.create(user=user)[1]

    teachers = [person(f"teacher.{n}", Role.TEACHER, school) for n in range(TEACHERS)]
    reviewers = {
        "lead": person("lead.soak", Role.LEAD, school),
        "director": person("director.soak", Role.DIRECTOR, school),
        "methodist": person("methodist.soak", Role.METHODIST, school, municipality=municipality),
    }
    print(json.dumps({"teachers": [token(teacher) for teacher in teachers],
                      "reviewers": {role: token(user) for role, user in reviewers.items()},
                      "route": route_body()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
