from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("", views.source_list, name="source_list"),
    path("new/", views.source_create, name="source_create"),
    path("<int:pk>/", views.source_detail, name="source_detail"),
    path("<int:pk>/edit/", views.source_edit, name="source_edit"),
    path("<int:pk>/archive/", views.source_archive, name="source_archive"),
    path("<int:pk>/delete/", views.source_delete, name="source_delete"),
    path("<int:pk>/identity/", views.identity_card, name="identity_card"),
    path("<int:pk>/identity/edit/", views.identity_card_edit, name="identity_card_edit"),
    path(
        "<int:pk>/identity/share-handler/", views.identity_card_share_handler, name="identity_share_handler"
    ),
    path(
        "<int:pk>/identity/share-custodian/",
        views.identity_card_share_custodian,
        name="identity_share_custodian",
    ),
    path("<int:pk>/unmask/", views.unmask_request_create, name="unmask_request"),
    path("unmask/<int:pk>/decide/", views.unmask_decide, name="unmask_decide"),
    path("unmask/<int:pk>/share/", views.unmask_share, name="unmask_share"),
    path("promote/<str:public_id>/", views.source_promote, name="source_promote"),
    path("alerts/<int:pk>/read/", views.alert_read, name="alert_read"),
]
