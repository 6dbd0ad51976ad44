from django.urls import path

from . import views

app_name = "stories"

urlpatterns = [
    path("", views.story_list, name="list"),
    path("new/", views.story_create, name="create"),
    path("tags/", views.tag_list, name="tags"),
    path("<int:pk>/", views.story_detail, name="detail"),
    path("<int:pk>/details/", views.story_details, name="details"),
    path("<int:pk>/edit/<str:language>/", views.edition_edit, name="edit"),
    path("<int:pk>/preview/<str:language>/", views.preview, name="preview"),
    path("<int:pk>/translate/", views.translate, name="translate"),
    path("<int:pk>/do/<slug:action>/", views.story_transition, name="transition"),
    path("<int:pk>/override/", views.story_override, name="override"),
    path("<int:pk>/photos/", views.photo_add, name="photo_add"),
    path("<int:pk>/photos/<int:photo_id>/", views.photo_file, name="photo"),
    path("<int:pk>/photos/<int:photo_id>/remove/", views.photo_remove, name="photo_remove"),
]
