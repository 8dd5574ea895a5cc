from django.contrib import admin

from tests.workflow_app.models import Article

admin.site.register(Article)
