"""A member's contact card (vCard 4.0, RFC 6350) for address books. Every value is escaped
(rialgender.exports.vcard_text), so a line break in a profile never starts a new property."""

from django.conf import settings

from rialgender.exports import fold_line
from rialgender.exports import vcard_text as _escape


def member_vcard(member) -> str:
    user = member.user
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"FN:{_escape(str(member))}",
        f"N:{_escape(user.last_name)};{_escape(user.first_name)};;;",
        f"ORG:{_escape(member.ministry.name)}"
        + (f";{_escape(member.unit)}" if member.unit else ""),
        f"EMAIL;TYPE=work:{_escape(user.email)}",
    ]
    if member.title:
        lines.append(f"TITLE:{_escape(member.title)}")
    if member.phone:
        lines.append(f"TEL;TYPE=work,voice:{_escape(member.phone)}")
    lines.append(f"ADR;TYPE=work:;;;;;;{_escape(member.ministry.country.name)}")
    for position, code in enumerate(member.languages, start=1):
        lines.append(f"LANG;PREF={position}:{_escape(code)}")
    lines.append(f"NOTE:{_escape(f'{member.get_network_role_display()}, RIAL/GENDER')}")
    lines.append(f"SOURCE:{settings.SITE_URL}")
    lines.append("END:VCARD")
    return "\r\n".join(fold_line(line) for line in lines) + "\r\n"
