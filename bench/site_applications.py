"""Applications for a site's status, simulated for `bench.sites` as `platforms.flows.SiteApplicationFlow`
runs them.

The flow is the material's up to the experts' round (completeness check with returns and rejections,
experts assigned and scoring in parallel, declines and replacements, a further expert on a wide gap),
so the life is `bench.materials.MaterialLife` with the application's own rows; after the round the
methodist records the council's protocol (grant, refuse, or return for revision — the revised project
goes back to the same experts), and the department's officer issues the order that grants the status
(`orders.services.issue_order` + `platforms.register.enter_site`, which `bench.sites` writes) or refuses it.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from .lives import CaseLife, Step
from .materials import MaterialLife
from .vocabulary import NEVER

STAGES = [("Подготовительный: нормативная база, команда проекта", 0, 4),
          ("Основной: апробация моделей и практик", 4, 20),
          ("Обобщающий: анализ результатов и диссеминация опыта", 20, 24)]
PROTOCOL_TEXT = {"grant": "Рекомендовать присвоить статус площадки на заявленный срок.",
                 "refuse": "Проект не рекомендован: новизна и результаты не обоснованы.",
                 "return": "Вернуть заявку на доработку: уточнить этапы и ожидаемые результаты."}


class ApplicationLife(MaterialLife):
    """One application of a school's director to one call."""

    kind = "site_application"

    def __init__(self, sites, school, call: dict, created: datetime, kind: str, topic: str, term: int,
                 extends: dict | None = None):
        facts = sites.application_flow
        CaseLife.__init__(self, sites, school, created, sites.applications, sites.application_history,
                          facts.refs, facts.flow_ref)
        self.facts, self.sites, self.call = facts, sites, call
        # The materials' life reads its chain and criteria from the place: the application's chain, the call's.
        chain = sites.chains[school.municipality.id]
        self.place = replace(school.municipality, criteria=call["criteria"], material_chain=chain["steps"],
                             material_chain_json=chain["json"], material_chain_version=chain["version"])
        self.author = school.director
        self.quality = self.rnd.uniform(4, 9.5)
        self.assignments, self.totals, self.files, self.granted = [], {}, 0, set()
        self.extends = extends
        self.add_case(
            author_id=self.author, organisation_id=school.id, municipality_id=self.place.id, process_id=None,
            current_step="", assignee_id=None, due_at=None, chain_version=None, chain_steps="[]", created_at=created,
            updated_at=created, status="draft", call_id=call["id"], kind=kind, topic=topic,
            relevance=f"Тема «{topic}» отвечает задачам муниципальной программы развития образования.",
            goals="Создать и апробировать модель, обобщить и распространить опыт в муниципалитете.",
            tasks="Разработать программу; провести апробацию; подготовить методические рекомендации.",
            expected_results="Модель, методические рекомендации, не менее трёх семинаров для педагогов.",
            resources="Кадровые: проектная команда; материально-технические: оборудование школы.",
            term_years=term, partners="ФГБОУ ВО «Педагогический университет»" if self.rnd.random() < 0.4 else "",
            extends_id=extends["id"] if extends else None, version=1, expertise_round=0)
        start = created.date()
        for position, (title, first, last) in enumerate(STAGES[:2 + (term > 1)], start=1):
            sites.stages.add(id=sites.first_ids["stage"] + len(sites.stages.rows), application_id=self.key,
                             position=position, title=title, starts_on=start + timedelta(weeks=first * term),
                             ends_on=start + timedelta(weeks=last * term - 1), results="")
        for teacher in self.rnd.sample(school.teachers, min(3, len(school.teachers))):
            sites.team.add(siteapplication_id=self.key, user_id=teacher)
        self.add_file(created)

    def add_file(self, moment: datetime) -> None:
        """The project's file of the current version; its path gets the application's id once ids are given."""
        version = self.case["version"]
        self.files += 1
        name = "проект.pdf" if self.files == 1 else f"проект-{self.files}.pdf"
        self.sites.files.add(id=self.sites.first_ids["file"] + len(self.sites.files.rows), application_id=self.key,
                             version=version, file=f"{self.rnd.getrandbits(128):032x}/{name}", name=name,
                             size=300_000 + self.rnd.randrange(4_000_000), uploaded_at=moment)

    def submit(self, moment: datetime) -> Step:
        """Never after the call's deadline (`services.validate_call_accepts`)."""
        return super().submit(min(moment, self.call["deadline"] - timedelta(hours=1)))

    def decide(self, at: Step) -> Step | None:
        """After the experts' round the council decides (the materials' life calls its decision so)."""
        return self.protocol(at)

    def protocol(self, at: Step) -> Step | None:
        """The methodist, as the council's secretary, records the protocol; a return sends the project back
        to the applicant, otherwise the department's order step follows."""
        title = self.facts.titles["protocol"]
        task = self.task("protocol", "HUMAN", at.moment, at.task, data={"step_title": title},
                         **self.queue("methodist", "municipality"))
        self.show_step(at, title, None, None, "protocol")
        recorded = self.later(at.moment, 1, 14) if self.rnd.random() > 0.01 else NEVER
        methodist = self.claimer("methodist", "municipality")
        if self.still_open(task, at.moment, recorded, None, methodist):
            return None
        recommendation = {"approve": "grant", "return": "return", "reject": "refuse"}[self.verdict()]
        said = self.sites.add_protocol(self, recommendation, recorded, methodist, PROTOCOL_TEXT[recommendation])
        self.set_task(task, owner_id=methodist, status="DONE", started=recorded, finished=recorded)
        self.event("returned" if recommendation == "return" else "approved", recorded, methodist, task, title,
                   f"{said}. {PROTOCOL_TEXT[recommendation]}")
        self.notify([self.author], self.sites.texts["protocol"] % {"case": "\x00", "protocol": said}, recorded)
        switch = self.done("after_protocol", "SWITCH", recorded, task, started=False)
        at = Step(recorded, switch, methodist)
        if recommendation == "return":
            return self.resubmission("revise", at, "returned")
        self.order(at, recommendation)
        return None

    def order(self, at: Step, recommendation: str) -> None:
        """`start_order` and the department's order step: the officer grants the status by order (the council
        recommended it) or refuses it."""
        at = Step(at.moment, self.done("start_order", "FUNCTION", at.moment, at.task), at.actor)
        self.start_round(self.steps("decision"))
        for position, step in enumerate(self.steps("decision")):
            if (reviewed := self.review_step("order", step, at, None)) is None:
                return
            human, at = reviewed
            decision = "approve" if recommendation == "grant" and self.rnd.random() < 0.97 else "reject"
            self.data["round"]["decision"] = decision
            if decision == "reject":
                self.announce("rejected", at.moment, at.actor, human, step["title"], PROTOCOL_TEXT["refuse"])
                refuse = self.done("refuse", "FUNCTION", at.moment, at.task)
                self.end(at.moment, "refused", at.actor)
                self.done("refused_end", "END", at.moment, refuse)
                return
            self.advance_round(position)
            self.announce("approved", at.moment, at.actor, human, step["title"])
        grant = self.done("grant", "FUNCTION", at.moment, at.task)
        self.end(at.moment, "granted", at.actor)
        self.done("granted_end", "END", at.moment, grant)
        self.sites.grant(self, at.moment, at.actor)
