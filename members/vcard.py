"""A member's contact card (vCard 4.0, RFC 6350) for address books."""

from django.conf import settings


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 6350, 3.2)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


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
        lines.append(f"LANG;PREF={position}:{code}")
    lines.append(f"NOTE:{_escape(member.get_network_role_display())}, RIAL/GENDER")
    lines.append(f"SOURCE:{settings.SITE_URL}")
    lines.append("END:VCARD")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
