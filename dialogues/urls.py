from django.urls import path
from django.utils.translation import pgettext_lazy

from dialogues import feeds, views

app_name = "dialogues"

urlpatterns = [
    path("", views.event_list, name="event-list"),
    path("rss/", feeds.EventsFeed(), name="feed-rss"),
    path(pgettext_lazy("URL", "calendar.ics"), views.calendar_feed, name="calendar-feed"),
    path("<int:pk>/", views.event_detail, name="event-detail"),
    path(pgettext_lazy("URL", "<int:pk>/calendar.ics"), views.event_ics, name="event-ics"),
    path(pgettext_lazy("URL", "<int:pk>/outcome/"), views.event_outcome, name="event-outcome"),
    path(pgettext_lazy("URL", "<int:pk>/register/"), views.event_register, name="event-register"),
    path(
        pgettext_lazy("URL", "<int:pk>/registrations/<int:registration_pk>/cancel/"),
        views.registration_cancel_member,
        name="registration-cancel-member",
    ),
    path(
        pgettext_lazy("URL", "<int:pk>/questions/"), views.event_questions, name="event-questions"
    ),
    path(pgettext_lazy("URL", "<int:pk>/answers/"), views.event_answers, name="event-answers"),
    path(
        pgettext_lazy("URL", "<int:pk>/participants/"),
        views.event_participants,
        name="event-participants",
    ),
    path(
        pgettext_lazy("URL", "my-registration/<str:token>/"),
        views.registration_detail,
        name="registration-detail",
    ),
    path(
        pgettext_lazy("URL", "my-registration/<str:token>/cancel/"),
        views.registration_cancel_token,
        name="registration-cancel",
    ),
    path(pgettext_lazy("URL", "recommendations/"), views.tracker, name="tracker"),
    path(
        pgettext_lazy("URL", "recommendations/my-country/"),
        views.tracker_country,
        name="tracker-country",
    ),
    path(
        pgettext_lazy("URL", "recommendations/<int:pk>/progress/"),
        views.progress_update,
        name="progress-update",
    ),
]
