from django import template

from newsletter.forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("newsletter/_signup.html", takes_context=True)
def newsletter_signup(context):
    """The sign-up box (home page, archive): no query."""
    request = context.get("request")
    language = getattr(request, "LANGUAGE_CODE", "es")
    return {
        "form": SubscribeForm(initial={"language": language}),
        "csrf_token": context.get("csrf_token"),
    }
