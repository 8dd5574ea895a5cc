from django.contrib import admin

from tests.workflow_app.models import Article, JointNote, Leaflet, Notice

admin.site.register(Article)
admin.site.register(JointNote)
admin.site.register(Notice)
admin.site.register(Leaflet)
