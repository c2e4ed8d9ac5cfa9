from __future__ import annotations

import stat
from pathlib import Path

import pytest

from api.settings import Settings, SettingsError


def test_defaults_put_the_database_and_a_generated_secret_in_the_data_dir(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var")
    assert settings.database_url == f"sqlite:///{(tmp_path / 'var' / 'numjudge.db').resolve()}"
    assert settings.redis_url == "redis://127.0.0.1:6379/0" and settings.port == 8000
    secret_file = tmp_path / "var" / "secret_key"
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert len(settings.secret_key) >= 32
    assert Settings(data_dir=tmp_path / "var").secret_key == settings.secret_key  # kept


def test_settings_come_from_numjudge_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUMJUDGE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("NUMJUDGE_PORT", "9001")
    monkeypatch.setenv("NUMJUDGE_OPEN_REGISTRATION", "true")
    settings = Settings()
    assert settings.port == 9001 and settings.open_registration


@pytest.mark.parametrize("secret", ["changeme", "secret", "short-but-unique"])
def test_production_refuses_a_known_or_weak_secret(tmp_path: Path, secret: str) -> None:
    with pytest.raises(SettingsError, match="NUMJUDGE_SECRET_KEY"):
        Settings(data_dir=tmp_path, environment="production", secret_key=secret)
    Settings(data_dir=tmp_path, environment="development", secret_key=secret)
    Settings(data_dir=tmp_path, environment="production")  # a generated one is fine
