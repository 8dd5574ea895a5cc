"""Writing plain data onto a model: services take data (field name -> value, as a form's
`cleaned_data` gives it, or as a test or a task writes it), never a form.

    program = save_with(Program(ministry=ministry), data)      # create
    save_with(program, data)                                   # change

Each value is written the way a model form writes it (a file field's None keeps the file,
False clears it), many-to-many fields once the object is saved. A workflow field (state,
timestamps, translation status) in the data is refused: those move only through
`rialgender.workflow`.
"""

from rialgender.workflow import WORKFLOW_FIELDS, Publishable


def save_with(obj, data: dict):
    """Write `data` onto `obj`, save it and its many-to-many fields; returns `obj`."""
    many = {}
    for name, value in data.items():
        if isinstance(obj, Publishable) and name in WORKFLOW_FIELDS:
            raise ValueError(f"{name} changes only through the workflow.")
        field = obj._meta.get_field(name)
        if field.many_to_many:
            many[field] = value
        else:
            field.save_form_data(obj, value)
    if obj.pk is not None and isinstance(obj, Publishable) and _links_change(obj, many):
        obj.mark_content_changed()  # a change of links is a change of content
    obj.save()
    for field, value in many.items():
        field.save_form_data(obj, value)
    return obj


def _links_change(obj, many: dict) -> bool:
    return any(
        set(getattr(obj, field.name).values_list("pk", flat=True)) != {v.pk for v in value}
        for field, value in many.items()
    )
