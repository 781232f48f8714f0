"""English: day before month, abbreviated month, 24-hour clock ("23 Nov 2026, 14:05")."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
# Within the coming or past weeks: the weekday helps, the year does not.
SHORT_DATE_FORMAT = "D j M"
SHORT_DATETIME_FORMAT = "D j M, H:i"
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "M Y"
