"""entities.yml parsing and validation (no model needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.entities import EntityConfig, EntityConfigError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "entities"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "entities.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_fixture_config_is_parsed() -> None:
    config = EntityConfig.load(FIXTURES / "entities.yml")
    assert config.canonical("Varnholm Ferries") == "Varnholm Ferry Company"
    assert config.canonical("orla  BRANNIGAN") == "Orla Brannigan-Lowe"  # case, spacing
    assert config.canonical("Orla Brannigan-Lowe") is None  # already canonical
    assert config.is_blocked("kestrel herald")
    assert not config.is_blocked("Kestrel Bay")
    assert config.forced_type("Kessel") == "places"
    assert config.forced_type("Varnholm") is None


def test_empty_file_and_empty_config_agree(tmp_path: Path) -> None:
    loaded = EntityConfig.load(write(tmp_path, "# nothing configured yet\n"))
    assert loaded == EntityConfig.empty()
    assert loaded.fingerprint() == EntityConfig.empty().fingerprint()


def test_fingerprint_follows_meaning_not_layout(tmp_path: Path) -> None:
    a = EntityConfig.load(write(tmp_path, 'aliases: {"Ines Varga": "Ines Varga-Holt"}\n'))
    b = EntityConfig.load(write(tmp_path, 'merges:\n  "Ines Varga-Holt":\n    - "ines  varga"\n'))
    c = EntityConfig.load(write(tmp_path, 'aliases: {"Ines Varga": "Ines Varga-Hall"}\n'))
    assert a.fingerprint() == b.fingerprint()
    assert a.fingerprint() != c.fingerprint()
    assert a.fingerprint() != EntityConfig.empty().fingerprint()
    assert len(a.fingerprint()) == 64


def test_type_override_follows_aliases(tmp_path: Path) -> None:
    config = EntityConfig.load(
        write(tmp_path, 'aliases: {"Kessel Yard": "Kessel"}\ntypes: {"Kessel Yard": places}\n')
    )
    assert config.forced_type("Kessel") == "places"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("- just\n- a list\n", "top level must be a mapping"),
        ("alias: {}\n", "unknown key 'alias'"),
        ("aliases: [a, b]\n", "aliases must be a mapping of names"),
        ("aliases: {Kessel: 3}\n", "aliases['Kessel'] must be a string, not int 3"),
        ('aliases: {"": "Kessel"}\n', "aliases key must not be empty"),
        ("merges: {Kessel: Kessel Yard}\n", "merges['Kessel'] must be a list of names"),
        ("blocklist: Search\n", "blocklist must be a list of names"),
        ("blocklist: [Search, 12]\n", "blocklist item must be a string, not int 12"),
        ("types: {Kessel: place}\n", "types['Kessel'] must be one of people, organizations"),
        ("types: {Kessel: no}\n", "not False"),
        (
            "aliases: {Brannigan: Orla Brannigan}\nmerges: {Orla Brannigan-Lowe: [Brannigan]}\n",
            "'Brannigan' is already mapped to 'Orla Brannigan'",
        ),
        (
            "aliases: {Orla: Orla Brannigan, Orla Brannigan: Orla Brannigan-Lowe}\n",
            "'Orla Brannigan' is a canonical name and also an alias",
        ),
        ("types: {Kessel: places, kessel: people}\n", "'kessel' is given two types"),
        ("aliases: {a: [unclosed\n", "invalid YAML at line"),
    ],
)
def test_invalid_config_names_file_and_reason(tmp_path: Path, text: str, reason: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(EntityConfigError) as caught:
        EntityConfig.load(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert reason in message
    assert "\n" not in message


def test_missing_and_undecodable_files(tmp_path: Path) -> None:
    with pytest.raises(EntityConfigError, match=r"entities\.yml: cannot read file"):
        EntityConfig.load(tmp_path / "entities.yml")
    path = tmp_path / "latin.yml"
    path.write_bytes(b"blocklist: [Caf\xe9]\n")
    with pytest.raises(EntityConfigError, match=r"latin\.yml: not UTF-8 text"):
        EntityConfig.load(path)


def test_config_error_is_a_value_error() -> None:
    assert issubclass(EntityConfigError, ValueError)


def test_the_site_build_reads_entities_yml_without_the_entity_rules() -> None:
    """The build imports the package for ``entities.yml`` alone; the archive and extraction
    rules come only when asked for, by name, from the package as before."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import newsarchive.site.command, newsarchive.site.aliases\n"
        "rules = ('newsarchive.entities.archive', 'newsarchive.entities.extractor')\n"
        "print([m for m in rules if m in sys.modules])\n"
        "from newsarchive.entities import EntityExtractor, resolve_archive\n"
        "import newsarchive.entities as package\n"
        "print([m for m in rules if m in sys.modules], sorted(package.__all__) == package.__all__,"
        " resolve_archive.__module__, 'EntityExtractor' in dir(package))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == [
        "[]",
        "['newsarchive.entities.archive', 'newsarchive.entities.extractor'] True "
        "newsarchive.entities.archive True",
    ]
    with pytest.raises(AttributeError):
        import newsarchive.entities as package

        package.NoSuchName  # noqa: B018
