"""The REST API: one router, versioned under /api/v1/, schema and offline docs (docs/api.md).

To add a resource, write its viewset in the app's `api.py` and register it here.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path

from doorstep.api.exceptions import not_found
from doorstep.api.routers import ApiRouter
from doorstep.api.views import ApiDocsView, ApiSchemaView
from doorstep.cases.api import CaseViewSet
from doorstep.complaints.api import ComplaintViewSet
from doorstep.contacts.api import CallBackViewSet, ContactViewSet
from doorstep.people.api import PersonViewSet
from doorstep.places.api import HomeViewSet
from doorstep.safeguarding.api import ReferralViewSet
from doorstep.tenancies.api import TenancyViewSet

router = ApiRouter()
router.register("homes", HomeViewSet, basename="home")
router.register("people", PersonViewSet, basename="person")
router.register("tenancies", TenancyViewSet, basename="tenancy")
router.register("contacts", ContactViewSet, basename="contact")
router.register("callbacks", CallBackViewSet, basename="callback")
router.register("cases", CaseViewSet, basename="case")
router.register("complaints", ComplaintViewSet, basename="complaint")
router.register("referrals", ReferralViewSet, basename="referral")

urlpatterns = [
    path("v1/", include(router.urls)),
    # The schema answers a token (401 without one); the docs page is for signed-in staff.
    path("schema/", login_not_required(ApiSchemaView.as_view()), name="api-schema"),
    path("docs/", ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^(?P<path>.*)$", not_found),
]
