from django.urls import path
from django.utils.translation import pgettext_lazy

from cooperation import views

app_name = "cooperation"

urlpatterns = [
    # Public: selected projects, pairs of countries, calls.
    path("", views.project_list, name="project-list"),
    path(pgettext_lazy("URL", "projects/<int:pk>/"), views.project_detail, name="project-detail"),
    path(pgettext_lazy("URL", "pairs/"), views.pair_list, name="pair-list"),
    path(pgettext_lazy("URL", "pairs/<str:pair>/"), views.pair_detail, name="pair-detail"),
    path(pgettext_lazy("URL", "calls/<int:number>/"), views.call_detail, name="call-detail"),
    # Members: offers and needs.
    path(pgettext_lazy("URL", "offers-and-needs/"), views.listing_list, name="listing-list"),
    path(
        pgettext_lazy("URL", "offers-and-needs/new/"), views.listing_create, name="listing-create"
    ),
    path(
        pgettext_lazy("URL", "offers-and-needs/<int:pk>/"), views.listing_edit, name="listing-edit"
    ),
    path(
        pgettext_lazy("URL", "offers-and-needs/<int:pk>/withdraw/"),
        views.listing_withdraw,
        name="listing-withdraw",
    ),
    # The two ministries' workspace: joint requests and the follow-up of projects.
    path(pgettext_lazy("URL", "my-ministry/"), views.workspace, name="workspace"),
    path(pgettext_lazy("URL", "my-ministry/new/"), views.request_create, name="request-create"),
    path(pgettext_lazy("URL", "my-ministry/<int:pk>/"), views.request_edit, name="request-edit"),
    path(
        pgettext_lazy("URL", "my-ministry/<int:pk>/invite/"),
        views.request_invite,
        name="request-invite",
    ),
    path(
        pgettext_lazy("URL", "my-ministry/<int:pk>/confirm/"),
        views.request_confirm,
        name="request-confirm",
    ),
    path(
        pgettext_lazy("URL", "my-ministry/<int:pk>/decline/"),
        views.request_decline,
        name="request-decline",
    ),
    path(
        pgettext_lazy("URL", "my-ministry/<int:pk>/comment/"),
        views.request_comment,
        name="request-comment",
    ),
    path(
        pgettext_lazy("URL", "my-ministry/<int:pk>/submit/"),
        views.request_submit,
        name="request-submit",
    ),
    path(
        pgettext_lazy("URL", "my-ministry/<int:pk>/follow-up/"),
        views.follow_up,
        name="follow-up",
    ),
    path(
        pgettext_lazy("URL", "my-ministry/<int:pk>/reports/"),
        views.report_create,
        name="report-create",
    ),
    path(
        pgettext_lazy("URL", "my-ministry/activities/<int:pk>/"),
        views.activity_update,
        name="activity-update",
    ),
    # Reviewers and the Secretariat.
    path(pgettext_lazy("URL", "review/"), views.review_list, name="review-list"),
    path(pgettext_lazy("URL", "review/<int:pk>/"), views.review_form, name="review-form"),
    path(pgettext_lazy("URL", "calls/<int:number>/ranking/"), views.ranking, name="ranking"),
]
