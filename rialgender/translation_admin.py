"""The two languages of a translated field side by side in the admin, English on the left.

modeltranslation's tabbed admin needs jQuery UI from a public CDN: a third party's script
in the Secretariat's admin, and nothing at all where that address is not reachable (the
tabs then fall back to one field under the other, labelled alike). Here each field's
English and Spanish versions share one form row, labelled with their language, with a
stylesheet of our own and no script; on a narrow screen the row wraps.
"""

from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from rialgender.languages import field_label


def pair_languages(fields, translated):
    """Fieldset lines with each run of one field's translations joined into one line."""
    lines, run, base, seen = [], [], None, set()
    for line in fields:
        if isinstance(line, str):
            if line in seen:  # e.g. read-only fields named both as "subject" and "subject_en"
                continue
            seen.add(line)
        field_base = translated.get(line) if isinstance(line, str) else None
        if run and field_base != base:
            lines.append(tuple(run) if len(run) > 1 else run[0])
            run = []
        if field_base is None:
            lines.append(line)
        else:
            run.append(line)
        base = field_base
    if run:
        lines.append(tuple(run) if len(run) > 1 else run[0])
    return lines


class LanguageLabelMixin:
    """Labels such as "Summary (English)" / "Resumen (inglés)" on each language's field."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        original = getattr(db_field, "translated_field", None)
        if field is not None and original is not None:
            field.label = field_label(original.verbose_name, db_field.language)
        return field


class SideBySideMixin(LanguageLabelMixin):
    def _translated_names(self):
        return {
            field.name: base
            for base, fields in self.trans_opts.all_fields.items()
            for field in fields
        }

    def get_fieldsets(self, request, obj=None):
        translated = self._translated_names()
        return [
            (name, {**options, "fields": pair_languages(options["fields"], translated)})
            for name, options in super().get_fieldsets(request, obj)
        ]

    class Media:
        css = {"all": ["admin/css/side_by_side.css"]}


class SideBySideTranslationAdmin(SideBySideMixin, TranslationAdmin):
    pass


class SideBySideStackedInline(SideBySideMixin, TranslationStackedInline):
    pass


class SideBySideTabularInline(LanguageLabelMixin, TranslationTabularInline):
    """A table already gives each language its column; only the labels change."""
