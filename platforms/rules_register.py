"""Who may read the register of sites and act on a site's annual reports (domain.md §2.4).

The municipality's methodist, officer and auditors read the register (a region's auditor the whole
region's); a director reads their organisation's sites and sends its reports; the curator alone reviews
the reports of the sites they curate; the officer revokes a status by an order; the methodist or the
officer enters a regional or federal status granted elsewhere.
"""
from accounts.models import Municipality, Role
from accounts.permissions import allow, allow_owner

from .models import AnnualReport, Site

READERS = [Role.METHODIST, Role.OFFICER, Role.AUDITOR, Role.DIRECTOR]

allow(Site, ["view", "view_history"], READERS)
allow(AnnualReport, ["view"], READERS)
allow(AnnualReport, ["submit"], [Role.DIRECTOR])
allow_owner(AnnualReport, ["review"], "site__curator",
            when=lambda report: report.status == AnnualReport.Status.SUBMITTED)
allow(Site, ["revoke"], [Role.OFFICER])
allow(Municipality, ["record_site"], [Role.METHODIST, Role.OFFICER])
