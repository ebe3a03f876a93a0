"""Events (мероприятия) of the demo region: a school year of them in every municipality, driven through the
product's own services as the methodist and the people who register (domain.md §2.7; [000:258-276]).

Every municipality has a seminar, a webinar, a master class, a round table … about every ten days from the
autumn to the summer: the past ones held, with the teachers registered and their attendance marked (so
certificates print), the coming ones planned with places taken, one of them full, one cancelled, and the
teacher's ИОМ activity linked to a past seminar, done with the event as its evidence. An event is entered
while it is still ahead (registration closes at its start), then its dates are moved back to when it took
place. A municipality that already has events gets none: a second run adds nothing.
"""
from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from accounts.models import Municipality, User
from events import services
from events.models import Audience, Event, EventForm, Organiser
from routes.models import IndividualRoute

# Topics of the seeds' methodical work [000:258-276, 001:140, 002:143-152, 003:232-248, 004:56-67].
TOPICS = (
    "Формирование функциональной грамотности обучающихся",
    "Смысловое чтение на уроках разных предметов",
    "Обновлённые ФГОС: рабочие программы и оценивание",
    "Работа с детьми с ОВЗ в общеобразовательном классе",
    "Наставничество: первые шаги молодого педагога",
    "Цифровые образовательные ресурсы на уроке",
    "Подготовка к конкурсам профессионального мастерства",
    "Школы с низкими образовательными результатами: адресная поддержка",
    "Проектная деятельность в основной школе",
    "Воспитательная работа классного руководителя",
)
FORMS = (EventForm.SEMINAR, EventForm.WEBINAR, EventForm.MASTER_CLASS, EventForm.WORKSHOP, EventForm.ROUND_TABLE,
         EventForm.OPEN_LESSON, EventForm.TRAINING, EventForm.CONFERENCE, EventForm.CONSULTATION,
         EventForm.READINGS)
PARTICIPANT_WORDS = ("teacher", "mentor", "tutor", "lead", "expert", "jury")
FIRST_DAY, LAST_DAY, EVERY = -150, 120, 10  # days from today: the school year around it


def seed_events(cases: bool = True) -> int:
    """A school year of events in every demo municipality (after `demo.region.load_demo`); how many were added."""
    if not cases:
        return 0
    return sum(live_in_events(municipality) for municipality in Municipality.objects.order_by("pk")
               if not Event.objects.filter(municipality=municipality).exists())


def live_in_events(municipality: Municipality) -> int:
    slug = municipality.slug
    methodist = User.objects.get(username=f"methodist.{slug}")
    director = User.objects.get(username=f"director.{slug}")
    people = list(User.objects.filter(username__in=[f"{word}.{slug}" for word in PARTICIPANT_WORDS]))
    today = timezone.localdate()
    made = 0
    for number, offset in enumerate(range(FIRST_DAY, LAST_DAY, EVERY)):
        day = today + timedelta(days=offset)
        starts = timezone.make_aware(datetime.combine(day, time(10 + number % 5, 0)))
        school = number % 4 == 3
        # A past event is entered while still ahead (tomorrow) and moved back to its day once people registered;
        # today's event is past or ahead by the hour the demo is seeded at.
        past = starts <= timezone.now()
        entered = timezone.now() + timedelta(days=1) if past else starts
        organiser = director if school else methodist
        event = services.create_event(
            organiser, municipality=municipality, form=FORMS[number % len(FORMS)], title=TOPICS[number % len(TOPICS)],
            level="organisation" if school else "municipal", starts_at=entered, ends_at=entered + timedelta(hours=2),
            organiser=Organiser.SCHOOL if school else Organiser.CENTRE,
            organisation=director.organisation if school else None, methodist=organiser,
            audience=Audience.YOUNG_TEACHERS if number % 5 == 4 else Audience.TEACHERS,
            capacity=3 if number % 7 == 6 else 30, place="ИМЦ, ауд. 12" if number % 3 else "",
            link="" if number % 3 else "https://vebinar.example.org/imc",
            materials="Программа, презентация и раздаточные материалы у методиста.")
        takers = [person for person in people if services.open_to(event, person)]
        registrations = [services.register(event, person, person) for person in takers[:event.capacity]]
        made += 1
        if past:
            held(event, starts, organiser, registrations, number)
        elif number % 9 == 8:
            services.cancel_event(event, methodist, "Перенос по решению методического совета.")
    link_a_teachers_activity(municipality)
    return made


def held(event: Event, starts: datetime, marker: User, registrations: list, number: int) -> None:
    """The event took place on `starts`: its dates move back there, then attendance is marked (all but one came)."""
    Event.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=starts + timedelta(hours=2),
                                             registration_deadline=None)
    event.refresh_from_db()
    absent = registrations[number % len(registrations)].pk if registrations and number % 2 else None
    services.mark_attendance(event, marker, [registration.pk for registration in registrations
                                             if registration.pk != absent])


def link_a_teachers_activity(municipality: Municipality) -> None:
    """The teacher names a past seminar they attended for an agreed activity of their route being carried out:
    the activity is done, the seminar its evidence."""
    teacher = User.objects.get(username=f"teacher.{municipality.slug}")
    activity = (services.activities_to_link(teacher).filter(
        route__status=IndividualRoute.Status.IMPLEMENTATION, agreed=True).first())
    registration = (teacher.event_registrations.filter(attended=True, event__municipality=municipality)
                    .filter(Q(event__form=EventForm.SEMINAR) | Q(event__form=EventForm.WORKSHOP)).first()
                    or teacher.event_registrations.filter(attended=True).first())
    if activity is not None and registration is not None:
        services.link_activity(registration, teacher, activity)
