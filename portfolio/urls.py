from django.urls import path
from django.utils.translation import pgettext_lazy

from portfolio import feeds, views

app_name = "portfolio"

urlpatterns = [
    path("", views.program_list, name="program-list"),
    path(pgettext_lazy("URL", "at-a-glance/"), views.glance, name="glance"),
    path("rss/", feeds.LatestProgramsFeed(), name="feed-rss"),
    path("atom/", feeds.LatestProgramsAtomFeed(), name="feed-atom"),
    path("export.csv", views.export, {"fmt": "csv"}, name="export-csv"),
    path("export.xlsx", views.export, {"fmt": "xlsx"}, name="export-xlsx"),
    path(pgettext_lazy("URL", "programs/<int:pk>/"), views.program_detail, name="program-detail"),
    path(
        pgettext_lazy("URL", "confirm/<str:token>/"), views.program_confirm, name="program-confirm"
    ),
    path(pgettext_lazy("URL", "my-ministry/"), views.workspace, name="workspace"),
    path(pgettext_lazy("URL", "my-ministry/new/"), views.program_create, name="program-create"),
    path(pgettext_lazy("URL", "my-ministry/<int:pk>/"), views.program_edit, name="program-edit"),
    path(
        pgettext_lazy("URL", "my-ministry/<int:pk>/submit/"),
        views.program_submit,
        name="program-submit",
    ),
    path(
        pgettext_lazy("URL", "my-ministry/<int:pk>/files/"),
        views.attachment_create,
        name="attachment-create",
    ),
    path(
        pgettext_lazy("URL", "my-ministry/files/<int:pk>/remove/"),
        views.attachment_remove,
        name="attachment-remove",
    ),
]
