"""Who may do what to the jobs a person started: only that person sees a job and downloads its files."""
from accounts.permissions import allow_owner

from .models import DocumentJob

allow_owner(DocumentJob, ["view"], "started_by")
