"""Writing the simulated region: real ids in the order things happened, then PostgreSQL's COPY per table."""
from __future__ import annotations

from collections.abc import Callable

from .clock import Clock
from .copy import Table


class RegionWriting:
    """The second half of `bench.region.Region`: numbering the rows it simulated and writing them."""

    def first_free(self, model) -> int:
        return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1

    def finish_ids(self) -> None:
        """Real ids in the order things happened; temporary keys replaced; case numbers per prefix and year."""
        self.case_numbers: dict[tuple[str, int], int] = {}
        process_id = self.number_rows(self.flow_processes, lambda process: process["created"],
                                      self.first_free(self.models["Process"]))
        route_id, route_number = self.number_cases(self.routes, self.route_history, "ИОМ", process_id)
        material_id, material_number = self.number_cases(self.materials, self.material_history,
                                                         self.models["Material"].number_prefix, process_id)
        cases = {"route": (route_id, route_number, "/routes/%d/"),
                 "material": (material_id, material_number, "/materials/%d/")}
        for process in self.flow_processes:
            ids = cases[process["kind"]][0]
            self.processes.add(id=process_id[process["key"]], flow_class=process["flow"], status=process["status"],
                               created=process["created"], finished=process["finished"], data=process["data"],
                               artifact_content_type_id=self.content_types[process["kind"]],
                               artifact_object_id=ids[process["case"]])
        task_id = self.finish_tasks(process_id)
        self.finish_timelines(process_id, task_id, cases)
        self.number_plainly(self.activities)
        self.remap(self.activities, route_id=route_id)
        self.finish_material_rows(material_id)
        for table in (self.users, self.assignments, self.grants, self.previous):
            self.number_plainly(table)

    @staticmethod
    def number_rows(rows: list, when: Callable, base: int) -> list[int]:
        """Ids from `base` in the order of `when(row)`, indexed by the rows' temporary keys (their positions)."""
        ids = [0] * len(rows)
        for rank, key in enumerate(sorted(range(len(rows)), key=lambda key: when(rows[key]))):
            ids[key] = base + rank
        return ids

    def number_plainly(self, table: Table) -> None:
        """Ids in the order the rows were added."""
        pk, first = table.column("id"), self.first_free(table.model)
        for n, row in enumerate(table.rows):
            row[pk] = first + n

    @staticmethod
    def remap(table: Table, **maps: list) -> None:
        """Replace the temporary keys in the named columns (those not empty) by what `maps` give for them."""
        columns = [(table.column(name), mapping) for name, mapping in maps.items()]
        for row in table.rows:
            for column, mapping in columns:
                if row[column] is not None:
                    row[column] = mapping[row[column]]

    def finish_history(self, history: Table, **maps: list) -> None:
        """History records in the order of their dates, with real ids; `maps` as in `remap`."""
        date, pk = history.column("history_date"), history.column("history_id")
        history.rows.sort(key=lambda row: row[date])
        first = self.first_free(history.model)
        for rank, row in enumerate(history.rows):
            row[pk] = first + rank
        self.remap(history, **maps)

    def number_cases(self, table: Table, history: Table, prefix: str,
                     process_id: list[int]) -> tuple[list[int], list[str]]:
        """Case ids and numbers (`<prefix>-<year>-<000123>`) in the order the cases were created, in their
        rows and history records, whose `id` and `number` hold the case's temporary key until now."""
        created, pk = table.column("created_at"), table.column("id")
        case_id = self.number_rows(table.rows, lambda row: row[created], self.first_free(table.model))
        number = [""] * len(case_id)
        for key in sorted(range(len(case_id)), key=case_id.__getitem__):
            year = table.rows[key][created].year
            value = self.case_numbers[(prefix, year)] = self.case_numbers.get((prefix, year), 0) + 1
            number[key] = f"{prefix}-{year}-{value:06d}"
        table.rows.sort(key=lambda row: case_id[row[pk]])
        self.remap(table, id=case_id, number=number, process_id=process_id)
        self.finish_history(history, id=case_id, number=number, process_id=process_id)
        return case_id, number

    def finish_tasks(self, process_id: list[int]) -> list[int]:
        """Task ids in the order the tasks were created; a parallel branch's token `(split, n)` becomes
        `start/<split id>_<n>`."""
        tasks = self.tasks
        created, process, pk, token = (tasks.column(name) for name in ("created", "process_id", "id", "token"))
        task_id = self.number_rows(tasks.rows, lambda row: row[created], self.first_free(tasks.model))
        for key, row in enumerate(tasks.rows):
            row[pk] = task_id[key]
            row[process] = process_id[row[process]]
            if type(row[token]) is tuple:
                split, branch = row[token]
                row[token] = f"start/{task_id[split]}_{branch}"
        tasks.rows.sort(key=lambda row: row[pk])
        self.remap(self.previous, from_task_id=task_id, to_task_id=task_id)
        return task_id

    def finish_timelines(self, process_id: list[int], task_id: list[int], cases: dict) -> None:
        """Case events and notifications in the order of their moments; a notification names its case by number."""
        events = self.events
        moment = events.column("created_at")
        events.rows.sort(key=lambda row: row[moment])
        self.number_plainly(events)
        self.remap(events, process_id=process_id, task_id=task_id)
        notes = self.notifications
        message, url, moment = notes.column("message"), notes.column("url"), notes.column("created_at")
        notes.rows.sort(key=lambda row: row[moment])
        self.number_plainly(notes)
        for row in notes.rows:
            process = self.flow_processes[row[url]]
            ids, numbers, path = cases[process["kind"]]
            row[message] = row[message].replace("\x00", numbers[process["case"]])[:500]
            row[url] = path % ids[process["case"]]

    def finish_material_rows(self, material_id: list[int]) -> None:
        """Files (stored under the material's id), experts, reviews and the experts' grants of each material."""
        for table in (self.material_files, self.material_file_history):
            material, version, path = (table.column(name) for name in ("material_id", "version", "file"))
            for row in table.rows:
                row[path] = f"materials/{material_id[row[material]]}/v{row[version]}/{row[path]}"
        self.remap(self.material_files, material_id=material_id)
        self.remap(self.expert_assignments, object_id=material_id)
        self.finish_history(self.material_file_history, material_id=material_id)
        self.finish_history(self.expert_assignment_history, object_id=material_id)
        self.finish_history(self.review_history)
        content_type, obj = self.grants.column("content_type_id"), self.grants.column("object_pk")
        for row in self.grants.rows:
            if row[content_type] == self.content_types["material"]:
                row[obj] = str(material_id[row[obj]])

    def labelled_tables(self) -> list[tuple[str, Table]]:
        return [("users", self.users), ("role assignments", self.assignments),
                ("guardian object permissions", self.grants), ("routes (ИОМ)", self.routes),
                ("route activities", self.activities), ("route history records", self.route_history),
                ("materials", self.materials), ("material history records", self.material_history),
                ("material files", self.material_files), ("material file history", self.material_file_history),
                ("expert assignments", self.expert_assignments),
                ("expert assignment history", self.expert_assignment_history),
                ("reviews", self.reviews), ("review history", self.review_history),
                ("Viewflow processes", self.processes), ("Viewflow tasks", self.tasks),
                ("task links (previous)", self.previous), ("case events", self.events),
                ("notifications", self.notifications)]

    def write(self, clock: Clock) -> dict[str, int]:
        from django.core.management.color import no_style
        from django.db import transaction

        from workflows.models import CaseCounter

        written = {}
        with transaction.atomic():  # foreign keys are checked at the commit, once everything is there
            for label, table in self.labelled_tables():
                written[label] = table.write()
                table.rows = []
                clock.lap(f"COPY {written[label]:>9,} {label}")
        clock.lap("foreign keys checked, committed")
        for (prefix, year), value in self.case_numbers.items():
            CaseCounter.objects.update_or_create(prefix=prefix, year=year, defaults={"value": value})
        models = [table.model for label, table in self.labelled_tables()]
        with self.connection.cursor() as cursor:
            for statement in self.connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        return written

    def analyze(self) -> None:
        """What autovacuum would have done on a live database: statistics and the visibility map."""
        with self.connection.cursor() as cursor:
            for label, table in self.labelled_tables():
                cursor.execute(f"VACUUM (ANALYZE) {self.connection.ops.quote_name(table.name)}")
