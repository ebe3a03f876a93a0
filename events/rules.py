"""Who may do what with the service's events (domain.md §2.7).

The municipality's methodist enters, changes and cancels its events and marks attendance; a school's director
or methodical lead does so for the events their school organises. The methodist, the officer and auditors of
the municipality read every event and its registrations (a region's auditor the region's); a school reads the
events it organises and the registrations of its own people. A person registers themselves; their school's
director or lead registers them too, and the methodist anyone. Announcements (the calendar, the feed) are
public: they name no participant.
"""
from accounts.models import Municipality, Organisation, Role
from accounts.permissions import allow, allow_owner

from .models import Event, Registration

SCHOOL_MANAGERS = [Role.DIRECTOR, Role.LEAD]
READERS = [Role.METHODIST, Role.OFFICER, Role.AUDITOR, *SCHOOL_MANAGERS]
# Who takes part in events: every role a pedagogical worker holds.
PARTICIPANTS = [Role.TEACHER, Role.MENTOR, Role.TUTOR, Role.LEAD, Role.DIRECTOR, Role.EXPERT]

allow(Municipality, ["add_event"], [Role.METHODIST])
allow(Organisation, ["add_event"], SCHOOL_MANAGERS)
allow(Event, ["view", "view_history"], READERS)
allow(Event, ["change", "cancel", "mark_attendance"], [Role.METHODIST, *SCHOOL_MANAGERS])

allow(Registration, ["view", "register", "withdraw", "certificate"], [Role.METHODIST, *SCHOOL_MANAGERS])
allow(Registration, ["view"], [Role.OFFICER, Role.AUDITOR])
allow(Registration, ["view", "register", "withdraw", "certificate"], PARTICIPANTS, own="person")
allow_owner(Registration, ["link"], "person")  # only the participant names the activity of their own route
