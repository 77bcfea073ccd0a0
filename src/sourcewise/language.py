"""The language the course speaks: one list of languages, one forgiving check, one switch.

Messages, definitions, feedback, figures and the cue detector all take their language
from here. A code is read forgivingly (``" DE "``, ``"German"``, ``"de-DE"`` are ``"de"``);
anything else gets a sentence that suggests one.

>>> check_language(" DE ")
'de'
>>> check_language("Englisch")
'en'
>>> set_language("dee")
Traceback (most recent call last):
...
sourcewise.errors.LabelError: No language 'dee'. Did you mean 'de'? Languages are: en, de.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sourcewise._i18n import LANGUAGES, get_language, message, use_language
from sourcewise.errors import LabelError, suggest

__all__ = ["LANGUAGES", "Why", "check_language", "get_language", "set_language"]

_NAMES: Final = {"english": "en", "englisch": "en", "german": "de", "deutsch": "de"}


def check_language(lang: object) -> str:
    """``lang`` as one of :data:`LANGUAGES`, read forgivingly, or a :class:`LabelError`.

    Raises:
        LabelError: for a language the course does not have, with a suggestion.

    >>> check_language("de-AT")
    'de'
    """
    code = lang.strip().lower() if isinstance(lang, str) else ""
    if code in LANGUAGES:
        return code
    region = code.replace("_", "-").split("-")[0]  # "de-AT" is German
    guess = _NAMES.get(code) or (region if region in LANGUAGES else None)
    if guess is not None:
        return guess
    hint = suggest(code, [*LANGUAGES, *_NAMES], lambda name: _NAMES.get(name, name))
    raise LabelError(message("language_unknown", got=lang, hint=hint, languages=", ".join(LANGUAGES)))


def set_language(lang: str) -> None:
    """Show messages, definitions and feedback in ``"en"`` (English) or ``"de"`` (German).

    Raises:
        LabelError: for a language the course does not have, with a suggestion.

    >>> set_language("de"); get_language()
    'de'
    >>> set_language("en")
    """
    use_language(check_language(lang))


@dataclass(frozen=True, slots=True)
class Why:
    """A reason (or any short text) in English and German; ``str()`` picks the current language.

    >>> why = Why("It says no.", "Es sagt nein.")
    >>> set_language("de"); str(why)
    'Es sagt nein.'
    >>> set_language("en"); str(why)
    'It says no.'
    """

    en: str
    de: str

    def __str__(self) -> str:
        return self.de if get_language() == "de" else self.en
