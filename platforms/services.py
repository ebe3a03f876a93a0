"""What directors, the methodical centre, experts and the department do with an application for a site's
status (domain.md §2.4). Pages, the API, the demo and tests call these."""
from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.history import acting_as
from accounts.models import Organisation, Role, RoleAssignment, User
from accounts.permissions import holds, may
from scoring import case_steps
from scoring import services as scoring
from scoring.case_steps import ExpertiseWords
from scoring.models import ExpertAssignment, Review
from workflows import drafts
from workflows.models import CaseEvent
from workflows.services import Refused, active_task, decide, lock_case_at, submit_case
from workflows.uploads import validate_upload

from .calls import call_criteria
from .flows import SiteApplicationFlow
from .models import MAX_TERM_YEARS, ProjectStage, SiteApplication, SiteApplicationFile
from .register import add_years

Status = SiteApplication.Status
PROJECT_SECTIONS = ("relevance", "goals", "tasks", "expected_results", "resources")
WORDS = ExpertiseWords(
    step_title=gettext_lazy("Scoring by the expert council"),
    already_assigned=gettext_lazy("Experts have already been assigned to this application."),
    already_reviewed=gettext_lazy("You have already scored this application."),
    already_declined=gettext_lazy("You have declined to score this application."),
    no_review=gettext_lazy("You have no scoring to do on this application."),
)


def may_apply(user) -> bool:
    """Directors draw up applications for the organisations they head."""
    return holds(user, Role.DIRECTOR)


def headed_organisations(user) -> QuerySet[Organisation]:
    held = RoleAssignment.objects.active().filter(user=user, role=Role.DIRECTOR, organisation__isnull=False)
    return Organisation.objects.filter(pk__in=held.values("organisation_id"))


def validate_files(files: Iterable[UploadedFile]) -> list[UploadedFile]:
    files = list(files)
    for upload in files:
        try:
            validate_upload(upload)
        except ValidationError as error:
            raise ValidationError({"files": error.messages}) from error
    return files


def row_errors(prefix: str, row, exclude: list[str]) -> dict[str, list]:
    """A row's own refusals under the API's names for its fields (`stages[1].ends_on`)."""
    try:
        row.full_clean(exclude=exclude)
    except ValidationError as error:
        return {prefix + ("" if name == NON_FIELD_ERRORS else f".{name}"): messages
                for name, messages in error.message_dict.items()}
    return {}


def validate_stages(application: SiteApplication, stages: list[ProjectStage]) -> None:
    """Each stage's dates in order and within the project's term, which starts with its first stage."""
    errors: dict[str, list] = {}
    dated = [stage for stage in stages if stage.starts_on and stage.ends_on]
    first = min((stage.starts_on for stage in dated), default=None)
    years = application.term_years if isinstance(application.term_years, int) else MAX_TERM_YEARS
    for index, stage in enumerate(stages):
        stage.application = application
        refused = row_errors(f"stages[{index}]", stage, exclude=["application"])
        if refused:
            errors.update(refused)
            continue
        if first and stage.ends_on > add_years(first, years):
            errors[f"stages[{index}].ends_on"] = [_(
                "The stage ends after the project's term (%(years)d years from its first stage).") % {"years": years}]
    if errors:
        raise ValidationError(errors)


def validate_call_accepts(application: SiteApplication) -> None:
    """The call is of the applicant's municipality and accepts the kind; an extension continues a current
    site of the applicant organisation."""
    errors = {}
    call = application.call
    if call.municipality_id != application.organisation.municipality_id:
        errors["call"] = _("The call is of another municipality.")
    elif application.kind and application.kind not in call.kinds:
        errors["kind"] = _("The call does not accept applications for this kind of site.")
    site = application.extends
    if site is not None and (site.organisation_id != application.organisation_id or not site.is_current):
        errors["extends"] = _("Only a current site of the applicant organisation is extended.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_application(application: SiteApplication, user, *, files: Iterable[UploadedFile] = (),
                     team: Iterable[User] | None = None, partner_organisations: Iterable[Organisation] | None = None,
                     stages: list[ProjectStage] | None = None) -> SiteApplication:
    """Draw up or edit the application: its director only, for the organisation they head, in draft or when
    returned. Every section of the project is required; nothing is saved when anything is refused."""
    files = validate_files(files)
    if application.pk:
        if not may(user, "edit", application):
            raise Refused(_("The application is edited by its director only in draft or when returned."),
                          "not_editable")
    else:
        application.author = user
        if not application.organisation_id:
            application.organisation = headed_organisations(user).first() or user.organisation
        if application.organisation_id:
            application.municipality_id = application.organisation.municipality_id
    if not application.organisation_id or not may(user, "apply", application):
        raise Refused(_("A director applies only for the organisation they head."), "not_the_director")
    application.full_clean(exclude=["number", "author", "organisation", "municipality", "team",
                                    "partner_organisations"])
    validate_call_accepts(application)
    if stages is not None:
        validate_stages(application, stages)
    version = application.version + 1 if application.status == Status.RETURNED else application.version
    with acting_as(user):
        application.save()
        if team is not None:
            application.team.set(team)
        if partner_organisations is not None:
            application.partner_organisations.set(partner_organisations)
        if stages is not None:
            application.stages.all().delete()
            for position, stage in enumerate(stages, start=1):
                stage.application, stage.position = application, position
                stage.save()
        for upload in files:
            SiteApplicationFile.objects.create(application=application, version=version, file=upload,
                                               name=upload.name, size=upload.size)
    return application


def refuse_unless_complete(application: SiteApplication) -> None:
    errors = {name: _("This section of the project is required.") for name in PROJECT_SECTIONS
              if not getattr(application, name).strip()}
    if not application.stages.exists():
        errors["stages"] = _("Add at least one stage of the project.")
    if errors:
        raise ValidationError(errors)


def refuse_unless_open(call) -> None:
    """No application is sent before the call opens or after its deadline."""
    if call.is_open:
        return
    if timezone.localdate() < call.opens_on:
        message = _("Applications to the call «%(call)s» are accepted from %(opens)s.") % {
            "call": call, "opens": call.opens_on.strftime("%d.%m.%Y")}
    else:
        message = _("The deadline of the call «%(call)s» has passed (%(deadline)s): applications are no longer "
                    "accepted.") % {"call": call,
                                    "deadline": timezone.localtime(call.deadline).strftime("%d.%m.%Y %H:%M")}
    raise ValidationError({"call": ValidationError(message, code="call_closed")})


def submit(application: SiteApplication, user, reply: str = "") -> SiteApplication:
    """Send the application to the methodical centre while the call is open, or the revised one (with the
    `reply` to the return comment, as its next version) back to the step that returned it. A returned
    application was sent in time: the call's deadline holds for the first submission."""
    if not may(user, "submit", application) or not may(user, "apply", application):
        raise Refused(_("Only the director who drew up the application submits it."), "not_author")
    with acting_as(user), transaction.atomic():
        lock_case_at(application, (Status.DRAFT, Status.RETURNED), _("The application has already been submitted."),
                     "already_submitted")
        if application.status == Status.DRAFT:
            refuse_unless_open(application.call)
        application.full_clean(exclude=["number", "author", "organisation", "municipality", "team",
                                        "partner_organisations"])
        validate_call_accepts(application)
        refuse_unless_complete(application)
        if application.status == Status.RETURNED:
            application.version += 1
            application.save(update_fields=["version", "updated_at"])
            node = active_task(application, "revision", "revise").flow_task.name
        else:
            node = "revision"
        submit_case(application, user, SiteApplicationFlow, node, reply)
    application.refresh_from_db()
    return application


def check(application: SiteApplication, user, decision: str, comment: str = "") -> CaseEvent:
    """The methodical centre's completeness check: accept for the expert council, return or reject."""
    with acting_as(user):
        return decide(active_task(application, "check"), user, decision, comment)


def experts_of(application: SiteApplication) -> QuerySet[User]:
    """The experts of the application's municipality, whom the methodist chooses the council's from."""
    return scoring.experts_of(application.municipality)


def propose_experts(application: SiteApplication, count: int = 2) -> list[User]:
    return scoring.propose_experts(application, count)


def assign_experts(application: SiteApplication, user, experts: Iterable[User]) -> list[ExpertAssignment]:
    """The methodist assigns the council's experts: at least as many as the municipality requires, none from
    the applicant organisation or its project team."""
    return case_steps.assign_panel(application, user, experts, WORDS)


def replace_expert(application: SiteApplication, user, expert: User) -> ExpertAssignment:
    return case_steps.replace(application, user, expert, WORDS)


def expert_task(application: SiteApplication, expert: User):
    return case_steps.expert_task(application, expert, WORDS)


def decline(application: SiteApplication, expert: User, reason: str) -> CaseEvent:
    return case_steps.decline(application, expert, reason, WORDS)


def submit_review(application: SiteApplication, expert: User, scores: dict, text: str,
                  recommendation: str) -> Review:
    """An expert's scores against the call's criteria, the review and a recommendation."""
    return case_steps.score(application, expert, call_criteria(application.call), scores, text, recommendation,
                            WORDS)


def visible_reviews(application: SiteApplication, user) -> list[dict]:
    """Blind to the other experts while the council scores; the applicant reads them only afterwards,
    without the experts' names (`scoring.visible_reviews`)."""
    return scoring.visible_reviews(application, user, round_open=application.status == Status.EXPERTISE,
                                   authors_wait=application.status in (Status.EXPERTISE, Status.EXPERT_ASSIGNMENT))


def visible_events(application: SiteApplication, user) -> list[CaseEvent]:
    """The timeline as `user` may read it: the authors never learn who the experts are."""
    return case_steps.timeline_without_experts(application, user)


def delete_draft(application: SiteApplication, user) -> None:
    drafts.delete_draft(application, user, _("Only the director who drew it up deletes a draft application."))
