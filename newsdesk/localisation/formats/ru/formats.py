# Russian dates take the month in the genitive ("30 ноября 2026"): the `E` format character.
# Django's own module adds "г.", which Russian news sites leave out.
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
TIME_FORMAT = "H:i"
