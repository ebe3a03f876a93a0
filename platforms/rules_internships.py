"""Who may do what with internships at internship and base sites ([000:303], [003:135], [004:61]).

The site's side: the director of the site's organisation and the site's curator (a municipal methodist)
publish programmes; the director alone accepts teachers and records completions. The teacher's side: a
teacher applies for themself, their own organisation's director agrees; only the teacher withdraws and links
a completion to an activity of their ИОМ. The municipality's methodist and officer, and auditors, read.
"""
from __future__ import annotations

from accounts.models import Role, User
from accounts.permissions import allow, allow_owner, may

from .models import Internship, InternshipProgramme, Site

READERS = [Role.METHODIST, Role.OFFICER, Role.AUDITOR]

allow(Site, ["add_programme"], [Role.DIRECTOR])
allow(Site, ["add_programme"], [Role.METHODIST], own="curator")

# Published programmes are open to every signed-in person (`internships_selectors`); "view" is seeing a
# programme with its participants, published or not: the site's people and the municipality.
allow(InternshipProgramme, ["view", "view_history"], [Role.DIRECTOR, *READERS])
allow(InternshipProgramme, ["manage"], [Role.DIRECTOR])
allow(InternshipProgramme, ["manage"], [Role.METHODIST], own="site__curator")
allow(InternshipProgramme, ["decide"], [Role.DIRECTOR])

# The organisation of an internship is the teacher's: its director agrees, the municipality of the site reads.
allow(Internship, ["view", "view_history"], [Role.DIRECTOR, *READERS])
allow(Internship, ["view", "view_history", "apply"], [Role.TEACHER], own="teacher")
allow(Internship, ["agree"], [Role.DIRECTOR])
allow_owner(Internship, ["withdraw", "link_activity"], "teacher")


def may_apply(user: User, programme: InternshipProgramme) -> bool:
    """May `user` apply for `programme`: a teacher of an organisation other than the site's, for themself.

    The exclusion is a rule of the regulation (the site trains others' teachers) that `allow` cannot say.
    """
    if not user.is_authenticated or not user.organisation_id:
        return False
    if user.organisation_id == programme.site.organisation_id:
        return False
    return may(user, "apply", Internship(programme=programme, teacher=user, organisation_id=user.organisation_id))


def may_decide(user: User, internship: Internship) -> bool:
    """The site's director accepts, declines and records the completion of an internship on its programme."""
    return may(user, "decide", internship.programme)


def may_view(user: User, internship: Internship) -> bool:
    """The teacher's side by the rules of `Internship`, the site's side by those of its programme."""
    return may(user, "view", internship) or may(user, "view", internship.programme)
