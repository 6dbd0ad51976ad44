class LanguageConverter:
    """Match a public site language prefix: ``ko`` or ``en``."""

    regex = "ko|en"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
