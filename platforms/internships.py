"""What the site's people and teachers do with internships ([000:303], [003:135], [004:61]).

A site of an internship, base or young teachers' kind publishes programmes; a teacher of another
organisation applies, their director agrees, the site's director accepts and, after the programme, records
the outcome. Pages, the API, the demo and tests call these functions; each asks the rules
(`rules_internships`) before it reads the input, records its actor in the history and tells whoever must
act next.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.history import acting_as
from accounts.models import Role, RoleAssignment, User
from accounts.permissions import may
from routes.models import ActivityForm, IndividualRoute, RouteActivity
from workflows.notifications import notify
from workflows.services import CaseConflict, lock_case_at

from .models import Internship, InternshipProgramme, Site, SiteKind
from .rules_internships import may_apply, may_decide

# domain.md §2.4: internships are held at internship and base sites, young teachers' ones included.
HOSTING_KINDS = frozenset({SiteKind.INTERNSHIP, SiteKind.BASE, SiteKind.YOUNG_TEACHERS})
# A place taken stays taken whatever the outcome; a declined or withdrawn application frees it.
LIVE = (Internship.Status.APPLIED, Internship.Status.AGREED, Internship.Status.ACCEPTED,
        Internship.Status.COMPLETED, Internship.Status.NOT_COMPLETED)
WITHDRAWABLE = (Internship.Status.APPLIED, Internship.Status.AGREED)
# The steps and the states each is taken from.
STEP_STATUSES = {
    "agree": (Internship.Status.APPLIED,),
    "accept": (Internship.Status.AGREED,),
    "decline": (Internship.Status.APPLIED, Internship.Status.AGREED),
    "complete": (Internship.Status.ACCEPTED,),
    "withdraw": WITHDRAWABLE,
    "link": (Internship.Status.COMPLETED,),
}
ACTIONS = tuple(STEP_STATUSES)
# The forms of an ИОМ activity an internship may stand for.
FITTING_FORMS = frozenset({ActivityForm.INTERNSHIP, ActivityForm.COURSE, ActivityForm.OTHER})
OUTCOME_STATUS = {
    Internship.Outcome.COMPLETED: Internship.Status.COMPLETED,
    Internship.Outcome.COMPLETED_WITH_PRODUCT: Internship.Status.COMPLETED,
    Internship.Outcome.NOT_COMPLETED: Internship.Status.NOT_COMPLETED,
}


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def hosts_internships(site: Site) -> bool:
    return site.kind in HOSTING_KINDS and site.is_current


def directors_of(organisation_id: int) -> list[User]:
    """Who holds the director's role in the organisation today: whom an application waits for."""
    return list(User.objects.filter(pk__in=RoleAssignment.objects.active().filter(
        role=Role.DIRECTOR, organisation_id=organisation_id).values("user_id")))


def live_count(programme: InternshipProgramme) -> int:
    return programme.internships.filter(status__in=LIVE).count()


@transaction.atomic
def save_programme(programme: InternshipProgramme, actor: User) -> InternshipProgramme:
    """Draw up a new programme of the site (`programme.site` set) or change one.

    The site's director or curator; a new programme starts in the future, and a changed one keeps a place
    for everybody already taken (its row locked against an application counting the places meanwhile).
    """
    if programme.pk:
        stored = InternshipProgramme.objects.select_for_update().select_related("site").get(pk=programme.pk)
        require(may(actor, "manage", stored), _("Only the site's director or curator changes its programmes."))
        programme.site = stored.site
    else:
        require(programme.site_id is not None and may(actor, "add_programme", programme.site),
                _("Only the site's director or curator publishes its programmes."))
        programme.created_by = actor
    errors = programme_errors(programme)
    if errors:
        raise ValidationError(errors)
    with acting_as(actor):
        programme.save()
    return programme


def programme_errors(programme: InternshipProgramme) -> dict[str, list]:
    """Every error of the programme by field at once: the model's own, then the regulation's."""
    try:
        programme.full_clean(exclude=["created_by"])
        errors: dict[str, list] = {}
    except ValidationError as error:
        errors = error.message_dict
    rules = {}
    if not hosts_internships(programme.site):
        rules["site"] = _("Internships are held only at current internship and base sites.")
    if not programme.pk and programme.starts_on and programme.starts_on <= timezone.localdate():
        rules["starts_on"] = _("A new programme starts in the future.")
    if programme.pk and programme.capacity and programme.capacity < live_count(programme):
        rules["capacity"] = _("More teachers have already taken places than this.")
    for field, message in rules.items():
        errors.setdefault(field, []).append(message)
    return errors


def publish_programme(programme: InternshipProgramme, actor: User) -> InternshipProgramme:
    """Open the programme to applications from teachers of other organisations."""
    require(may(actor, "manage", programme), _("Only the site's director or curator publishes its programmes."))
    with transaction.atomic():
        InternshipProgramme.objects.select_for_update().filter(pk=programme.pk).exists()
        programme.refresh_from_db()
        if programme.published:
            raise CaseConflict(_("The programme is already published."), code="published")
        if programme.starts_on <= timezone.localdate():
            raise CaseConflict(_("The programme has already started."), code="started")
        with acting_as(actor):
            programme.published = True
            programme.save(update_fields=["published"])
    return programme


@transaction.atomic
def apply(programme: InternshipProgramme, teacher: User, motivation: str) -> Internship:
    """A teacher of another organisation asks for a place; their director is asked to agree.

    The programme's row is locked while the places are counted, so two teachers asking for the last place
    at once get it once.
    """
    require(may_apply(teacher, programme),
            _("Only a teacher of another organisation applies for the site's internship."))
    motivation = motivation.strip()
    if not motivation:
        raise ValidationError({"motivation": _("Write what you expect from the internship.")})
    programme = InternshipProgramme.objects.select_for_update().select_related("site").get(pk=programme.pk)
    if not programme.published or programme.starts_on <= timezone.localdate():
        raise CaseConflict(_("The programme no longer takes applications."), code="closed")
    if programme.internships.filter(teacher=teacher, status__in=LIVE).exists():
        raise CaseConflict(_("You have already applied for this programme."), code="already_applied")
    if live_count(programme) >= programme.capacity:
        raise CaseConflict(_("There are no places left on the programme."), code="full")
    with acting_as(teacher):
        internship = Internship.objects.create(programme=programme, teacher=teacher, motivation=motivation,
                                               organisation_id=teacher.organisation_id)
    notify(directors_of(internship.organisation_id),
           _("%(teacher)s asks for your agreement to the internship «%(topic)s».")
           % {"teacher": teacher, "topic": programme.topic}, internship.get_absolute_url())
    return internship


def may_act(internship: Internship, user: User, action: str) -> bool:
    """May `user` take this kind of step on the internship at all, whatever its state now (the state is the
    step's own check, a 409 when someone moved it on)?"""
    if action == "agree":
        return may(user, "agree", internship)
    if action in ("accept", "complete"):
        return may_decide(user, internship)
    if action == "decline":
        return may(user, "agree", internship) if internship.status == Internship.Status.APPLIED else may_decide(
            user, internship)
    if action in ("withdraw", "link"):
        return may(user, "withdraw" if action == "withdraw" else "link_activity", internship)
    return False


def _step(internship: Internship, actor: User, action: str, refusal: str, statuses, already: str) -> None:
    """Permission first, then the row's lock and its state: someone may have acted a moment before."""
    require(may_act(internship, actor, action), refusal)
    lock_case_at(internship, statuses, already, code="step_done")


@transaction.atomic
def agree(internship: Internship, actor: User) -> Internship:
    """The teacher's own director lets them go; the site's director is asked to accept."""
    _step(internship, actor, "agree", _("Only the teacher's director agrees to the internship."),
          [Internship.Status.APPLIED], _("The application is no longer awaiting agreement."))
    with acting_as(actor):
        internship.status, internship.agreed_by, internship.agreed_at = Internship.Status.AGREED, actor, timezone.now()
        internship.save()
    site = internship.programme.site
    notify(directors_of(site.organisation_id),
           _("%(teacher)s asks for a place on the internship «%(topic)s».")
           % {"teacher": internship.teacher, "topic": internship.programme.topic}, internship.get_absolute_url())
    return internship


@transaction.atomic
def decline(internship: Internship, actor: User, reason: str) -> Internship:
    """The teacher's director declines an application awaiting agreement, or the site's director one awaiting
    acceptance, with a reason the teacher reads."""
    awaiting_agreement = internship.status == Internship.Status.APPLIED
    require(may_act(internship, actor, "decline"), _("You may not decline this application."))
    if not reason.strip():
        raise ValidationError({"reason": _("Write why the application is declined.")})
    lock_case_at(internship, [Internship.Status.APPLIED if awaiting_agreement else Internship.Status.AGREED],
                 _("The application has already been decided."), code="step_done")
    with acting_as(actor):
        internship.status = Internship.Status.DECLINED
        internship.declined_by, internship.declined_at = actor, timezone.now()
        internship.decline_reason = reason.strip()
        internship.save()
    notify([internship.teacher], _("Your application for the internship «%(topic)s» has been declined: %(reason)s")
           % {"topic": internship.programme.topic, "reason": internship.decline_reason}, internship.get_absolute_url())
    return internship


@transaction.atomic
def accept(internship: Internship, actor: User) -> Internship:
    """The site's director takes the teacher on the programme."""
    _step(internship, actor, "accept", _("Only the site's director accepts teachers."),
          [Internship.Status.AGREED], _("The application is no longer awaiting acceptance."))
    with acting_as(actor):
        internship.status = Internship.Status.ACCEPTED
        internship.accepted_by, internship.accepted_at = actor, timezone.now()
        internship.save()
    notify([internship.teacher], _("You have been accepted for the internship «%(topic)s» from %(date)s.")
           % {"topic": internship.programme.topic, "date": internship.programme.starts_on.strftime("%d.%m.%Y")},
           internship.get_absolute_url())
    return internship


@transaction.atomic
def complete(internship: Internship, actor: User, outcome: str, note: str = "") -> Internship:
    """After the programme the site's director records its outcome; a completion counts as the teacher's
    professional development (`internships_selectors.professional_development`)."""
    require(may_act(internship, actor, "complete"), _("Only the site's director records the outcome of an internship."))
    if outcome not in OUTCOME_STATUS:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    lock_case_at(internship, [Internship.Status.ACCEPTED], _("The outcome has already been recorded."),
                 code="step_done")
    if timezone.localdate() < internship.programme.ends_on:
        raise CaseConflict(_("The outcome is recorded after the programme ends."), code="not_over")
    with acting_as(actor):
        internship.status, internship.outcome = OUTCOME_STATUS[outcome], outcome
        internship.outcome_note = note.strip()
        internship.completed_on, internship.recorded_by = timezone.localdate(), actor
        internship.save()
    notify([internship.teacher], _("The outcome of your internship «%(topic)s»: %(outcome)s.")
           % {"topic": internship.programme.topic, "outcome": internship.get_outcome_display()},
           internship.get_absolute_url())
    return internship


@transaction.atomic
def withdraw(internship: Internship, actor: User) -> Internship:
    """The teacher takes back an application the site has not accepted yet; its place is free again."""
    _step(internship, actor, "withdraw", _("Only the teacher withdraws their application."),
          WITHDRAWABLE, _("The application can no longer be withdrawn."))
    waiting_for = (internship.organisation_id if internship.status == Internship.Status.APPLIED
                   else internship.programme.site.organisation_id)
    with acting_as(actor):
        internship.status = Internship.Status.WITHDRAWN
        internship.save()
    notify(directors_of(waiting_for), _("%(teacher)s has withdrawn the application for the internship «%(topic)s».")
           % {"teacher": internship.teacher, "topic": internship.programme.topic}, internship.get_absolute_url())
    return internship


def available_actions(internship: Internship, user: User) -> list[str]:
    """The steps `user` may take on the internship now, in the order a page offers them."""
    return [action for action in ACTIONS
            if internship.status in STEP_STATUSES[action] and may_act(internship, user, action)]


def activities_to_link(teacher: User) -> QuerySet[RouteActivity]:
    """The activities of the teacher's own routes an internship may stand for."""
    return (RouteActivity.objects.filter(route__author=teacher, form__in=FITTING_FORMS)
            .exclude(route__status=IndividualRoute.Status.REJECTED)
            .select_related("route").order_by("-route__period_start", "starts_on", "pk"))


@transaction.atomic
def link_activity(internship: Internship, actor: User, activity: RouteActivity | None) -> Internship:
    """The teacher names the activity of their ИОМ a completed internship carried out (None: unlink); the
    route's page shows the internship beside it."""
    require(may_act(internship, actor, "link"), _("Only the teacher links their internship to their route."))
    lock_case_at(internship, [Internship.Status.COMPLETED], _("Only a completed internship is linked to a route."),
                 code="not_completed")
    if activity is not None and not activities_to_link(actor).filter(pk=activity.pk).exists():
        raise ValidationError({"activity": _("Choose an internship, course or other activity of your own route.")})
    with acting_as(actor):
        internship.route_activity = activity
        internship.save(update_fields=["route_activity"])
    return internship
