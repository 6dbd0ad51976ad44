from django.urls import path

from . import desk_views

app_name = "inbox"

urlpatterns = [
    path("", desk_views.inbox_list, name="list"),
    path("<str:public_id>/", desk_views.inbox_detail, name="detail"),
    path("<str:public_id>/handler/", desk_views.inbox_assign, name="assign"),
    path("<str:public_id>/files/<str:file_id>/", desk_views.inbox_file, name="file"),
]
