"""Money amounts and market facts.

The package root is pure Python and imports no Django: ``find_amounts`` and the conversion
functions work from any script. The Django app (models, pages, the ``amounts`` command) lives in
the submodules that need it.
"""

from .convert import (
    Conversion,
    ConversionError,
    MarketRate,
    choose_market_rate,
    convert,
    ecb_bounds,
    ecb_rate,
)
from .parser import Amount, ParseResult, Rejected, find_amounts, parse_amounts

__all__ = [
    "Amount",
    "Conversion",
    "ConversionError",
    "MarketRate",
    "ParseResult",
    "Rejected",
    "choose_market_rate",
    "convert",
    "ecb_bounds",
    "ecb_rate",
    "find_amounts",
    "parse_amounts",
]
