from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language: str) -> str:
    """The current page in another language (same object, same query string); on a page
    that resolves to nothing (an error page), the other language's home."""
    request = context.get("request")
    if request is None or request.resolver_match is None:
        return f"/{language}/"
    # Asked for once per language in the <head> and again by the language switch: the
    # path is resolved once per language.
    known = request.__dict__.setdefault("_url_in_language", {})
    if language not in known:
        known[language] = translate_url(request.get_full_path(), language)
    return known[language]


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
    params = _query(context["request"])  # a list page has dozens of these links
    values = list(params.get(name, ()))
    if value in values:  # every time it is there (?type=guide&type=guide): the link says off
        values = [v for v in values if v != value]
    elif name in MULTI_VALUE:
        values.append(value)
    else:
        values = [value]
    return "?" + urlencode({**params, name: values}, doseq=True)


@register.simple_tag(takes_context=True)
def facet_option(context, name: str, option: dict, exact: bool = True) -> str:
    """An option of a list page's facet, as its list item: a link that switches the filter on
    or off, and how many results it has (estimated, "≈", when the page counted a sample).
    Written here rather than in the template: a page has dozens of them."""
    selected = option["selected"]
    count = option["count"]
    shown = str(count) if isinstance(count, int) and 0 <= count < 1000 else floatformat(count, "0g")
    return format_html(
        '<li><a href="{}"{} rel="nofollow">{}{} <span class="count">({}{})</span></a></li>',
        query_toggle(context, name, option["value"]),
        mark_safe(' aria-current="true" class="selected"') if selected else "",
        format_html('<span class="visually-hidden">{} </span>', _("Remove filter:"))
        if selected
        else "",
        option["label"],
        "" if exact else "≈ ",
        shown,
    )


def _query(request) -> dict[str, list[str]]:
    """The request's query string as {name: [values]}, without the page number, read once."""
    found = request.__dict__.get("_query_without_page")
    if found is None:
        found = request._query_without_page = {
            key: values for key, values in request.GET.lists() if key != "page"
        }
    return found


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
