"""Who may do what with programs. The workflow's predicates (rialgender.workflow: can_view,
can_edit, may_act) decide for the program itself; these add what is particular to the
portfolio."""

from rialgender.workflow import can_view


def can_download_attachment(user, attachment) -> bool:
    """A program's files are seen by whoever may see the program."""
    return can_view(user, attachment.program)
