"""The bare reference flow of the throughput benchmark: the shape of an ИОМ's agreement with nothing else.

Viewflow's own `Process` and `Task`, a start, three approvals assigned to one named person, an end; no
case, no chain, no timers, no history, no notifications. `bench.run` drives it the way
`workflows.services` drives a review step: the task's activation under the flow's lock, started and
executed.
"""
from django.http import HttpResponse
from viewflow import this
from viewflow.workflow import flow

from accounts.models import User


def no_view(request, **kwargs):
    return HttpResponse()


class BareApprovalFlow(flow.Flow):
    process_title = "Bare approval"

    start = flow.StartHandle(this.start_process).Next(this.first_approval)
    first_approval = flow.View(no_view).Assign(this.approver).Next(this.second_approval)
    second_approval = flow.View(no_view).Assign(this.approver).Next(this.third_approval)
    third_approval = flow.View(no_view).Assign(this.approver).Next(this.end)
    end = flow.End()

    def start_process(self, activation, approver: User):
        activation.process.data = {"approver": approver.pk}
        return activation.process

    def approver(self, activation) -> User:
        return User.objects.get(pk=activation.process.data["approver"])
