"""Entering the courses' reference list and the teachers' completions (domain.md §2.7; [003:242-243]).

Pages, the API, the demo and tests call these functions; each asks the rules (`courses.rules`) before it
reads the input, gives every error of the input by field at once (nothing is saved when one is wrong) and
records its actor in the history.
"""
from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.history import acting_as
from accounts.models import Municipality, Organisation, Region, User
from accounts.permissions import may, visible
from workflows.uploads import validate_upload

from .models import CertificateFile, Course, CourseCompletion, CourseNeed, Provider


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def errors_of(instance, exclude: list[str]) -> dict[str, list]:
    """The model's own errors by field; constraints are left to the service, which names their field."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return error.message_dict
    return {}


def add_error(errors: dict[str, list], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def may_manage_providers(user: User, region_id: int) -> bool:
    return visible(user, "manage_course_providers", Municipality.objects.filter(region_id=region_id)).exists()


def may_add_course(user: User, region_id: int) -> bool:
    return visible(user, "add_course", Organisation.objects.filter(municipality__region_id=region_id)).exists()


def may_add_course_somewhere(user: User) -> bool:
    return visible(user, "add_course", Organisation.objects.all()).exists()


def may_record_somewhere(user: User) -> bool:
    """Does the person enter completions for anyone (themself as a teacher, a school's, a municipality's)?"""
    return (visible(user, "record_courses", Organisation.objects.all()).exists()
            or (user.is_authenticated and may_record_for(user, user)))


def managed_region(user: User) -> Region | None:
    """The region whose providers the person keeps (a methodist of one of its municipalities)."""
    municipality = visible(user, "manage_course_providers", Municipality.objects.select_related("region")).first()
    return municipality.region if municipality is not None else None


@transaction.atomic
def save_provider(provider: Provider, actor: User) -> Provider:
    """Add a provider to the region's list or change one: the methodist of a municipality of the region."""
    require(provider.region_id is not None and may_manage_providers(actor, provider.region_id),
            _("Only a methodist of the region keeps its list of course providers."))
    provider.name, provider.short_name = provider.name.strip(), provider.short_name.strip()
    errors = errors_of(provider, exclude=[])
    taken = Provider.objects.filter(region_id=provider.region_id, short_name__iexact=provider.short_name)
    if provider.short_name and taken.exclude(pk=provider.pk).exists():
        add_error(errors, "short_name", _("The region already lists a provider of this name."))
    if errors:
        raise ValidationError(errors)
    with acting_as(actor):
        provider.save()
    return provider


def programme_errors(course: Course) -> dict[str, list]:
    errors = errors_of(course, exclude=["created_by"])
    if course.provider_id and not course.provider.active:
        add_error(errors, "provider", _("This provider is no longer in the list."))
    return errors


def programme(actor: User, *, provider: Provider | None, title: str, hours: int | None, focus: str) -> Course:
    """An unsaved programme of the provider, once the actor may add one to the provider's region's list:
    whoever enters completions there (the completion is its source)."""
    require(provider is not None and may_add_course(actor, provider.region_id),
            _("You may not add programmes of this provider."))
    return Course(provider=provider, title=(title or "").strip(), hours=hours, focus=focus or "")


def saved_programme(actor: User, course: Course) -> Course:
    """The list's programme of this provider, title and hours, or `course` added to the list."""
    existing = Course.objects.filter(provider=course.provider, title__iexact=course.title, hours=course.hours).first()
    if existing is not None:
        return existing
    course.created_by = actor
    with acting_as(actor):
        course.save()
    return course


@transaction.atomic
def add_course(actor: User, *, provider: Provider | None, title: str, hours: int | None, focus: str) -> Course:
    """Add a programme to the region's list (hours 1–1000), or find the one already there."""
    course = programme(actor, provider=provider, title=title, hours=hours, focus=focus)
    errors = programme_errors(course)
    if errors:
        raise ValidationError(errors)
    return saved_programme(actor, course)


def completion_for(person: User) -> CourseCompletion:
    """An unsaved completion of the person, in their organisation: what the rules are asked about."""
    organisation = person.organisation
    return CourseCompletion(person=person, organisation=organisation,
                            municipality_id=organisation.municipality_id if organisation else None)


def may_record_for(actor: User, person: User) -> bool:
    return person.organisation_id is not None and may(actor, "record", completion_for(person))


@transaction.atomic
def record_completion(actor: User, *, person: User, course: Course | None, starts_on: date | None,
                      ends_on: date | None, certificate_number: str = "", certificate: UploadedFile | None = None,
                      need: CourseNeed | None = None, new_course: dict | None = None) -> CourseCompletion:
    """Enter a teacher's completed course with the certificate: the teacher, their school's director or
    methodical lead, or the municipality's methodist. A programme not in the list yet comes as `new_course`
    (provider, title, hours, focus) and is added with the completion, or neither is saved.

    One person, course and start date is one completion: a second is refused at the start date."""
    require(may_record_for(actor, person), _("You may not enter courses of this teacher."))
    errors: dict[str, list] = {}
    if course is None and new_course is not None:
        course = programme(actor, **new_course)
        errors = programme_errors(course)
    completion = completion_for(person)
    completion.course, completion.starts_on, completion.ends_on = course, starts_on, ends_on
    completion.certificate_number, completion.need, completion.recorded_by = (
        (certificate_number or "").strip(), need, actor)
    # The person's row is the lock: two entries of the same completion at once give one and a clear error.
    User.objects.select_for_update().filter(pk=person.pk).exists()
    for field, messages in completion_errors(completion, certificate).items():
        if field != "course" or course is None or course.pk:
            errors.setdefault(field, []).extend(messages)
    if course is None:
        errors.setdefault("course", [_("Choose the programme or describe a new one.")])
    if errors:
        raise ValidationError(errors)
    if not course.pk:
        completion.course = saved_programme(actor, course)
    with acting_as(actor):
        try:
            with transaction.atomic():
                completion.save()
        except IntegrityError:
            raise ValidationError({"starts_on": [duplicate_message()]}) from None
        if certificate is not None:
            CertificateFile.objects.create(completion=completion, file=certificate, name=certificate.name,
                                           size=certificate.size)
    return completion


@transaction.atomic
def change_completion(actor: User, completion: CourseCompletion, *, course: Course, starts_on: date | None,
                      ends_on: date | None, certificate_number: str = "",
                      certificate: UploadedFile | None = None) -> CourseCompletion:
    """Correct a completion (its course, dates, certificate); the teacher and organisation stay."""
    require(may(actor, "change", completion), _("You may not change this record."))
    completion = CourseCompletion.objects.select_for_update().get(pk=completion.pk)
    completion.course, completion.starts_on, completion.ends_on = course, starts_on, ends_on
    completion.certificate_number = (certificate_number or "").strip()
    errors = completion_errors(completion, certificate)
    if errors:
        raise ValidationError(errors)
    with acting_as(actor):
        completion.save()
        if certificate is not None:
            CertificateFile.objects.filter(completion=completion).delete()
            CertificateFile.objects.create(completion=completion, file=certificate, name=certificate.name,
                                           size=certificate.size)
    return completion


@transaction.atomic
def delete_completion(actor: User, completion: CourseCompletion) -> None:
    """Remove a completion entered by mistake (the history keeps it)."""
    require(may(actor, "delete", completion), _("You may not delete this record."))
    stored = CourseCompletion.objects.select_for_update().filter(pk=completion.pk).first()
    if stored is not None:  # deleted meanwhile by someone else: nothing is left to do
        with acting_as(actor):
            stored.delete()


def duplicate_message() -> str:
    return _("This teacher's completion of this course from this date is already recorded.")


def completion_errors(completion: CourseCompletion, certificate: UploadedFile | None) -> dict[str, list]:
    """Every error of the completion by field: the model's own, then the register's."""
    errors = errors_of(completion, exclude=["organisation", "municipality", "recorded_by", "need"])
    starts_on, ends_on = completion.starts_on, completion.ends_on
    if starts_on and ends_on and ends_on < starts_on:
        add_error(errors, "ends_on", _("The course cannot end before it starts."))
    if ends_on and ends_on > timezone.localdate():
        add_error(errors, "ends_on", _("A course is entered once it has ended."))
    if completion.need_id and completion.need.organisation_id != completion.organisation_id:
        add_error(errors, "need", _("This need is another organisation's."))
    if starts_on and completion.course_id and CourseCompletion.objects.filter(
            person_id=completion.person_id, course_id=completion.course_id, starts_on=starts_on).exclude(
            pk=completion.pk).exists():
        add_error(errors, "starts_on", duplicate_message())
    if certificate is not None:
        try:
            validate_upload(certificate)
        except ValidationError as error:
            errors.setdefault("certificate", []).extend(error.messages)
    return errors
