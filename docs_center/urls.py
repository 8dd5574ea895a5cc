app_name = "docs_center"

urlpatterns: list = []
