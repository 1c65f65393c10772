from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView

from doorstep.core import views as core_views

urlpatterns = [
    path("", include("doorstep.myday.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("accounts/", include("doorstep.accounts.urls")),
    path("places/", include("doorstep.places.urls")),
    path("people/", include("doorstep.people.urls")),
    path("tenancies/", include("doorstep.tenancies.urls")),
    path("contacts/", include("doorstep.contacts.urls")),
    path("cases/", include("doorstep.cases.urls")),
    path("partners/", include("doorstep.partners.urls")),
    path("safeguarding/", include("doorstep.safeguarding.urls")),
    path("hoarding/", include("doorstep.hoarding.urls")),
    path("complaints/", include("doorstep.complaints.urls")),
    path("asb/", include("doorstep.asb.urls")),
    path("fly-tipping/", include("doorstep.flytipping.urls")),
    path("domestic-abuse/", include("doorstep.domestic_abuse.urls")),
    path("support/", include("doorstep.sustainment.urls")),
    path("meetings/", include("doorstep.meetings.urls")),
    path("inspections/", include("doorstep.inspections.urls")),
    path("welfare/", include("doorstep.welfare.urls")),
    path("ta-reviews/", include("doorstep.ta_reviews.urls")),
    path("teams/", include("doorstep.teams.urls")),
    path("recruitment/", include("doorstep.recruitment.urls")),
    path("imports/", include("doorstep.imports.urls")),
    path("community/", include("doorstep.community.urls")),
    path("repairs/", include("doorstep.repairs.urls")),
    path("hazards/", include("doorstep.hazards.urls")),
    path("reports/", include("doorstep.reports.urls")),
    path("data-protection/", include("doorstep.dataprotection.urls")),
    path("duplicates/", include("doorstep.duplicates.urls")),
    path("letters/", include("doorstep.letters.urls")),
    path("", include("doorstep.resident_reports.urls")),
    path("search", include("doorstep.search.urls")),
    path("core/", include("doorstep.core.urls")),
    path("admin/", admin.site.urls),
    path(
        "favicon.ico",
        login_not_required(
            RedirectView.as_view(url="/static/doorstep/favicon.svg", permanent=True)
        ),
    ),
    path("api/", include("config.api")),
]

handler500 = "doorstep.core.views.server_error"
