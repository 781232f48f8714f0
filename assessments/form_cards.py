"""The rating form's level cards, written in Python: per capability a radio button for each
level of the scale with its descriptor and indicators, and one for "not observed". A form of
eleven capabilities has about seventy cards, and the template's per-variable cost was most of
the page's time.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def level_cards(item: dict, *, not_observed: str) -> SafeString:
    """The cards of one capability of `rating_selectors.rating_form_data()` (`item`, with
    `posted` when the form comes back with what was posted): the posted level is checked,
    else the saved rating's; the target level is marked."""
    capability, rating, posted = item["capability"], item.get("rating"), item.get("posted")
    target = item["requirement"].target_level
    name = f"level-{capability.uuid}"
    target_tag = f'<span class="tag">{escape(_("Target"))}</span>'
    undescribed = f'<br><span class="empty">{escape(_("Not described yet."))}</span>'
    parts = []
    for scale_level, level in item["levels"]:
        number = scale_level.number
        if posted:
            checked = posted["level"] == str(number)
        else:
            checked = rating is not None and rating.level == number
        at_target = number == target
        if level:
            described = f"<br>{escape(level.descriptor)}"
            if level.indicators:
                listed = "".join(f"<li>{escape(text)}</li>" for text in level.indicators)
                described += f"<ul>{listed}</ul>"
        else:
            described = undescribed
        parts.append(
            f'\n      <label class="level-card{" target" if at_target else ""}">\n'
            f'        <input type="radio" name="{name}" value="{number}"\n'
            f"          {'checked' if checked else ''}>\n"
            f"        <strong>{number} · {escape(scale_level.name)}</strong>"
            f"{target_tag if at_target else ''}\n"
            f"        {described}\n"
            "      </label>\n      "
        )
    if posted:
        checked = posted["level"] == not_observed
    else:
        checked = rating is not None and rating.level is None
    parts.append(
        '\n      <label class="level-card">\n'
        f'        <input type="radio" name="{name}" value="{escape(not_observed)}"\n'
        f"          {'checked' if checked else ''}>\n"
        f"        <strong>{escape(_('Not observed'))}</strong><br>"
        f'<span class="help">{escape(_("You have not seen this capability in use."))}</span>\n'
        "      </label>"
    )
    return mark_safe("".join(parts))
