"""reportgen: official Reformasi Birokrasi documents (DOCX and PDF) from a unit's spreadsheets."""

__version__ = "0.1.0"
