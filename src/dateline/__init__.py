"""dateline: read news reports and code them into PLOVER events you can verify."""

__version__ = "0.1.0"
