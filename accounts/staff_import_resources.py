"""The rows of a staff file as django-import-export Resources: organisations keyed by municipality and short
name, people by staff number and e-mail. Each resource reads the file's columns by their internal keys
(`accounts.staff_import.COLUMNS` maps the Russian headers to them) and leaves an unchanged row alone."""
from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources

from .models import Municipality, Organisation, RoleAssignment, User
from .staff_import_widgets import Choice, Day, Flag, MunicipalityByName, OrganisationByShortName, Roles, Text, text


class StaffResource(resources.ModelResource):
    """What both files share: row problems found before the rows are read (a key repeated in the file, an
    e-mail of another person) are reported with the row's own field errors."""

    key_columns: tuple[str, ...] = ()
    # Columns (or sets of them) no two rows of a file share: the key, and each part of it that names one record.
    unique_columns: tuple[tuple[str, ...], ...] = ()

    def __init__(self, file_rows: list[int]) -> None:
        super().__init__()
        self.file_rows = file_rows  # the file's row number of each data row (blank rows are left out)
        self.problems: dict[int, dict[str, list[str]]] = defaultdict(dict)

    def key(self, row, columns: tuple[str, ...] | None = None) -> tuple[str, ...]:
        return tuple(text(row.get(column)).lower() for column in columns or self.key_columns)

    def before_import(self, dataset, **kwargs) -> None:
        for columns in self.unique_columns:
            seen: dict[tuple[str, ...], int] = {}
            for number, values in enumerate(dataset.dict, 1):
                key = self.key(values, columns)
                if not all(key):
                    continue
                if key in seen:
                    self.problems[number].setdefault(columns[-1], []).append(
                        _("Repeats row %(row)d of the file.") % {"row": self.file_rows[seen[key] - 1]})
                else:
                    seen[key] = number

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:  # an unreadable key: the row is reported with its field errors
            return None

    def import_instance(self, instance, row, **kwargs) -> None:
        errors = {field: list(messages) for field, messages in self.problems.get(kwargs["row_number"], {}).items()}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


class OrganisationResource(StaffResource):
    key_columns = ("municipality", "short_name")
    unique_columns = (key_columns,)

    def __init__(self, file_rows: list[int], allowed: QuerySet[Municipality]) -> None:
        super().__init__(file_rows)
        self.fields["municipality"].widget = MunicipalityByName(allowed)

    municipality = fields.Field(attribute="municipality", column_name="municipality")
    name = fields.Field(attribute="name", column_name="name", widget=Text(required=True))
    short_name = fields.Field(attribute="short_name", column_name="short_name", widget=Text(required=True))
    kind = fields.Field(attribute="kind", column_name="kind", widget=Choice(Organisation.Kind))
    is_small_school = fields.Field(attribute="is_small_school", column_name="is_small_school", widget=Flag())
    is_low_results = fields.Field(attribute="is_low_results", column_name="is_low_results", widget=Flag())

    class Meta:
        model = Organisation
        fields = ("municipality", "name", "short_name", "kind", "is_small_school", "is_low_results")
        import_id_fields = ("municipality", "short_name")
        skip_unchanged = True
        report_skipped = True
        skip_html_diff = True
        clean_model_instances = True


class PersonResource(StaffResource):
    """A person of the municipality and their roles in their organisation. The key is the staff number and
    the e-mail together: a staff number alone is reissued when someone leaves, an e-mail alone changes."""

    key_columns = ("staff_number", "email")
    unique_columns = (("staff_number",), ("email",))

    def __init__(self, file_rows: list[int], municipality: Municipality) -> None:
        super().__init__(file_rows)
        self.municipality = municipality
        self.fields["organisation"].widget = OrganisationByShortName(municipality)
        self.matches: dict[tuple[str, ...], User | None] = {}
        self.held: dict[tuple[int, int], frozenset[str]] = {}
        self.taken: set[str] = set()
        self.today = timezone.localdate()

    staff_number = fields.Field(attribute="staff_number", column_name="staff_number", widget=Text(required=True))
    email = fields.Field(attribute="email", column_name="email", widget=Text(required=True))
    last_name = fields.Field(attribute="last_name", column_name="last_name", widget=Text(required=True))
    first_name = fields.Field(attribute="first_name", column_name="first_name", widget=Text(required=True))
    patronymic = fields.Field(attribute="patronymic", column_name="patronymic", widget=Text())
    organisation = fields.Field(attribute="organisation", column_name="organisation")
    position = fields.Field(attribute="position", column_name="position", widget=Text())
    subject = fields.Field(attribute="subject", column_name="subject", widget=Text())
    birth_date = fields.Field(attribute="birth_date", column_name="birth_date", widget=Day())
    tenure_start = fields.Field(attribute="tenure_start", column_name="tenure_start", widget=Day())
    category = fields.Field(attribute="category", column_name="category",
                            widget=Choice(User.Category, default=User.Category.NONE))
    roles = fields.Field(attribute="import_roles", column_name="roles", widget=Roles())

    class Meta:
        model = User
        fields = ("staff_number", "email", "last_name", "first_name", "patronymic", "organisation", "position",
                  "subject", "birth_date", "tenure_start", "category", "roles")
        import_id_fields = ("staff_number", "email")
        skip_unchanged = True
        report_skipped = True
        skip_html_diff = True
        clean_model_instances = True

    def before_import(self, dataset, **kwargs) -> None:
        super().before_import(dataset, **kwargs)
        keys = [self.key(values) for values in dataset.dict]
        emails = {email for _number, email in keys if email}
        by_email = {user.email.lower(): user for user in User.objects.annotate(lower_email=Lower("email"))
                    .filter(lower_email__in=emails).select_related("organisation")}
        by_number = {user.staff_number.lower(): user for user in User.objects.filter(
            staff_number__in={text(values.get("staff_number")) for values in dataset.dict} - {""},
            organisation__municipality=self.municipality)}
        for number, (staff_number, email) in enumerate(keys, 1):
            if staff_number and email and (staff_number, email) not in self.matches:
                self.matches[(staff_number, email)] = self.match(number, by_email.get(email),
                                                                 by_number.get(staff_number))
        self.taken = set(User.objects.filter(username__in=emails).values_list("username", flat=True))
        found = [user.pk for user in self.matches.values() if user is not None]
        held = defaultdict(set)
        for user_id, organisation_id, role in RoleAssignment.objects.active(self.today).filter(
                user__in=found, organisation__isnull=False).values_list("user_id", "organisation_id", "role"):
            held[(user_id, organisation_id)].add(role)
        self.held = {key: frozenset(roles) for key, roles in held.items()}

    def match(self, number: int, by_email: User | None, by_number: User | None) -> User | None:
        """The person the row's key names: the same person by both, or by one whose other part is still
        blank (people entered before the first import); a key naming two people is the row's error."""
        if by_email is not None and (by_number is None or by_number.pk == by_email.pk):
            if by_number is not None or (not by_email.staff_number and self.in_municipality(by_email)):
                return by_email
            self.problems[number].setdefault("email", []).append(_("This e-mail is another person's."))
            return None
        if by_number is not None and by_email is None and not by_number.email:
            return by_number
        if by_number is not None:
            self.problems[number].setdefault("staff_number", []).append(
                _("This staff number is another person's of the municipality."))
        return None

    def in_municipality(self, user: User) -> bool:
        # Not someone of another municipality: the import would move them here, out of their own scope.
        return user.organisation is None or user.organisation.municipality_id == self.municipality.pk

    def get_instance(self, instance_loader, row):
        return self.matches.get(self.key(row))

    def after_init_instance(self, instance, new, row, **kwargs) -> None:
        instance.import_roles = self.held.get((instance.pk, instance.organisation_id), frozenset())
        if new:
            instance.username = self.free_username(text(row.get("email")))
            instance.set_unusable_password()  # they set one through the password reset

    def free_username(self, email: str) -> str:
        """The e-mail, read once for the whole file; a number after it in the rare case it is someone's."""
        base = email.lower()[:140]
        username, suffix = base, 1
        while username in self.taken or (suffix > 1 and User.objects.filter(username=username).exists()):
            suffix += 1
            username = f"{base}-{suffix}"
        self.taken.add(username)
        return username

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True) -> None:
        # The only unique field is the username, chosen free above (a query a row fewer); the database still
        # refuses a duplicate, which fails the row and with it the file.
        super().validate_instance(instance, import_validation_errors, validate_unique=False)

    def after_save_instance(self, instance, row, **kwargs) -> None:
        held = self.held.get((instance.pk, instance.organisation_id), frozenset())
        for role in sorted(instance.import_roles - held):
            RoleAssignment.objects.create(user=instance, role=role, organisation=instance.organisation,
                                          valid_from=self.today)

