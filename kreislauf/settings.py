"""One typed settings object, read from ``KREISLAUF_*`` environment variables.

Zero configuration works: the database is a SQLite file in the data directory and the
language follows the user's locale. Every setting has a description; ``docs/*/settings.md``
is generated from them and a test keeps it in step.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from kreislauf.errors import ConfigurationError

Language = Literal["de", "en"]

PLACEHOLDER_SECRETS = frozenset({"", "changeme", "change-me", "secret", "dev-secret-change-me"})


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kreislauf"


def locale_language() -> Language:
    """German where the user's locale says so, else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "de" if value.lower().startswith("de") else "en"
    return "en"


class Settings(BaseSettings):
    """All settings of kreislauf. Environment variables carry the prefix ``KREISLAUF_``."""

    model_config = SettingsConfigDict(env_prefix="KREISLAUF_", extra="ignore")

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Folder for the default SQLite database and cached files "
        "(default: $XDG_DATA_HOME/kreislauf or ~/.local/share/kreislauf).",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the database, e.g. "
        "postgresql+psycopg://user@host/kreislauf. Default: a SQLite file kreislauf.db "
        "in the data directory.",
    )
    language: Language | None = Field(
        default=None,
        description="Language of messages and reports, 'de' or 'en'. Default: from the "
        "locale (LANG), English where it names no German locale.",
    )
    environment: Literal["development", "production"] = Field(
        default="development",
        description="'production' refuses placeholder secrets and sets secure cookies.",
    )
    secret_key: str = Field(
        default="dev-secret-change-me",
        description="Secret for signing sessions and tokens; must be set to a random value "
        "in production.",
    )
    max_import_mb: float = Field(
        default=100.0,
        gt=0,
        description="Largest file (in MB) that imports and validation accept; larger files "
        "are refused with a message before anything is read.",
    )

    map_tile_url: str | None = Field(
        default=None,
        description="URL template of a map tile server for online use, e.g. "
        "https://tile.example.org/{z}/{x}/{y}.png. Default: none; the map shows district "
        "boundaries and actors from the app's own files and works offline.",
    )
    map_tile_attribution: str = Field(
        default="",
        description="Attribution text shown with the tiles of map_tile_url.",
    )

    @field_validator("database_url")
    @classmethod
    def _empty_url_is_default(cls, value: str | None) -> str | None:
        return value or None

    @model_validator(mode="after")
    def _refuse_placeholder_secret(self) -> Settings:
        if self.environment == "production" and self.secret_key in PLACEHOLDER_SECRETS:
            raise ValueError("KREISLAUF_SECRET_KEY must be set to a random value in production")
        return self

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'kreislauf.db'}"

    @property
    def effective_language(self) -> Language:
        return self.language or locale_language()

    @property
    def max_import_bytes(self) -> int:
        return int(self.max_import_mb * 1024 * 1024)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process (read once; ``get_settings.cache_clear()`` re-reads)."""
    try:
        return Settings()
    except ValueError as exc:
        raise ConfigurationError("invalid settings: {detail}", detail=str(exc)) from exc


__all__ = ["Language", "Settings", "get_settings", "locale_language"]
