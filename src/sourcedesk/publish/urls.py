from django.urls import path, re_path, register_converter

from . import views
from .converters import LanguageConverter

register_converter(LanguageConverter, "lang")

app_name = "publish"

urlpatterns = [
    path("", views.root, name="root"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    re_path(r"^media/(?P<path>photos/[A-Za-z0-9_./-]+)$", views.media, name="media"),
    path("<lang:lang>/", views.home, name="home"),
    path("<lang:lang>/page/<int:page>/", views.home, name="home_page"),
    path("<lang:lang>/feed.atom", views.feed, name="feed"),
    path("<lang:lang>/articles/<slug:public_id>/", views.article, name="article"),
    path("<lang:lang>/tags/<slug:slug>/", views.tag, name="tag"),
    path("<lang:lang>/tags/<slug:slug>/page/<int:page>/", views.tag, name="tag_page"),
    path("<lang:lang>/regions/<slug:slug>/", views.region, name="region"),
    path("<lang:lang>/regions/<slug:slug>/page/<int:page>/", views.region, name="region_page"),
]
