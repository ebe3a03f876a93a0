"""The soak run's traffic: teachers drawing up and submitting routes and materials, reviewers deciding
whatever the task API offers them (two threads per reviewer, so some decisions race), over two servers.

A client sends to its own server and, when that one refuses connections, to the other, as a proxy would.
A request cut off mid-way is "in doubt": for a decision the task is remembered, and the survivor is asked
again (it answers 409 if the first attempt was recorded).
"""
from __future__ import annotations

import random
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

import requests

MATERIAL = {"title": "Проектная деятельность на уроках", "kind": "development", "subject": "математика",
            "level": "basic", "annotation": "Серия уроков с проектами", "keywords": "проект"}
PDF = (b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>>"
       b" endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")


class InDoubt(Exception):
    """The connection broke after the request was sent: it may or may not have been carried out."""


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[int, dict[int, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    broken: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    accepted: set[int] = field(default_factory=set)
    in_doubt: set[int] = field(default_factory=set)
    conflicts: int = 0  # 409: someone decided first
    accepted_twice: int = 0  # a second 200 for one task: must stay 0

    def answered(self, kind: str, port: int, status: int, seconds: float) -> None:
        with self.lock:
            self.latencies[kind].append(seconds * 1000)
            self.statuses[port][status] += 1

    def cut_off(self, port: int) -> None:
        with self.lock:
            self.broken[port] += 1


class Client:
    def __init__(self, token: str, ports: list[int], home: int, stats: Stats, route: dict) -> None:
        self.route = route  # the body of a new route, as the API tests send it
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Token {token}"
        self.ports = [ports[home % len(ports)], *[p for p in ports if p != ports[home % len(ports)]]]
        self.down: set[int] = set()
        self.stats = stats

    def call(self, kind: str, method: str, path: str, **kwargs) -> requests.Response | None:
        for port in [p for p in self.ports if p not in self.down]:
            started = time.perf_counter()
            try:
                response = self.session.request(method, f"http://127.0.0.1:{port}{path}", timeout=30, **kwargs)
            except requests.ConnectionError as error:
                self.stats.cut_off(port)
                self.down.add(port)
                if "refused" not in str(error).lower():
                    raise InDoubt(path) from error
                continue
            self.stats.answered(kind, port, response.status_code, time.perf_counter() - started)
            return response
        return None


def teacher(client: Client, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            if random.random() < 0.7:
                created = client.call("route: draw up", "POST", "/api/routes/", json=client.route)
                if created is not None and created.status_code == 201:
                    client.call("route: submit", "POST", f"/api/routes/{created.json()['id']}/submit/")
            else:
                created = client.call("material: draw up", "POST", "/api/materials/", data=MATERIAL,
                                      files=[("files", ("разработка.pdf", PDF, "application/pdf"))])
                if created is not None and created.status_code == 201:
                    client.call("material: submit", "POST", f"/api/materials/{created.json()['id']}/submit/")
            client.call("routes: list", "GET", "/api/routes/")
        except InDoubt:
            pass
        stop.wait(random.uniform(0.2, 0.8))


def reviewer(client: Client, stop: threading.Event) -> None:
    skip: set[int] = set()
    while not stop.is_set():
        try:
            listed = client.call("tasks: list", "GET", "/api/tasks/")
            rows = listed.json()["results"] if listed is not None and listed.status_code == 200 else []
            for row in rows:
                if stop.is_set() or not any(action["url"].endswith("/complete/") for action in row["actions"]) or row["id"] in skip:
                    continue
                decide(client, row["id"], skip)
        except InDoubt:
            pass
        stop.wait(random.uniform(0.1, 0.4))


def decide(client: Client, task: int, skip: set[int]) -> None:
    for _attempt in range(2):
        try:
            answer = client.call("task: decide", "POST", f"/api/tasks/{task}/complete/", json={"decision": "approve"})
        except InDoubt:
            with client.stats.lock:
                client.stats.in_doubt.add(task)
            continue  # ask the other server
        if answer is None:
            return
        with client.stats.lock:
            if answer.status_code == 200:
                client.stats.accepted_twice += task in client.stats.accepted
                client.stats.accepted.add(task)
            elif answer.status_code == 409:
                client.stats.conflicts += 1
        if answer.status_code not in (200, 409):
            skip.add(task)
        return


def start(tokens: dict, ports: list[int], stats: Stats, stop: threading.Event) -> list[threading.Thread]:
    def client(token: str, n: int) -> Client:
        return Client(token, ports, n, stats, tokens["route"])

    threads = [threading.Thread(target=teacher, args=(client(token, n), stop), daemon=True)
               for n, token in enumerate(tokens["teachers"][:6])]
    threads += [threading.Thread(target=reviewer, args=(client(token, n), stop), daemon=True)
                for n, token in enumerate(list(tokens["reviewers"].values()) * 2)]
    for thread in threads:
        thread.start()
    return threads


def warm_up(tokens: dict, ports: list[int]) -> None:
    """A few reads on every server first, so that each gunicorn worker has loaded the site before the clock
    starts: a cold worker's first answers take seconds."""
    session = requests.Session()
    session.headers["Authorization"] = f"Token {tokens['teachers'][0]}"
    for port in ports:
        for path in ["/api/routes/", "/api/tasks/", "/api/materials/"] * 3:
            session.get(f"http://127.0.0.1:{port}{path}", timeout=60)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] if ordered else 0.0
