from django.urls import path
from django.utils.translation import pgettext_lazy

from members import views

app_name = "members"

urlpatterns = [
    path("", views.directory, name="directory"),
    path(
        pgettext_lazy("URL", "ministries/<str:country>/"),
        views.ministry_detail,
        name="ministry-detail",
    ),
    path(pgettext_lazy("URL", "people/<int:pk>/vcard/"), views.member_vcard_view, name="vcard"),
    path(
        pgettext_lazy("URL", "communications/"),
        views.communication_list,
        name="communication-list",
    ),
    path(
        pgettext_lazy("URL", "communications/<int:pk>/"),
        views.communication_detail,
        name="communication-detail",
    ),
    path(pgettext_lazy("URL", "whatsapp-group/"), views.whatsapp, name="whatsapp"),
    path(
        pgettext_lazy("URL", "invitation/<str:token>/"),
        views.invitation_accept_view,
        name="invitation-accept",
    ),
    path(pgettext_lazy("URL", "my-profile/"), views.profile_view, name="me"),
    path(pgettext_lazy("URL", "my-home/"), views.home, name="home"),
]
