app_name = "protect"

urlpatterns: list = []
