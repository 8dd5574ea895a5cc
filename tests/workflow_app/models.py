"""A minimal publishable model, only installed in the tests, to test the shared workflow
independently of any tool."""

from django.db import models

from rialgender.workflow import Publishable


class Article(Publishable):
    ministry = models.ForeignKey("members.Ministry", on_delete=models.PROTECT)
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)

    class Meta:
        app_label = "workflow_app"

    def get_workspace_url(self):
        return f"/articles/{self.pk}/"
