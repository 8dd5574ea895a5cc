from django import template
from django.conf import settings
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language: str) -> str:
    """The current page in another language (same object, same query string); on a page
    that resolves to nothing (an error page), the other language's home."""
    request = context.get("request")
    if request is None or request.resolver_match is None:
        return f"/{language}/"
    return translate_url(request.get_full_path(), language)


@register.simple_tag(takes_context=True)
def other_languages(context):
    current = context.get("LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return [(code, name) for code, name in settings.LANGUAGES if code != current]


@register.simple_tag(takes_context=True)
def absolute_uri(context, path: str) -> str:
    return f"{settings.SITE_URL}{path}"


MULTI_VALUE = {"country", "area", "group", "type"}


@register.simple_tag(takes_context=True)
def query_toggle(context, name: str, value: str) -> str:
    """The current query string with `name=value` switched on or off (page reset)."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    values = params.getlist(name)
    if value in values:
        values.remove(value)
    elif name in MULTI_VALUE:
        values.append(value)
    else:
        values = [value]
    params.setlist(name, values)
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def query_page(context, number: int) -> str:
    params = context["request"].GET.copy()
    params["page"] = number
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def page_sections(context, page: str, obj) -> str:
    """The sections other apps registered for this page (rialgender.sections), rendered in
    order, each with the page's context and its own."""
    from django.utils.safestring import mark_safe

    from rialgender.sections import sections_for

    request = context.get("request")
    parts = []
    for section in sections_for(page):
        extra = section.context(request, obj)
        if extra is not None:
            parts.append(render_section(context, section.template, extra))
    return mark_safe("".join(parts))


@register.simple_tag(takes_context=True)
def render_section(context, template_name, section_context):
    """Render a registered section's template with its own context (a dict), e.g. the home
    page's "what is new" sections (rialgender/home_sections.py)."""
    template = context.template.engine.get_template(template_name)
    with context.push(**section_context):
        return template.render(context)
