"""A minimal publishable model, only installed in the tests, to test the shared workflow
independently of any tool."""

from django.db import models

from rialgender.workflow import Authorship, Publishable


class Article(Publishable):
    authorship = Authorship.ministry("ministry")
    ministry = models.ForeignKey("members.Ministry", on_delete=models.PROTECT)
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)

    class Meta:
        app_label = "workflow_app"

    def get_workspace_url(self):
        return f"/articles/{self.pk}/"


class JointNote(Publishable):
    """Authored by two ministries together, like a cooperation request."""

    authorship = Authorship.ministries("first_ministry", "second_ministry")
    first_ministry = models.ForeignKey(
        "members.Ministry", on_delete=models.PROTECT, related_name="+"
    )
    second_ministry = models.ForeignKey(
        "members.Ministry", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    both_agree = models.BooleanField(default=False)

    class Meta:
        app_label = "workflow_app"

    def get_workspace_url(self):
        return f"/joint-notes/{self.pk}/"

    def workflow_blockers(self, action):
        from rialgender.workflow import Action

        blockers = super().workflow_blockers(action)
        if action == Action.SUBMIT and not self.both_agree:
            blockers.append("Both ministries must agree first.")
        return blockers


class Notice(Publishable):
    """Authored by the Secretariat alone, like an event."""

    authorship = Authorship.secretariat()
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)

    class Meta:
        app_label = "workflow_app"


class Leaflet(Publishable):
    """Proposed by a ministry, or added by the Secretariat itself (no ministry), like a
    document of the documentation center."""

    authorship = Authorship.ministry("ministry")
    ministry = models.ForeignKey(
        "members.Ministry", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=200, blank=True)

    class Meta:
        app_label = "workflow_app"
