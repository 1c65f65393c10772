"""The REST API: one router, versioned under /api/v1/, schema and offline docs (docs/api.md).

To add a resource, write its viewset in the app's `api.py` and register it here.
"""

from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from doorstep.api.exceptions import not_found
from doorstep.api.views import ApiDocsView, ApiSchemaView
from doorstep.cases.api import CaseViewSet
from doorstep.complaints.api import ComplaintViewSet
from doorstep.contacts.api import CallBackViewSet, ContactViewSet
from doorstep.inspections.api import InspectionViewSet
from doorstep.people.api import PersonViewSet
from doorstep.places.api import HomeViewSet
from doorstep.repairs.api import RepairViewSet
from doorstep.safeguarding.api import ReferralViewSet
from doorstep.tenancies.api import TenancyViewSet

# DRF's views answer for themselves about sign-in (401 in JSON without a token), so
# LoginRequiredMiddleware lets them through.
router = DefaultRouter()
router.include_format_suffixes = False
router.register("homes", HomeViewSet, basename="home")
router.register("people", PersonViewSet, basename="person")
router.register("tenancies", TenancyViewSet, basename="tenancy")
router.register("contacts", ContactViewSet, basename="contact")
router.register("callbacks", CallBackViewSet, basename="callback")
router.register("cases", CaseViewSet, basename="case")
router.register("repairs", RepairViewSet, basename="repair")
router.register("complaints", ComplaintViewSet, basename="complaint")
router.register("inspections", InspectionViewSet, basename="inspection")
router.register("referrals", ReferralViewSet, basename="referral")

urlpatterns = [
    path("v1/", include(router.urls)),
    # The schema answers a token (401 without one); the docs page is for signed-in staff.
    path("schema/", ApiSchemaView.as_view(), name="api-schema"),
    path("docs/", login_required(ApiDocsView.as_view(url_name="api-schema")), name="api-docs"),
    re_path(r"^(?P<path>.*)$", not_found),
]
