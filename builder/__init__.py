"""chabaocu: a static site and handbook generator for the 查保促 work-safety campaign."""

__version__ = "0.1.0"
