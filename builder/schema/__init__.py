"""Schemas, declared once: the engine (core), site.toml (config), front matter (page), data (records)."""
