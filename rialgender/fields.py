from django import forms
from django.contrib.postgres.fields import ArrayField
from django.db import models


class ChoiceArrayField(ArrayField):
    """An array of choices, edited as a list to tick rather than typed codes.

    ArrayField's own form field is a text box of comma-separated values
    ("domestic_workers,rural_women"), which no one in the Secretariat should have to know.
    """

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.base_field.choices,
            "coerce": self.base_field.to_python,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        # Skip ArrayField.formfield (the comma-separated text box).
        return models.Field.formfield(self, **defaults)
