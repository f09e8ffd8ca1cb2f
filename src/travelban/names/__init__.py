"""Name screening: normalisation, transliteration rules (data), index, scores with reasons."""

from travelban.names.index import IndexedName, NameIndex, TextHit
from travelban.names.normalize import (
    Normalizer,
    Role,
    Token,
    get_normalizer,
    name_key,
    normalize,
    tokens,
)
from travelban.names.rules import NameRules, load_rules

__all__ = [
    "IndexedName",
    "NameIndex",
    "NameRules",
    "Normalizer",
    "Role",
    "TextHit",
    "Token",
    "get_normalizer",
    "load_rules",
    "name_key",
    "normalize",
    "tokens",
]
