"""Sites (площадки) of the synthetic region, for `bench.generate`: calls, applications, orders, the register,
annual reports and internships, written with COPY after the region's routes and materials.

Every municipality announces a call each February of the history (as Slavyansk's competition of
innovation projects), every other one a call for internship and support sites each September too, and
each has one call open now. A fifth of its schools apply to each call, some to
extend a status ending within the year; each application lives as `platforms.flows.SiteApplicationFlow`
runs it (`bench.site_applications`), and a granted one gets the department's signed order (numbered
from the municipality's journal) and its entry in the register, whose term lives as
`platforms.register_flow.SiteFlow` runs it (`bench.site_terms`): annual reports opened by their
timers, sent, returned, accepted or failed, overdue ones, revocations by order, closing or extension
at the end of the term. A few schools hold a regional or federal status recorded from outside.
Internship, base and young teachers' sites publish programmes that teachers of other schools take.
About a quarter of the schools hold a status at the moment of generation.

The rows come from a random generator of their own (the region's routes and materials stay the same
for a seed), and their ids follow those the region has written.
"""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from .clock import Clock
from .copy import Table, dumps
from .materials import MaterialFlowFacts
from .site_applications import ApplicationLife
from .site_internships import SiteInternships
from .site_terms import SiteTermLife, anniversary
from .vocabulary import UTC
from .writing import RegionWriting

SITE_TOPICS = ["Модель сетевого взаимодействия школ по формированию функциональной грамотности",
               "Цифровая образовательная среда школы: модели и практики", "Школа полного дня",
               "Наставничество как ресурс профессионального роста молодых педагогов",
               "Инклюзивное образование детей с ОВЗ", "Проектная и исследовательская деятельность обучающихся",
               "Профориентация школьников через инженерные классы", "Формирующее оценивание в основной школе",
               "Поддержка школ с низкими образовательными результатами", "Читательская грамотность младших школьников"]
KINDS = ["innovation"] * 5 + ["base", "internship", "support", "pilot", "young_teachers"]
OUTSIDE = [("regional", "Министерство образования области", "Приказ министерства о региональных инновационных "
            "площадках"), ("federal", "Министерство просвещения Российской Федерации",
                           "Распоряжение о федеральных инновационных площадках"),
           ("regional", "ФГБОУ ВО «Педагогический университет»", "Договор о базовой площадке университета")]
HOSTING_KINDS = ["base", "internship", "support", "young_teachers"]
APPLY_SHARE, EXTEND_SHARE, OUTSIDE_SHARE = 0.16, 0.6, 0.04


class SiteRegion(RegionWriting):
    """The sites of `region` (a `bench.region.Region` already written): `generate` simulates and writes them."""

    def __init__(self, region):
        from django.contrib.auth.models import Permission
        from django.contrib.contenttypes.models import ContentType
        from viewflow.workflow.models import Process, Task

        from orders.models import Order, OrderItem, OrderJournal
        from platforms.models import (
            AnnualReport, CouncilProtocol, Internship, InternshipProgramme, ProjectStage, Site, SiteApplication,
            SiteApplicationFile,
        )
        from scoring.models import ExpertAssignment, Review
        from workflows.models import CaseEvent, Notification

        self.region = region
        self.random = random.Random(region.args.seed * 7919 + 14)
        self.now, self.window_start, self.places = region.now, region.window_start, region.places
        self.connection = region.connection
        self.models = dict(region.models, Process=Process, SiteApplication=SiteApplication)
        for name in ("awaits", "decided", "overdue_message", "kind_display"):
            setattr(self, name, getattr(region, name))
        self.content_types = dict(region.content_types, **{
            name: ContentType.objects.get_for_model(model).pk
            for name, model in (("site_application", SiteApplication), ("site", Site))})
        self.view_application = Permission.objects.get(content_type_id=self.content_types["site_application"],
                                                       codename="view_siteapplication").pk
        tables = dict(
            applications=SiteApplication, application_history=SiteApplication.history.model,
            stages=ProjectStage, team=SiteApplication.team.through, files=SiteApplicationFile,
            protocols=CouncilProtocol, protocol_history=CouncilProtocol.history.model,
            members=CouncilProtocol.members_present.through, orders=Order, order_history=Order.history.model,
            items=OrderItem, journals=OrderJournal, sites=Site, site_history=Site.history.model,
            reports=AnnualReport, report_history=AnnualReport.history.model, programmes=InternshipProgramme,
            internships=Internship, internship_history=Internship.history.model, processes=Process, tasks=Task,
            previous=Task.previous.through, events=CaseEvent, notifications=Notification,
            grants=region.grants.model, expert_assignments=ExpertAssignment,
            expert_assignment_history=ExpertAssignment.history.model, reviews=Review,
            review_history=Review.history.model)
        self.tables = {name: Table(model) for name, model in tables.items()}
        for name, table in self.tables.items():
            setattr(self, name, table)
        self.flow_processes: list[dict] = []
        self.case_numbers: dict[tuple[str, int], int] = {}
        self.sites_by_place: dict[int, list[dict]] = {}
        self.removed_reports: set[int] = set()

    def start_process(self, kind: str, case_key: int, flow_ref: str, moment: datetime) -> dict:
        from .region import Region

        return Region.start_process(self, kind, case_key, flow_ref, moment)

    # What the lives read: the flows, the chains, the calls

    def prepare(self) -> None:
        from django.utils.translation import gettext
        from viewflow.workflow.fields import get_flow_ref, get_task_ref

        from accounts.history import acting_as
        from accounts.models import Municipality, Organisation
        from platforms.calls import call_criteria
        from platforms.flows import SiteApplicationFlow
        from platforms.models import CouncilProtocol
        from platforms.register_flow import SiteFlow
        from platforms.types import SITE_APPLICATION
        from scoring.models import ExpertAssignment, Review
        from workflows.chains import chain_for, snapshot

        flow = SiteApplicationFlow.instance
        refs = {node.name: get_task_ref(node) for node in flow.nodes()}
        refs["reviews_in"] = refs["scores_in"]  # the materials' life names its join so
        models = {name: table.model for name, table in self.tables.items()}
        self.first_ids = {name: self.first_free(model) for name, model in models.items()}
        self.first_ids.update(stage=self.first_ids["stages"], file=self.first_ids["files"])
        self.application_flow = MaterialFlowFacts(
            flow_ref=get_flow_ref(SiteApplicationFlow), refs=refs,
            titles={name: str(flow.node(name).task_title)
                    for name in ("revision", "revise", "assign_experts", "replace_expert", "protocol")},
            texts=self.region.material_flow.texts,
            first_ids={"assignment": self.first_free(ExpertAssignment), "review": self.first_free(Review),
                       "file": self.first_ids["files"]},
            view_permission=self.view_application)
        term = SiteFlow.instance
        self.term_flow_ref = get_flow_ref(SiteFlow)
        self.term_refs = {node.name: get_task_ref(node) for node in term.nodes()}
        self.term_titles = {name: str(term.node(name).task_title) for name in ("annual_report", "curator_review",
                                                                              "close")}
        self.texts = {
            "report_due": gettext("The annual report of the site «%(site)s» for year %(year)s of the term is due "
                                  "%(due)s."),
            "report_review": gettext("The annual report of the site «%(site)s» awaits your review."),
            "report_overdue": gettext("The annual report of the site «%(site)s» (%(organisation)s) for year "
                                      "%(year)s is overdue: it was due %(due)s. The status may be revoked by an "
                                      "order."),
            "protocol": gettext("%(case)s: %(protocol)s"),
            "protocol_name": gettext("Protocol No. %(number)s of %(date)s"),
            "report_failed": gettext("The annual report of the site «%(site)s» (%(organisation)s) was not "
                                     "accepted. The status may be revoked by an order."),
        }
        self.recommendations = {value: str(label) for value, label in CouncilProtocol.Recommendation.choices}
        self.short_names = dict(Organisation.objects.filter(municipality__in=[place.id for place in self.places])
                                .values_list("pk", "short_name"))
        self.chains, self.calls = {}, {}
        with acting_as(None):
            for place in self.places:
                municipality = Municipality.objects.get(pk=place.id)
                chain = chain_for(municipality, SITE_APPLICATION.key)
                steps = snapshot(chain)
                self.chains[place.id] = {"steps": steps, "json": dumps(steps), "version": chain.version}
                self.calls[place.id] = [self.announce(municipality, place, opens, deadline, title, kinds, per_year,
                                                      call_criteria)
                                        for opens, deadline, title, kinds, per_year in self.call_dates(place)]

    def call_dates(self, place) -> list[tuple[date, datetime, str, list[str], int]]:
        """Each February of the history (and each September in every other municipality, so that some terms
        come round in the autumn), and one call open now; with how many calls of the kind a year."""
        autumn = place.index % 2 == 1
        calls = []
        for year in range(self.window_start.year, self.now.year + 1):
            for opens, deadline, title, kinds in (
                    (date(year, 1, 20), datetime(year, 2, 28, 20, 59, tzinfo=UTC),
                     f"Муниципальный конкурс инновационных проектов «Инновационный поиск — {year}»", sorted(set(KINDS))),
                    (date(year, 9, 1), datetime(year, 9, 30, 20, 59, tzinfo=UTC),
                     f"Конкурс на статус стажировочной и опорной площадки {year}", HOSTING_KINDS)):
                if opens >= self.window_start.date() and deadline < self.now and (autumn or opens.month == 1):
                    calls.append((opens, deadline, title, kinds, 1 + autumn))
        opens = (self.now - timedelta(days=20)).date()
        calls.append((opens, self.now + timedelta(days=40), "Приём заявок на статус стажировочной, базовой и "
                      "опорной площадки", HOSTING_KINDS, 1 + autumn))
        return calls

    def announce(self, municipality, place, opens: date, deadline: datetime, title: str, kinds: list[str],
                 per_year: int, criteria) -> dict:
        from platforms.models import Call

        call = Call.objects.create(municipality=municipality, title=title, kinds=kinds, opens_on=opens,
                                   deadline=deadline, created_by_id=place.officer,
                                   description="Порядок и сроки приёма заявок, критерии экспертизы проектов.",
                                   created_at=datetime(opens.year, opens.month, opens.day, 9, tzinfo=UTC))
        return {"id": call.pk, "opens_on": opens, "deadline": deadline, "kinds": kinds, "per_year": per_year,
                "criteria": [(criterion.pk, criterion.max_score)
                             for criterion in criteria(call)]}

    # The lives

    def simulate(self) -> None:
        rnd = self.random
        for place in self.places:
            self.sites_by_place[place.id] = []
            for school in place.schools:
                if rnd.random() < OUTSIDE_SHARE:
                    self.record_outside(place, school)
            for call in self.calls[place.id]:
                self.applications_to(place, call)
        SiteInternships(self).simulate()

    def applications_to(self, place, call: dict) -> None:
        rnd = self.random
        closing = min(call["deadline"], self.now)
        span = (closing - datetime(call["opens_on"].year, call["opens_on"].month, call["opens_on"].day,
                                   tzinfo=UTC)).total_seconds()
        ending = {site["organisation_id"]: site for site in self.sites_by_place[place.id]
                  if site["status"] == "active" and site["level"] == "municipal"
                  and call["deadline"].date() <= site["ends_on"] <= call["deadline"].date() + timedelta(days=365)
                  and site["kind"] in call["kinds"]}
        for school in place.schools:
            extends = ending.get(school.id) if rnd.random() < EXTEND_SHARE else None
            if extends is None and rnd.random() >= APPLY_SHARE / call["per_year"]:
                continue
            created = closing - timedelta(seconds=rnd.random() * span)
            kind = extends["kind"] if extends else rnd.choice([kind for kind in KINDS if kind in call["kinds"]])
            topic = extends["topic"] if extends else rnd.choice(SITE_TOPICS)
            ApplicationLife(self, school, call, created, kind, topic, rnd.choice([1, 2, 2, 3, 3]), extends).live()

    def record_outside(self, place, school) -> None:
        """A regional or federal status recorded from outside (`platforms.register.record_external`)."""
        rnd = self.random
        level, body, document = rnd.choice(OUTSIDE)
        starts = (self.window_start - timedelta(days=rnd.randrange(30, 700))).date()
        entered = self.window_start + timedelta(days=rnd.randrange(1, 60))
        site = self.add_site(place, school, entered, kind=rnd.choice(["innovation", "base", "pilot"]), level=level,
                             topic=rnd.choice(SITE_TOPICS), starts_on=starts, ends_on=anniversary(starts, 5),
                             curator_id=rnd.choice(place.methodists), issuing_body=body,
                             issuing_document=f"{document} от {starts.strftime('%d.%m.%Y')}")
        SiteTermLife(self, site, school, entered).live()

    def add_site(self, place, school, moment: datetime, actor: int | None = None, **fields) -> dict:
        key = len(self.sites.rows)
        site = dict(fields, key=key, id=self.first_ids["sites"] + key, municipality_id=place.id,
                    organisation_id=school.id, status="active", process_id=None, created_at=moment)
        self.sites.add(**{name: value for name, value in site.items() if name != "key"})
        self.site_history.add(**{name: value for name, value in site.items() if name != "key"}, history_date=moment,
                              history_type="+", history_user_id=actor)
        self.sites_by_place[place.id].append(site)
        return site

    def add_protocol(self, life: ApplicationLife, recommendation: str, moment: datetime, methodist: int,
                     text: str) -> str:
        """The council's protocol (`applications_council.record_protocol`); returns how the timeline names it."""
        pk = self.first_ids["protocols"] + len(self.protocols.rows)
        fields = dict(id=pk, application_id=life.key, number=f"{len(self.protocols.rows) % 40 + 1}-ЭС",
                      date=moment.date(), votes_for=0, votes_against=0, votes_abstained=0,
                      recommendation=recommendation, text=text, recorded_by_id=methodist, recorded_at=moment)
        present = [methodist, *{assignment["expert_id"] for assignment in life.assignments
                                if assignment["status"] == "reviewed"}]
        votes = len(present)
        against = 0 if recommendation == "grant" else votes // 2 + 1
        fields.update(votes_for=votes - against, votes_against=against)
        self.protocols.add(**fields)
        self.protocol_history.add(**fields, history_date=moment, history_type="+", history_user_id=methodist)
        for member in dict.fromkeys(present):
            self.members.add(councilprotocol_id=pk, user_id=member)
        named = self.texts["protocol_name"] % {"number": fields["number"], "date": moment.strftime("%d.%m.%Y")}
        return f"{named}: {self.recommendations[recommendation]}"

    # Orders and the register

    def add_order(self, place, moment: datetime, subject: str, title: str, items: list[dict]) -> int:
        """A signed order (`orders.services.issue_order`); its number is given by date once all are known."""
        pk = self.first_ids["orders"] + len(self.orders.rows)
        department = self.region.centres[(place.id, "department")]
        fields = dict(id=pk, municipality_id=place.id, issuer_id=department, number="", year=moment.year,
                      date=moment.date(), subject=subject, title=title, text="", signatory_id=place.officer,
                      status="signed", signed_at=moment, corrects_id=None, prepared_by_id=place.officer,
                      created_at=moment)
        self.orders.add(**fields)
        self.order_history.add(**fields, history_date=moment, history_type="+", history_user_id=place.officer)
        for position, item in enumerate(items, start=1):
            self.items.add(id=self.first_ids["items"] + len(self.items.rows), order_id=pk, position=position, **item)
        return pk

    def grant(self, life: ApplicationLife, moment: datetime, officer: int) -> None:
        """The order step approved: the order granting the status, and the site in the register."""
        from platforms.register import add_years

        application = life.case
        starts = moment.date()
        ends = add_years(starts, application["term_years"]) - timedelta(days=1)
        action = "extend" if life.extends else "grant"
        name = self.short_names[life.school.id]
        order = self.add_order(life.place, moment, "site_status", f"О присвоении статуса площадки: {name}", [dict(
            action=action, organisation_id=life.school.id, starts_on=starts, ends_on=ends,
            text=f"Присвоить {name} статус площадки по теме «{application['topic']}» на срок "
                 f"{application['term_years']} г.", content_type_id=self.content_types["site_application"],
            object_id=life.key)])
        curator = life.place.methodists[0] if self.random.random() < 0.6 else life.place.methodists[-1]
        site = self.add_site(life.place, life.school, moment, officer, kind=application["kind"], level="municipal",
                             topic=application["topic"], starts_on=starts, ends_on=ends, curator_id=curator,
                             application_id=life.key, granted_by_id=order,
                             continues_id=life.extends["id"] if life.extends else None)
        if life.extends:
            SiteTermLife(self, life.extends, life.school, moment).save_site(moment, officer, status="extended")
        SiteTermLife(self, site, life.school, moment).live()

    def revoke_if_failed(self, term: SiteTermLife, report: dict, moment: datetime) -> bool:
        """Half of the failed or overdue reports lead to the department's revocation order within a month."""
        if self.random.random() < 0.5:
            return False
        revoked = moment + timedelta(days=self.random.uniform(5, 30))
        if revoked > self.now or term.site["status"] != "active":
            return False
        place, site = term.place, term.site
        name = self.short_names[site["organisation_id"]]
        order = self.add_order(place, revoked, "site_revocation", f"О лишении статуса площадки: {name}", [dict(
            action="revoke", organisation_id=site["organisation_id"], starts_on=revoked.date(), ends_on=None,
            text=f"Лишить {name} статуса площадки: годовой отчёт не принят.",
            content_type_id=self.content_types["site"], object_id=site["id"])])
        term.save_site(revoked, place.officer, status="revoked", revoked_by_id=order)
        self.removed_reports.update(key for key in site.get("reports", [])
                                    if self.reports.rows[key][self.reports.column("status")] in ("scheduled", "open"))
        term.end_by_revocation(revoked)
        term.event("closed", revoked, place.officer, None, "", "")
        return True

    def reports_of(self, site: dict) -> list[dict]:
        """`schedule_reports`: a municipal site's report for every year of the term (bulk-created)."""
        from platforms.register import add_years, month_before

        if site["level"] != "municipal":
            return []
        reports = []
        starts, ends = site["starts_on"], site["ends_on"]
        for year in range(1, max(1, ends.year - starts.year) + 1):
            due = min(add_years(starts, year), ends)
            key = len(self.reports.rows)
            report = dict(id=self.first_ids["reports"] + key, site_id=site["id"], year_of_term=year,
                          opens_on=month_before(due), due_on=due, status="scheduled", key=key)
            self.reports.add(**{name: value for name, value in report.items() if name != "key"})
            site.setdefault("reports", []).append(key)
            reports.append(report)
        return reports

    def update_report(self, report: dict, moment: datetime, actor: int | None, **changes) -> None:
        report.update(changes)
        row = self.reports.rows[report["key"]]
        for name, value in changes.items():
            row[self.reports.column(name)] = value
        if actor is not None:  # the timers' updates write no history record
            self.report_history.add(**{name: row[self.reports.column(name)] for name in self.reports.index},
                                    history_date=moment, history_type="~", history_user_id=actor)

    # Writing

    def generate(self, clock: Clock) -> dict[str, int]:
        self.prepare()
        self.simulate()
        clock.lap(f"sites: {len(self.applications.rows):,} applications, {len(self.sites.rows):,} sites, "
                  f"{len(self.reports.rows):,} reports simulated")
        self.finish_ids()
        written = self.write(clock)
        self.analyze()
        return written

    def finish_ids(self) -> None:
        from .site_writing import finish_site_ids

        finish_site_ids(self)

    def labelled_tables(self) -> list[tuple[str, Table]]:
        names = {"applications": "site applications", "sites": "sites in the register", "reports": "annual reports",
                 "orders": "orders", "items": "order items", "journals": "order journals",
                 "protocols": "council protocols", "programmes": "internship programmes",
                 "internships": "internships", "tasks": "Viewflow tasks (sites)", "events": "case events (sites)"}
        return [(names.get(name, name.replace("_", " ") + " (sites)"), table) for name, table in self.tables.items()]
