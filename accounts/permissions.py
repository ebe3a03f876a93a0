"""May this user do X to this object? The one place that answers.

Two sources, combined through Django's authentication backends:

* role rules: a role held in a scope (organisation, municipality, region, association)
  grants actions on the objects inside that scope; each app declares its rules in `rules.py`
  with `allow()`;
* owner rules: actions only the person an object belongs to performs (the author edits their draft),
  whatever roles they hold, optionally only while the object is in a state (`allow_owner()`);
* django-guardian object permissions: explicit grants on one object (an expert assigned to one
  material), kept in guardian's generic tables, which Viewflow's task queue also reads.

`ScopedRoleBackend` answers `user.has_perm("app.action_model", obj)` from the role rules and
guardian's backend from its tables, so `may()` and `visible()` see both; `may()` answers an owner
rule's action from that rule alone, so no role (not even an administrator's) stands in for the owner.
Views, the API, services and templates ask `may()`, `visible()` and `visible_or_404()` and never
re-derive a role, ownership or status check.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import or_
from datetime import date

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.models import GroupObjectPermission, UserObjectPermission
from guardian.shortcuts import get_objects_for_user

from .models import Organisation, Role, RoleAssignment, Scope, grant_codename

READ_ACTIONS = frozenset({"view", "view_history"})


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    own: str | None = None  # path from the object to the person it belongs to: the rule covers only theirs


_rules: dict[tuple[str, str], list[tuple[type[models.Model], str, Rule]]] = {}


def allow(model: type[models.Model], actions: Iterable[str], roles: Iterable[str], *, own: str | None = None) -> None:
    """Declare that `roles`, within their scope, may perform `actions` on `model` objects.

    With `own`, the rule covers only objects whose `own` path leads to the acting user.
    """
    rule = Rule(frozenset(roles), own)
    for action in actions:
        if Role.AUDITOR in rule.roles and action not in READ_ACTIONS:
            raise ImproperlyConfigured(f"Auditors only read; cannot allow {action} on {model.__name__}.")
        key = (model._meta.app_label, codename(action, model))
        _rules.setdefault(key, []).append((model, action, rule))


@dataclass(frozen=True)
class OwnerRule:
    own: str  # path from the object to the person it belongs to
    when: Callable[[models.Model], bool] | None = None  # the object's state in which the owner may act


_owner_rules: dict[tuple[type[models.Model], str], list[OwnerRule]] = {}


def allow_owner(model: type[models.Model], actions: Iterable[str], own: str, *,
                when: Callable[[models.Model], bool] | None = None) -> None:
    """Declare that only the person `own` leads to performs `actions` on a `model` object, whatever roles
    they hold (an author whose teacher role ended still withdraws their draft), and with `when` only
    while `when(obj)` holds. No role rule adds to it: administrators do not act in a person's place."""
    for action in actions:
        _owner_rules.setdefault((model, action), []).append(OwnerRule(own, when))


def codename(action: str, model: type[models.Model]) -> str:
    return f"{action}_{model._meta.model_name}"


def may(user, action: str, obj: models.Model) -> bool:
    """May `user` perform `action` on `obj`?"""
    owner_rules = _owner_rules.get((type(obj), action))
    if owner_rules is not None:
        return user.is_authenticated and any(
            _value_at(obj, rule.own) == user.pk and (rule.when is None or rule.when(obj)) for rule in owner_rules)
    return user.has_perm(f"{obj._meta.app_label}.{codename(action, type(obj))}", obj)


def visible_or_404(user, action: str, queryset_or_model: QuerySet | type[models.Model], **lookup) -> models.Model:
    """The object `lookup` finds if `user` may perform `action` on it; otherwise 404, the same answer as for
    an object that does not exist, so that its existence is not revealed."""
    queryset = (queryset_or_model._default_manager.all() if isinstance(queryset_or_model, type)
                else queryset_or_model)
    try:
        obj = queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404(_("Not found.")) from None
    if not may(user, action, obj):
        raise Http404(_("Not found."))
    return obj


def active_assignments(user, on: date | None = None) -> list[RoleAssignment]:
    """The user's role assignments in force on a day (today by default).

    Read once per user object and day, as Django caches a user's permissions: a page asks for them
    for every menu entry and every permission check.
    """
    if not user.is_authenticated or not user.is_active:
        return []
    on = on or timezone.localdate()
    cache = getattr(user, "_active_assignments", None)
    if cache is None:
        cache = user._active_assignments = {}
    if on not in cache:
        cache[on] = list(RoleAssignment.objects.active(on).filter(user=user))
    return list(cache[on])


def holds(user, role: str) -> bool:
    """Does the user hold `role` today, in any scope (a teacher draws up routes and submits materials)?"""
    # Read afresh rather than from the per-user cache, which may predate a role granted since.
    return user.is_authenticated and RoleAssignment.objects.active().filter(user=user, role=role).exists()


def is_administrator(assignments: Iterable[RoleAssignment]) -> bool:
    return any(assignment.role == Role.ADMIN for assignment in assignments)


def visible(user, action: str, queryset: QuerySet) -> QuerySet:
    """The objects of `queryset` on which `user` may perform `action`, as one filtered queryset."""
    model = queryset.model
    owner_rules = _owner_rules.get((model, action))
    if owner_rules is not None:
        if any(rule.when for rule in owner_rules):
            raise ImproperlyConfigured(f"{action} on {model.__name__} depends on each object's state: ask may().")
        if not user.is_authenticated:
            return queryset.none()
        return queryset.filter(reduce(or_, (Q(**{rule.own: user.pk}) for rule in owner_rules)))
    assignments = active_assignments(user)
    if user.is_authenticated and (user.is_superuser or is_administrator(assignments)):
        return queryset
    condition = Q(pk__in=[])
    for rule in rules_for(model, action):
        for assignment in assignments:
            if assignment.role in rule.roles:
                condition |= _scope_condition(model, assignment, user, rule)
    if user.is_authenticated and _is_permission(model, action):
        condition |= _granted(user, model, codename(action, model))
    return queryset.filter(condition)


# Up to this many granted objects are named in the query itself, so the database can use its indexes on
# the rest of the condition (a municipality's cases, newest first) instead of testing every row.
GRANTS_LISTED = 500


def _granted(user, model: type[models.Model], name: str) -> Q:
    """The objects on which the user, or a group of theirs, holds a guardian grant of permission `name`.

    What `guardian.shortcuts.get_objects_for_user(..., accept_global_perms=False)` selects, but with the
    grants' `object_pk` cast to the integer primary key (guardian casts every primary key of the table to
    text instead, which makes each list scan the whole table), and read beforehand when there are few.
    """
    if not isinstance(model._meta.pk, models.IntegerField):
        granted = get_objects_for_user(user, f"{model._meta.app_label}.{name}", klass=model, accept_global_perms=False)
        return Q(pk__in=granted.values("pk"))
    content_type = ContentType.objects.get_for_model(model)
    grant = {"content_type": content_type, "permission__content_type": content_type, "permission__codename": name}
    as_pk = Cast("object_pk", output_field=models.BigIntegerField())
    users = UserObjectPermission.objects.filter(user=user, **grant).annotate(granted=as_pk).values_list(
        "granted", flat=True)
    groups = GroupObjectPermission.objects.filter(group__in=user.groups.all(), **grant).annotate(
        granted=as_pk).values_list("granted", flat=True)
    listed = list(users.union(groups)[:GRANTS_LISTED + 1])
    if len(listed) <= GRANTS_LISTED:
        return Q(pk__in=listed)
    return Q(pk__in=users) | Q(pk__in=groups)


def organisations_in_scope(user) -> QuerySet[Organisation]:
    """The organisations within the scopes of the user's roles: the choices of a filter by organisation."""
    assignments = active_assignments(user)
    if user.is_superuser or any(assignment.scope == Scope.INSTALLATION for assignment in assignments):
        return Organisation.objects.all()
    scopes = Q(pk__in=[])
    for assignment in assignments:
        if assignment.scope == Scope.ORGANISATION:
            scopes |= Q(pk=assignment.organisation_id)
        elif assignment.scope == Scope.MUNICIPALITY:
            scopes |= Q(municipality=assignment.municipality_id)
        elif assignment.scope == Scope.REGION:
            scopes |= Q(municipality__region=assignment.region_id)
    return Organisation.objects.filter(scopes)


@lru_cache(maxsize=None)
def _is_permission(model: type[models.Model], action: str) -> bool:
    """Guardian grants exist only for real permissions; rule-only actions (`recommend`) have none."""
    return Permission.objects.filter(content_type__app_label=model._meta.app_label,
                                     codename=codename(action, model)).exists()


def rules_for(model: type[models.Model], action: str) -> list[Rule]:
    return [rule for rule_model, _, rule in _rules.get((model._meta.app_label, codename(action, model)), [])
            if rule_model is model]


def _scope_condition(model: type[models.Model], assignment: RoleAssignment, user, rule: Rule) -> Q:
    scope = assignment.scope
    condition = Q()
    if scope != Scope.INSTALLATION:
        path = model.scope_lookups.get(scope)
        if path is None:
            return Q(pk__in=[])
        condition &= Q(**{path: getattr(assignment, f"{scope}_id")})
    if rule.own:
        condition &= Q(**{rule.own: user.pk})
    return condition


def _value_at(obj: models.Model, path: str):
    """Follow a lookup path (`organisation__municipality`) on an instance, to the primary key at its end."""
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop)
        if obj is None:
            return None
    if last == "pk":
        return obj.pk
    field = obj._meta.get_field(last)
    return getattr(obj, field.attname) if field.is_relation else getattr(obj, last)


def covers(assignment: RoleAssignment, obj: models.Model, user, rule: Rule) -> bool:
    """Does the assignment's scope, under `rule`, reach `obj`?"""
    if rule.own and _value_at(obj, rule.own) != user.pk:
        return False
    scope = assignment.scope
    if scope == Scope.INSTALLATION:
        return True
    path = getattr(type(obj), "scope_lookups", {}).get(scope)
    return path is not None and _value_at(obj, path) == getattr(assignment, f"{scope}_id")


def holds_in(assignment: RoleAssignment, codename: str, obj: models.Model) -> bool:
    """Is the assignment the role, in the scope object, that grant permission `codename` stands for
    (the grants of `accounts.grants` mirror the assignments; this answers without reading them)?"""
    scope = assignment.scope
    return (scope == obj._meta.model_name and grant_codename(assignment.role, scope) == codename
            and getattr(assignment, f"{scope}_id") == obj.pk)


class ScopedRoleBackend:
    """Authentication backend that grants permissions from role assignments and their scopes."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user, perm: str, obj: models.Model | None = None) -> bool:
        """Scoped roles grant permissions on objects only; without an object only administrators hold one.

        Viewflow's `can_assign` also asks without an object: a director of one school must not pass
        that question for every school.
        """
        assignments = active_assignments(user)
        if is_administrator(assignments) and ".act_as_" not in perm:
            return True  # administrators manage everything but act in no process step
        if obj is None:
            return False
        app_label, _, name = perm.partition(".")
        if name.startswith("act_as_"):
            return app_label == obj._meta.app_label and any(
                holds_in(assignment, name, obj) for assignment in assignments)
        for model, _action, rule in _rules.get((app_label, name), []):
            if not isinstance(obj, model):
                continue
            for assignment in assignments:
                if assignment.role in rule.roles and covers(assignment, obj, user, rule):
                    return True
        return False

    def has_module_perms(self, user, app_label: str) -> bool:
        return is_administrator(active_assignments(user))
