"""Real ids for the simulated sites' rows (`bench.sites`), as `bench.writing` gives them to routes and materials:
processes, applications (numbered `ПЛЩ-<year>-<000123>` in the order they were drafted) and tasks in the order
things happened; the rows naming an application by its temporary key remapped; orders numbered from their
municipality's journal by date."""
from __future__ import annotations

from collections import defaultdict

PROBE = 987654321  # a pk no row has, to read a model's URL pattern from its `get_absolute_url`


def url_pattern(model, fallback: str) -> str:
    from django.urls import NoReverseMatch

    try:
        return model(pk=PROBE).get_absolute_url().replace(str(PROBE), "%d")
    except NoReverseMatch:  # an installation without the sites' pages: the bell's links are not followed
        return fallback


def finish_site_ids(sites) -> None:
    from platforms.models import Site, SiteApplication

    process_id = sites.number_rows(sites.flow_processes, lambda process: process["created"],
                                   sites.first_free(sites.models["Process"]))
    application_id, application_number = sites.number_cases(sites.applications, sites.application_history,
                                                            SiteApplication.number_prefix, process_id)
    site_ids = [sites.first_ids["sites"] + key for key in range(len(sites.sites.rows))]
    cases = {"site_application": (application_id, application_number, url_pattern(SiteApplication, "/sites/applications/%d/")),
             "site": (site_ids, [""] * len(site_ids), url_pattern(Site, "/sites/register/%d/"))}
    for process in sites.flow_processes:
        sites.processes.add(id=process_id[process["key"]], flow_class=process["flow"], status=process["status"],
                            created=process["created"], finished=process["finished"], data=process["data"],
                            artifact_content_type_id=sites.content_types[process["kind"]],
                            artifact_object_id=cases[process["kind"]][0][process["case"]])
    task_id = sites.finish_tasks(process_id)
    sites.finish_timelines(process_id, task_id, cases)
    for table in (sites.stages, sites.files, sites.protocols):
        sites.remap(table, application_id=application_id)
    files = sites.files
    for row in files.rows:
        row[files.column("file")] = (f"sites/{row[files.column('application_id')]}/v{row[files.column('version')]}/"
                                     f"{row[files.column('file')]}")
    sites.remap(sites.team, siteapplication_id=application_id)
    sites.remap(sites.sites, application_id=application_id, process_id=process_id)
    sites.finish_history(sites.site_history, application_id=application_id, process_id=process_id)
    sites.finish_history(sites.protocol_history, application_id=application_id)
    items, application_type = sites.items, sites.content_types["site_application"]
    for row in items.rows:
        if row[items.column("content_type_id")] == application_type:
            row[items.column("object_id")] = application_id[row[items.column("object_id")]]
    sites.remap(sites.expert_assignments, object_id=application_id)
    sites.finish_history(sites.expert_assignment_history, object_id=application_id)
    sites.finish_history(sites.review_history)
    for row in sites.grants.rows:
        row[sites.grants.column("object_pk")] = str(application_id[row[sites.grants.column("object_pk")]])
    reports = sites.reports
    reports.rows = [row for key, row in enumerate(reports.rows) if key not in sites.removed_reports]
    number_orders(sites)
    for name in ("report_history", "internship_history"):
        sites.finish_history(getattr(sites, name))
    for table in (sites.team, sites.members, sites.previous, sites.grants):
        sites.number_plainly(table)


def number_orders(sites) -> None:
    """Each municipality's journal numbers its orders of a year by date (`orders.services.next_number`)."""
    orders, history = sites.orders, sites.order_history
    column = orders.column
    by_journal = defaultdict(list)
    for row in orders.rows:
        by_journal[(row[column("municipality_id")], row[column("year")])].append(row)
    numbers = {}
    for (municipality, year), rows in sorted(by_journal.items()):
        rows.sort(key=lambda row: (row[column("signed_at")], row[column("id")]))
        for n, row in enumerate(rows, start=1):
            numbers[row[column("id")]] = row[column("number")] = f"{n}-од"
        sites.journals.add(id=sites.first_ids["journals"] + len(sites.journals.rows), municipality_id=municipality,
                           year=year, last_number=len(rows), suffix="-од")
    for row in history.rows:
        row[history.column("number")] = numbers[row[history.column("id")]]
    sites.finish_history(history)
