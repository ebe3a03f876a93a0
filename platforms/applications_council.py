"""The expert council's protocol and the department's order on an application for a site's status
(domain.md §2.4; [002:246], [002:250] orders are signed by the head of the department)."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.history import acting_as
from accounts.models import Role, RoleAssignment, User
from orders.models import Order, OrderItem
from orders.services import issue_order
from scoring.services import experts_of
from workflows.models import CaseEvent, Decision
from workflows.notifications import notify
from workflows.services import Refused, active_task, can_act_on, complete_task, decide, lock_case_at

from .models import CouncilProtocol, Site, SiteApplication
from .register import add_years, enter_site

Status = SiteApplication.Status
Recommendation = CouncilProtocol.Recommendation


def council_members(application: SiteApplication) -> QuerySet[User]:
    """Who may sit on the council: the municipality's experts, methodists and officers, none of them an
    applicant or of the project's team."""
    staff = RoleAssignment.objects.active().filter(role__in=(Role.METHODIST, Role.OFFICER),
                                                   municipality=application.municipality)
    return User.objects.filter(Q(pk__in=experts_of(application.municipality).values("pk"))
                               | Q(pk__in=staff.values("user_id")), is_active=True).exclude(
        pk__in=[person.pk for person in application.authors()]).order_by("last_name", "first_name", "pk")


def acting_at(application: SiteApplication, user, node: str):
    """The open step `node` if `user` may act on it; refused (403) before any body is judged."""
    task = active_task(application, node)
    if not can_act_on(task, user):
        raise Refused(_("You may not act on this step of the application."), "not_your_step")
    return task


def validate_protocol(application: SiteApplication, members: list[User], votes: tuple[int, int, int],
                      recommendation: str, text: str) -> None:
    errors = {}
    allowed = set(council_members(application).filter(pk__in=[member.pk for member in members]))
    if not members:
        errors["members_present"] = _("Name the members of the council present.")
    elif any(member not in allowed for member in members):
        errors["members_present"] = _("Only experts, methodists and officers of the municipality sit on the "
                                      "council; never the applicant or the project's team.")
    if any(vote is None or vote < 0 for vote in votes):
        errors["votes_for"] = _("Give the votes for, against and abstained (0 or more).")
    elif sum(votes) > len(members):
        errors["votes_for"] = _("%(votes)d votes were cast, but only %(members)d members are present.") % {
            "votes": sum(votes), "members": len(members)}
    if recommendation not in Recommendation.values:
        errors["recommendation"] = _("Choose the council's recommendation.")
    elif recommendation == Recommendation.RETURN and not text.strip():
        errors["text"] = _("Say what the applicant must revise.")
    if errors:
        raise ValidationError(errors)


def record_protocol(application: SiteApplication, user, *, number: str, date: date, members_present: Iterable[User],
                    votes_for: int, votes_against: int, votes_abstained: int, recommendation: str,
                    text: str = "") -> CouncilProtocol:
    """The council's secretary (a methodist) records its protocol; a recommendation to return sends the
    application back to the director, any other goes to the department's order."""
    task = acting_at(application, user, "protocol")
    members = list(dict.fromkeys(members_present))
    validate_protocol(application, members, (votes_for, votes_against, votes_abstained), recommendation, text)
    if not str(number).strip():
        raise ValidationError({"number": _("Give the protocol's number.")})
    with acting_as(user), transaction.atomic():
        lock_case_at(application, (Status.PROTOCOL,), _("The council's protocol has already been recorded."),
                     "already_recorded")
        protocol = CouncilProtocol.objects.create(
            application=application, number=str(number).strip(), date=date, votes_for=votes_for,
            votes_against=votes_against, votes_abstained=votes_abstained, recommendation=recommendation,
            text=text.strip(), recorded_by=user)
        protocol.members_present.set(members)
        returned = recommendation == Recommendation.RETURN
        said = str(protocol) + ": " + str(protocol.get_recommendation_display())
        complete_task(task, user, CaseEvent.Kind.RETURNED if returned else CaseEvent.Kind.APPROVED,
                      f"{said}. {protocol.text}".strip() if protocol.text else said)
        notify([application.author], _("%(case)s: %(protocol)s") % {"case": application.number, "protocol": said},
               application.get_absolute_url())
    return protocol


def latest_protocol(application: SiteApplication) -> CouncilProtocol | None:
    return application.protocols.order_by("-recorded_at", "-pk").first()


def order_items(application: SiteApplication, starts_on: date) -> list[dict]:
    """The order's one item: the status granted (or extended) to the organisation for the project's term."""
    extension = application.extends_id is not None
    wording = _("To extend the status of %(kind)s «%(topic)s» of %(organisation)s") if extension else _(
        "To grant the status of %(kind)s «%(topic)s» to %(organisation)s")
    return [{"action": OrderItem.Action.EXTEND if extension else OrderItem.Action.GRANT,
             "organisation": application.organisation, "record": application, "starts_on": starts_on,
             "ends_on": add_years(starts_on, application.term_years) - timedelta(days=1),
             "text": wording % {"kind": application.get_kind_display(), "topic": application.topic,
                                "organisation": application.organisation}}]


def grant(application: SiteApplication, user, *, date: date, signatory: User, number: str | None = None,
          starts_on: date | None = None, text: str = "") -> Site:
    """The department grants the status: its order (numbered from the journal unless `number` is given,
    signed at once) enters the site in the register for the project's term."""
    task = acting_at(application, user, "order")
    with acting_as(user), transaction.atomic():
        lock_case_at(application, (Status.ORDER,), _("The department's decision has already been recorded."),
                     "already_decided")
        order = issue_order(
            municipality=application.municipality, subject=Order.Subject.SITE_STATUS,
            title=_("On the status of %(kind)s") % {"kind": application.get_kind_display()}, signatory=signatory,
            prepared_by=user, date=date, number=number or None, text=text,
            items=order_items(application, starts_on or date))
        site = enter_site(application, order)
        decide(task, user, Decision.APPROVE, _("Order No. %(number)s of %(date)s") % {
            "number": order.number, "date": order.date.strftime("%d.%m.%Y")},
            approved=pgettext("decision", "status granted"))
    return site


def refuse(application: SiteApplication, user, reason: str) -> CaseEvent:
    """The department refuses the status, giving its reason."""
    task = acting_at(application, user, "order")
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the refusal.")})
    with acting_as(user):
        return decide(task, user, Decision.REJECT, reason, approved=None)


def granting_order(application: SiteApplication) -> Order | None:
    site = Site.objects.filter(application=application).select_related("granted_by").first()
    return site.granted_by if site else None
