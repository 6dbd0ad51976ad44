app_name = "publish"

urlpatterns: list = []
