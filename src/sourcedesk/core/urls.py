from django.urls import path
from django.views.i18n import set_language

from . import views

app_name = "core"

urlpatterns = [
    path("", views.desk_home, name="desk_home"),
    path("lang/", set_language, name="set_language"),
]
