"""Internship programmes of the generated sites and the teachers who take them, as `platforms.internships`
records them: an internship, base or young teachers' site publishes a programme or two a year of its
term; teachers of other schools of the municipality apply, their director agrees, the site's director
accepts, and after the programme the site records the outcome (a few are declined or withdrawn)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from .vocabulary import UTC

HOSTING = ("internship", "base", "young_teachers")
PROGRAMMES = [("Формирование функциональной грамотности: практики школы", 36),
              ("Наставничество в первые годы работы педагога", 24),
              ("Урок в цифровой образовательной среде", 18),
              ("Работа со слабоуспевающими обучающимися", 16)]


def moment_of(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


class SiteInternships:
    def __init__(self, sites):
        self.g = sites
        self.rnd = sites.random
        self.today = sites.now.date()

    def simulate(self) -> None:
        for place in self.g.places:
            schools = {school.id: school for school in place.schools}
            for site in self.g.sites_by_place[place.id]:
                if site["kind"] in HOSTING and site["organisation_id"] in schools:
                    self.programmes(place, site, schools[site["organisation_id"]])

    def programmes(self, place, site: dict, school) -> None:
        starts = max(site["starts_on"], self.g.window_start.date())
        ends = min(site["ends_on"], self.today + timedelta(days=120))
        day = starts + timedelta(days=30)
        while day < ends:
            topic, hours = self.rnd.choice(PROGRAMMES)
            first = day + timedelta(days=20)
            capacity = self.rnd.choice([5, 8, 10, 12])
            pk = self.g.first_ids["programmes"] + len(self.g.programmes.rows)
            self.g.programmes.add(id=pk, site_id=site["id"], topic=topic, hours=hours, starts_on=first,
                                  ends_on=first + timedelta(days=4), capacity=capacity, published=True,
                                  description="Цели, содержание, формы работы стажёров и итоговый продукт.",
                                  created_by_id=school.director, created_at=moment_of(day))
            self.interns(place, school, pk, day, first, capacity)
            day += timedelta(days=self.rnd.randrange(150, 240))

    def interns(self, place, host, programme: int, published: date, first: date, capacity: int) -> None:
        others = [school for school in place.schools if school.id != host.id]
        for school in self.rnd.sample(others, min(len(others), self.rnd.randrange(1, capacity + 1))):
            applied = published + timedelta(days=self.rnd.randrange(1, 15))
            if applied > self.today:
                continue
            teacher = self.rnd.choice(school.teachers)
            fields = dict(id=self.g.first_ids["internships"] + len(self.g.internships.rows), programme_id=programme,
                          teacher_id=teacher, organisation_id=school.id, status="applied",
                          motivation="Хочу освоить практики площадки и применить их на своих уроках.",
                          created_at=moment_of(applied))
            history = [(applied, teacher, dict(fields))]
            steps = [("agreed", 2, school.director, "agreed_by_id", "agreed_at"),
                     ("accepted", 4, host.director, "accepted_by_id", "accepted_at")]
            roll = self.rnd.random()
            day = applied
            for status, days, actor, who, when in steps:
                day += timedelta(days=self.rnd.randrange(1, days + 1))
                if day > self.today:
                    break
                if roll < 0.05 and status == "accepted":
                    fields.update(status="declined", declined_by_id=actor, declined_at=moment_of(day),
                                  decline_reason="Все места на программе заняты.")
                elif roll < 0.08 and status == "agreed":
                    fields.update(status="withdrawn")
                else:
                    fields.update({"status": status, who: actor, when: moment_of(day)})
                history.append((day, actor, dict(fields)))
                if fields["status"] in ("declined", "withdrawn"):
                    break
            finished = first + timedelta(days=5 + self.rnd.randrange(10))
            if fields["status"] == "accepted" and finished <= self.today:
                outcome = self.rnd.choices(["completed", "with_product", "not_completed"], [70, 22, 8])[0]
                fields.update(status="not_completed" if outcome == "not_completed" else "completed", outcome=outcome,
                              outcome_note="Стажёр представил итоговый продукт на методическом совете."
                              if outcome == "with_product" else "", completed_on=finished,
                              recorded_by_id=host.director)
                history.append((finished, host.director, dict(fields)))
            self.g.internships.add(**fields)
            for number, (day, actor, values) in enumerate(history):
                self.g.internship_history.add(**values, history_date=moment_of(day),
                                              history_type="+" if number == 0 else "~", history_user_id=actor)
