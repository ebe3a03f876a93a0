"""The demo register beyond the municipality's own competition: statuses granted elsewhere, recorded with
the body and document that granted them [000:314-324], [002:177], [004:55], and the annual reports of the
granted sites through the years of their terms so far (opened by their timers, sent, reviewed)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Organisation
from platforms.models import AnnualReport, Site, SiteKind, SiteLevel
from platforms.register import record_external
from platforms.reports import revoke_by_order, review_report, submit_report

from .cases import Cast


@dataclass(frozen=True)
class SiteSeed:
    """A status granted outside the municipality: at its second school (`school2`) or its third organisation."""

    workplace: int  # the position of the organisation in the municipality's seed list
    kind: str
    level: str
    topic: str
    issuing_body: str
    issuing_document: str
    started: date
    years: int


SEEDS = {
    "tomsk": [
        SiteSeed(1, SiteKind.INNOVATION, SiteLevel.REGIONAL, "Проектная деятельность в основной школе",  # [000:316]
                 "Департамент общего образования Томской области",
                 "Распоряжение о присвоении статуса региональной инновационной площадки", date(2024, 9, 1), 3),
        SiteSeed(2, SiteKind.BASE, SiteLevel.REGIONAL, "Ранняя профориентация дошкольников",  # [000:319]
                 "Томский государственный педагогический университет (ТГПУ)",
                 "Договор о базовой площадке ТГПУ", date(2023, 9, 1), 5),
    ],
    "novotroitsk": [
        SiteSeed(1, SiteKind.INNOVATION, SiteLevel.REGIONAL, "Школа — центр воспитания гражданственности",
                 "Министерство образования Оренбургской области",
                 "Приказ о региональных инновационных площадках", date(2022, 9, 1), 3),  # its term is over
    ],
    "slavyansk": [
        SiteSeed(1, SiteKind.INNOVATION, SiteLevel.REGIONAL, "Сельская школа как центр инновационного поиска",
                 "Министерство образования, науки и молодёжной политики Краснодарского края",
                 "Приказ о присвоении статуса краевой инновационной площадки по итогам конкурса «Инновационный "
                 "поиск»", date(2025, 1, 15), 3),  # [002:177]
    ],
    "tyumen": [
        SiteSeed(1, SiteKind.PILOT, SiteLevel.FEDERAL, "Апробация модели наставничества в образовательной организации",
                 "Министерство просвещения Российской Федерации",
                 "Распоряжение о федеральных инновационных площадках", date(2024, 1, 10), 4),
    ],
    "krasnoyarsk": [
        SiteSeed(2, SiteKind.BASE, SiteLevel.REGIONAL, "Базовое учреждение дополнительного образования",  # [004:55]
                 "Министерство образования Красноярского края",
                 "Приказ об определении базовых учреждений", date(2024, 9, 1), 3),
    ],
}


def organisations_of(cast: Cast) -> list[Organisation]:
    """The municipality's organisations in the order of the seed file: the school, the second one, the third."""
    centre_kinds = (Organisation.Kind.METHODICAL_CENTRE, Organisation.Kind.DEPARTMENT)
    return list(Organisation.objects.filter(municipality=cast.municipality).exclude(kind__in=centre_kinds)
                .order_by("pk"))


def enter_outside(cast: Cast) -> None:
    """The seed's regional and federal statuses, entered by the methodist who curates them; a term already
    over closes by its timer."""
    organisations = organisations_of(cast)
    for seed in SEEDS[cast.municipality.slug]:
        organisation = organisations[min(seed.workplace, len(organisations) - 1)]
        if Site.objects.filter(organisation=organisation, topic=seed.topic).exists():
            continue
        ends_on = seed.started.replace(year=seed.started.year + seed.years) - timedelta(days=1)
        site = record_external(cast["methodist"], organisation=organisation, kind=seed.kind, level=seed.level,
                               topic=seed.topic, starts_on=seed.started, ends_on=ends_on,
                               issuing_body=seed.issuing_body,
                               issuing_document=f"{seed.issuing_document} от {seed.started.strftime('%d.%m.%Y')}",
                               curator=cast["methodist"])
        fire_timers(site)


def fire_timers(site: Site) -> int:
    """The site's timers that are due fire as the dispatcher would (`viewflow.workflow.timers`), the site's only:
    its term began in the past, so its first reports have opened (and may be overdue)."""
    fired = 0
    while True:
        task = (Task.objects.filter(process_id=site.process_id, flow_task_type="TIMER", status=STATUS.SCHEDULED,
                                    scheduled__lte=timezone.now()).order_by("scheduled", "pk").first())
        if task is None:
            return fired
        with task.activation() as activation:
            activation.start()
            activation.execute()
        fired += 1


REPORT_TEXT = ("Проведены три муниципальных семинара и открытые уроки, разработаны методические рекомендации; "
               "в проекте участвуют 14 педагогов.")


def live_reports(cast: Cast, site: Site, steps: tuple[str, ...]) -> None:
    """The reports of the years due so far, one step each (`accept`, `return`, `submit`, `fail`: the department
    then revokes the status by order); a report with no step is left open or overdue."""
    fire_timers(site)
    director, curator = cast["director"], site.curator
    for step in steps:
        report = site.reports.filter(status__in=(AnnualReport.Status.OPEN, AnnualReport.Status.OVERDUE)).order_by(
            "year_of_term").first()
        if report is None:
            return
        submit_report(report, director, text=REPORT_TEXT, results="Модель апробирована в 5–9 классах.")
        if step == "accept":
            review_report(report, curator, "accept")
        elif step == "return":
            review_report(report, curator, "return", "Приложите программы семинаров и отзывы участников.")
        elif step == "fail":
            review_report(report, curator, "fail", "Мероприятия для педагогов муниципалитета не проведены.")
            revoke_by_order(site, cast["officer"], reason="Годовой отчёт о работе площадки не принят.")
            return
        fire_timers(site)
