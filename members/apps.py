from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from members.selectors import secretariat_tasks
        from rialgender import todo

        todo.register("members", secretariat_tasks)

        from members.services import communications_resume
        from rialgender.bulkmail import register_resumer

        register_resumer("communications", communications_resume)
