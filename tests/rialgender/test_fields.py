"""Arrays of choices are ticked in forms, not typed as comma-separated codes."""

from django import forms
from django.forms import modelform_factory

from members.models import Communication, Member
from portfolio.models import PopulationGroup, Program


def test_population_groups_are_checkboxes_and_refuse_unknown_codes():
    Form = modelform_factory(Program, fields=["population_groups"])
    field = Form().fields["population_groups"]
    assert isinstance(field.widget, forms.CheckboxSelectMultiple)
    assert (PopulationGroup.RURAL, PopulationGroup.RURAL.label) in field.choices
    form = Form(data={"population_groups": ["rural_women", "domestic_workers"]})
    assert form.is_valid()
    assert form.cleaned_data["population_groups"] == ["rural_women", "domestic_workers"]
    form = Form(data={"population_groups": ["rural_women,domestic_workers"]})
    assert not form.is_valid() and "population_groups" in form.errors


def test_languages_and_countries_are_checkboxes():
    assert isinstance(
        modelform_factory(Member, fields=["languages"])().fields["languages"].widget,
        forms.CheckboxSelectMultiple,
    )
    countries = modelform_factory(Communication, fields=["countries"])().fields["countries"]
    assert isinstance(countries.widget, forms.CheckboxSelectMultiple)
    assert ("PY", "Paraguay") in [(code, str(name)) for code, name in countries.choices]
