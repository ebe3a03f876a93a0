"""An installation switched to English (LANGUAGE_CODE=en) still writes dates as the Russian pages do."""
from config.formats.ru.formats import DATE_FORMAT, DATETIME_FORMAT, SHORT_DATE_FORMAT, SHORT_DATETIME_FORMAT

__all__ = ["DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"]
