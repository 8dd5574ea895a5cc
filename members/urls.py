from django.urls import path
from django.utils.translation import pgettext_lazy

from members import views

app_name = "members"

urlpatterns = [
    path(
        pgettext_lazy("URL", "invitation/<str:token>/"),
        views.invitation_accept_view,
        name="invitation-accept",
    ),
    path(pgettext_lazy("URL", "my-profile/"), views.profile_view, name="me"),
]
