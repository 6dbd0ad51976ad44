from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("submit/", views.submit, name="submit"),
    path("login/", views.login, name="login"),
    path("conversation/", views.conversation, name="conversation"),
    path("send/", views.send, name="send"),
    path("logout/", views.logout, name="logout"),
]
