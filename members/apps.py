from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from members.models import Activity, Ministry, SteeringCommittee, SteeringSeat, WorkPlan
        from members.selectors import secretariat_tasks
        from members.sitemaps import CountrySitemap
        from rialgender import pagecache, sitemaps, todo

        todo.register("members", secretariat_tasks)
        sitemaps.register("countries", CountrySitemap)
        sitemaps.register_pages("network:glance")
        # The public pages show the ministries, the Steering Committee and the work plans.
        for model in (Ministry, SteeringCommittee, SteeringSeat, WorkPlan, Activity):
            pagecache.watch(model, "network")

        from members.services import communications_resume
        from rialgender.bulkmail import register_resumer

        register_resumer("communications", communications_resume)
