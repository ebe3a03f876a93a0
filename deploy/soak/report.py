"""What the soak run left in the database, against what the load script saw and the SMTP sink received.

    python deploy/soak/report.py OUTCOME.json   (the orchestrator writes it: decisions and mails)

Decisions: every task the API answered 200 to `complete` must have exactly one decision on the timeline,
and no task may have two. Notices: every notice that was to be e-mailed must be sent, and the sink must
hold exactly one e-mail per sent notice (same recipient, same text), none more.
"""
from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(path: str) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db.models import Count

    from workflows.mail import absolute_url
    from workflows.models import CaseEvent, Notification

    outcome = json.loads(Path(path).read_text())
    decisions = CaseEvent.objects.filter(kind__in=[CaseEvent.Kind.APPROVED, CaseEvent.Kind.RETURNED,
                                                   CaseEvent.Kind.REJECTED], task__isnull=False)
    per_task = dict(decisions.values_list("task_id").annotate(n=Count("pk")).values_list("task_id", "n"))
    accepted = set(outcome["accepted_tasks"])
    in_doubt = set(outcome["in_doubt_tasks"]) - accepted

    mailed = Notification.objects.exclude(mail_status=Notification.Mail.NONE).select_related("recipient")
    expected = Counter((notice.recipient.email, f"{notice.message}\n\n{absolute_url(notice.url)}".strip())
                       for notice in mailed if notice.mail_status == Notification.Mail.SENT)
    received = Counter((to, body) for to, body in outcome["mails"])
    return {
        "decisions_accepted": len(accepted),
        "decisions_recorded_once": sum(1 for task in accepted if per_task.get(task) == 1),
        "decisions_recorded_twice_anywhere": sum(1 for n in per_task.values() if n > 1),
        "decisions_in_doubt_recorded": sum(1 for task in in_doubt if per_task.get(task)),
        "decisions_in_doubt": len(in_doubt),
        "notices_enqueued": mailed.count(),
        "notices_sent": sum(expected.values()),
        "notices_pending": mailed.filter(mail_status=Notification.Mail.PENDING).count(),
        "notices_failed": mailed.filter(mail_status=Notification.Mail.FAILED).count(),
        "emails_received": sum(received.values()),
        "emails_delivered_once": sum(min(n, received[key]) for key, n in expected.items()),
        "emails_duplicated": sum(max(0, n - expected.get(key, 0)) for key, n in received.items()),
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
