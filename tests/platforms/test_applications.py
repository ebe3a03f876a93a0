"""The application for a site's status from the call to the register (domain.md §2.4)."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from orders.models import Order
from platforms import applications_council as council
from platforms import services
from platforms.models import CouncilProtocol, Site, SiteApplication
from workflows.models import CaseEvent
from workflows.services import Refused
from tests.platforms.applications_world import (  # noqa: F401  the `sites` fixture
    at_order, at_protocol, draft, protocol, score, sites, submitted,
)

pytestmark = pytest.mark.django_db
Status = SiteApplication.Status


def test_an_application_returned_resubmitted_scored_and_granted_enters_the_register(sites):
    application = submitted(sites)
    assert application.status == Status.CHECK and application.number.startswith("ПЛЩ-")
    services.check(application, sites.methodist, "return", "Уточните ресурсы проекта")
    application.refresh_from_db()
    assert application.status == Status.RETURNED
    application.resources = "Кадры, оборудование, договор с КГПУ"
    services.save_application(application, sites.director)
    services.submit(application, sites.director, reply="Ресурсы уточнены")
    application.refresh_from_db()
    assert (application.status, application.version) == (Status.CHECK, 2)
    assert CaseEvent.objects.filter(process=application.process, kind=CaseEvent.Kind.RESUBMITTED,
                                    comment="Ресурсы уточнены").exists()
    services.check(application, sites.methodist, "approve")
    services.assign_experts(application, sites.methodist, sites.experts[:2])
    score(application, sites.experts[0], 8)
    score(application, sites.experts[1], 9)
    application.refresh_from_db()
    assert application.status == Status.PROTOCOL
    protocol(sites, application)
    application.refresh_from_db()
    assert application.status == Status.ORDER
    site = council.grant(application, sites.officer, date=timezone.localdate(), signatory=sites.officer)
    application.refresh_from_db()
    assert application.status == Status.GRANTED and application.current_step == ""
    order = Order.objects.get(pk=site.granted_by_id)
    assert order.is_signed and order.items.get().record == application
    assert (site.organisation, site.kind, site.status) == (application.organisation, application.kind,
                                                           Site.Status.ACTIVE)
    assert council.granting_order(application) == order


def test_the_department_refuses_with_a_reason(sites):
    application = at_order(sites)
    with pytest.raises(ValidationError) as refused:
        council.refuse(application, sites.officer, "  ")
    assert "reason" in refused.value.message_dict
    council.refuse(application, sites.officer, "Проект не соответствует приоритетам муниципалитета")
    application.refresh_from_db()
    assert application.status == Status.REFUSED
    assert not Site.objects.filter(application=application).exists()


def test_the_councils_return_sends_the_application_back_and_the_same_experts_score_again(sites):
    application = at_protocol(sites)
    protocol(sites, application, CouncilProtocol.Recommendation.RETURN, "Доработайте этапы проекта")
    application.refresh_from_db()
    assert application.status == Status.RETURNED
    services.submit(application, sites.director, reply="Этапы доработаны")
    application.refresh_from_db()
    assert (application.status, application.expertise_round, application.version) == (Status.EXPERTISE, 2, 2)
    score(application, sites.experts[0])
    score(application, sites.experts[1])
    application.refresh_from_db()
    assert application.status == Status.PROTOCOL


def test_an_application_after_the_deadline_is_refused_and_nothing_changes(sites):
    application = draft(sites)
    sites.call.deadline = timezone.now() - timedelta(minutes=1)
    sites.call.save()
    with pytest.raises(ValidationError) as refused:
        services.submit(application, sites.director)
    assert "call" in refused.value.message_dict and "больше не принимаются" in refused.value.message_dict["call"][0]
    application.refresh_from_db()
    assert application.status == Status.DRAFT and application.process_id is None


def test_a_protocol_with_more_votes_than_members_present_is_refused(sites):
    application = at_protocol(sites)
    with pytest.raises(ValidationError) as refused:
        protocol(sites, application, votes=(3, 1, 0))
    assert "4" in refused.value.message_dict["votes_for"][0]
    assert not application.protocols.exists()
    application.refresh_from_db()
    assert application.status == Status.PROTOCOL


def test_a_director_applies_only_for_their_own_organisation(sites):
    application = SiteApplication(call=sites.call, organisation=sites.school.other, kind="innovation", topic="Т",
                                  relevance="а", goals="б", tasks="в", expected_results="г", resources="д",
                                  term_years=1)
    with pytest.raises(Refused):
        services.save_application(application, sites.director)
    assert not SiteApplication.objects.exists()


def test_only_a_kind_the_call_accepts_is_applied_for(sites):
    with pytest.raises(ValidationError) as refused:
        draft(sites, kind="internship")
    assert "kind" in refused.value.message_dict


def test_an_expert_of_the_applicant_organisation_is_refused_and_one_who_declines_is_replaced(sites):
    application = submitted(sites)
    services.check(application, sites.methodist, "approve")
    with pytest.raises(ValidationError) as refused:
        services.assign_experts(application, sites.methodist, [sites.expertise.colleague_expert, sites.experts[0]])
    assert "Конфликт интересов" in refused.value.message_dict["experts"][0]
    services.assign_experts(application, sites.methodist, sites.experts[:2])
    services.decline(application, sites.experts[0], "Руковожу проектом-конкурентом")
    services.replace_expert(application, sites.methodist, sites.experts[2])
    score(application, sites.experts[1])
    score(application, sites.experts[2])
    application.refresh_from_db()
    assert application.status == Status.PROTOCOL


def test_an_extension_continues_a_current_site_of_the_applicants_own_organisation(sites):
    application = at_order(sites)
    site = council.grant(application, sites.officer, date=timezone.localdate(), signatory=sites.officer)
    extension = draft(sites, extends=site)
    assert extension.extends == site
    with pytest.raises(ValidationError) as refused:  # another organisation's director
        services.save_application(SiteApplication(
            call=sites.call, organisation=sites.school.other, kind="innovation", topic="Т", relevance="а", goals="б",
            tasks="в", expected_results="г", resources="д", term_years=1, extends=site), sites.school.other_director)
    assert "extends" in refused.value.message_dict
    site.status = Site.Status.REVOKED
    site.save()
    with pytest.raises(ValidationError) as refused:
        draft(sites, extends=site)
    assert "extends" in refused.value.message_dict
