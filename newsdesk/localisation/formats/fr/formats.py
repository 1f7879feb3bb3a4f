# "30 novembre 2026 à 14:05" reads naturally; news sites keep the comma form short.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
