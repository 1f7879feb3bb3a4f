# Arabic: "30 نوفمبر 2026، 14:05" with the Arabic comma. Digits are Latin unless the edition
# chooses Arabic-Indic ones (NEWSDESK_NATIVE_DIGITS, applied by newsdesk.localisation.digits).
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
TIME_FORMAT = "H:i"
