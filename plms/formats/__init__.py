"""Date and time formats per language (`FORMAT_MODULE_PATH`).

Templates name a format (`|date:"DATE_FORMAT"`, `"DATETIME_FORMAT"`, `"SHORT_DATE_FORMAT"`,
`"SHORT_DATETIME_FORMAT"`) or print the value as is, never a format string of their own, so
every page writes dates the same way and a language brings its own conventions. A language
without a module here uses Django's formats for it.
"""
