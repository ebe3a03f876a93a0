"""Who may do what with the courses' registers (domain.md §1, §2.7; the scope rule of issue 16).

A school sees and enters its own teachers' completions and its own course needs (the director and the
school's methodical lead; a teacher their own completions); the methodical centre (the methodist, the
officer) sees its municipality's, the methodist enters them and consolidates the needs into the year's
course plan; auditors read everything in their scope. Providers and programmes are a region's reference
list, read by every signed-in person (`selectors`); the methodist keeps the providers of their region.
"""
from accounts.models import Municipality, Organisation, Role
from accounts.permissions import allow

from .models import CourseCompletion, CourseNeed, CoursePlan

SCHOOL = [Role.DIRECTOR, Role.LEAD]
CENTRE = [Role.METHODIST, Role.OFFICER]
READERS = [*SCHOOL, *CENTRE, Role.AUDITOR]

allow(CourseCompletion, ["view", "view_history"], READERS)
allow(CourseCompletion, ["view", "view_history", "record", "change", "delete"], [Role.TEACHER], own="person")
allow(CourseCompletion, ["record", "change", "delete"], [*SCHOOL, Role.METHODIST])

allow(CourseNeed, ["view", "view_history"], READERS)
allow(CourseNeed, ["submit", "change", "delete"], SCHOOL)

allow(CoursePlan, ["view", "view_history"], [*CENTRE, Role.AUDITOR])
allow(CoursePlan, ["change"], [Role.METHODIST])
allow(Municipality, ["consolidate_course_plan", "manage_course_providers"], [Role.METHODIST])

# Whoever enters completions in an organisation may add the programme a teacher of it completed; whose
# teachers a person is offered when entering completions for others.
allow(Organisation, ["add_course"], [*SCHOOL, Role.TEACHER, Role.METHODIST])
allow(Organisation, ["record_courses"], [*SCHOOL, Role.METHODIST])
