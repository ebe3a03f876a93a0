"""Helpers shared by the pages of every process."""
from django.core.exceptions import ValidationError


def form_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, by field where the field is on it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
