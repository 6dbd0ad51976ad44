from django.urls import path

from . import views

app_name = "protect"

urlpatterns = [
    path("", views.check, name="check"),
    path("allow/", views.allow, name="allow"),
]
