"""URL roots: /portal/ for sources, /desk/ for staff, /ko/ and /en/ for the public site."""

from django.urls import include, path

urlpatterns = [
    path("portal/", include("sourcedesk.portal.urls")),
    path("desk/", include("sourcedesk.core.urls")),
    path("desk/", include("sourcedesk.accounts.urls")),
    path("desk/audit/", include("sourcedesk.audit.urls")),
    path("desk/inbox/", include("sourcedesk.portal.desk_urls")),
    path("desk/sources/", include("sourcedesk.network.urls")),
    path("desk/", include("sourcedesk.desk.urls")),
    path("desk/protect/", include("sourcedesk.protect.urls")),
    path("desk/stories/", include("sourcedesk.stories.urls")),
    path("desk/facts/", include("sourcedesk.facts.urls")),
    path("", include("sourcedesk.publish.urls")),
]

handler400 = "sourcedesk.core.views.bad_request"
handler403 = "sourcedesk.core.views.permission_denied"
handler404 = "sourcedesk.core.views.page_not_found"
handler500 = "sourcedesk.core.views.server_error"
