from django.urls import path
from django.utils.translation import pgettext_lazy

from docs_center import feeds, views

app_name = "docs_center"

urlpatterns = [
    path("", views.document_list, name="document-list"),
    path("rss/", feeds.LatestResourcesFeed(), name="feed-rss"),
    path(
        pgettext_lazy("URL", "resources/<int:pk>/"), views.resource_detail, name="resource-detail"
    ),
    path(
        pgettext_lazy("URL", "collections/<slug:slug>/"),
        views.collection_detail,
        name="collection-detail",
    ),
    path(pgettext_lazy("URL", "inclusion-parameters/"), views.parameters, name="parameters"),
    path(
        pgettext_lazy("URL", "inclusion-parameters/<int:pk>/"),
        views.parameters_version,
        name="parameters-version",
    ),
    path(
        pgettext_lazy("URL", "inclusion-parameters/<int:pk>/approve/"),
        views.parameters_approve_view,
        name="parameters-approve",
    ),
    path(pgettext_lazy("URL", "my-ministry/"), views.workspace, name="workspace"),
    path(pgettext_lazy("URL", "my-ministry/new/"), views.resource_create, name="resource-create"),
    path(pgettext_lazy("URL", "my-ministry/<int:pk>/"), views.resource_edit, name="resource-edit"),
    path(
        pgettext_lazy("URL", "my-ministry/<int:pk>/submit/"),
        views.resource_submit,
        name="resource-submit",
    ),
    path(pgettext_lazy("URL", "my-ministry/<int:pk>/files/"), views.file_add, name="file-add"),
    path(
        pgettext_lazy("URL", "my-ministry/files/<int:pk>/remove/"),
        views.file_remove,
        name="file-remove",
    ),
    path(pgettext_lazy("URL", "review/<int:pk>/"), views.resource_review, name="resource-review"),
    path(
        pgettext_lazy("URL", "review/<int:pk>/publish/"),
        views.resource_publish,
        name="resource-publish",
    ),
]
