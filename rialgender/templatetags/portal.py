from django import template
from django.conf import settings
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language: str) -> str:
    """The current page in another language (same object, same query string)."""
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    return translate_url(request.get_full_path(), language)


@register.simple_tag(takes_context=True)
def other_languages(context):
    current = context.get("LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return [(code, name) for code, name in settings.LANGUAGES if code != current]


@register.simple_tag(takes_context=True)
def absolute_uri(context, path: str) -> str:
    return f"{settings.SITE_URL}{path}"
