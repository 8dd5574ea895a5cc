from django.urls import path
from django.utils.translation import pgettext_lazy

from newsletter import feeds, views

app_name = "newsletter"

urlpatterns = [
    path("", views.edition_list, name="edition-list"),
    path("rss/", feeds.EditionsFeed(), name="feed-rss"),
    path(
        pgettext_lazy("URL", "editions/<int:number>/"), views.edition_detail, name="edition-detail"
    ),
    path(pgettext_lazy("URL", "subscribe/"), views.subscribe, name="subscribe"),
    path(
        pgettext_lazy("URL", "subscribe/check-your-inbox/"),
        views.subscribe_sent,
        name="subscribe-sent",
    ),
    path(pgettext_lazy("URL", "confirm/<str:token>/"), views.confirm, name="confirm"),
    path(pgettext_lazy("URL", "preferences/<str:token>/"), views.preferences, name="preferences"),
    path(pgettext_lazy("URL", "unsubscribe/<str:token>/"), views.unsubscribe, name="unsubscribe"),
    path(pgettext_lazy("URL", "news/"), views.news_list, name="news-list"),
    path(pgettext_lazy("URL", "news/<int:pk>/"), views.news_detail, name="news-detail"),
    path(pgettext_lazy("URL", "my-ministry-news/"), views.news_workspace, name="news-workspace"),
    path(pgettext_lazy("URL", "my-ministry-news/new/"), views.news_create, name="news-create"),
    path(pgettext_lazy("URL", "my-ministry-news/<int:pk>/"), views.news_edit, name="news-edit"),
    path(
        pgettext_lazy("URL", "my-ministry-news/<int:pk>/submit/"),
        views.news_submit,
        name="news-submit",
    ),
]
