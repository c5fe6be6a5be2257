"""The capitalised runs an article keeps for the archive's names (no model)."""

from __future__ import annotations

from newsarchive.entities.phrases import name_phrases


def test_runs_are_cut_and_cleaned_as_mentions_are() -> None:
    text = (
        "Prime Minister Edda Marrowfield said the Bank of Kesselland's rates would hold. The "
        "Reserve Bank of Dunmere Isles. CHICAGO Board staff met the U.S. Harbour Board, Kessel "
        "Co. Ltd and Varnholm Ferries. Talks go on."
    )
    phrases = name_phrases(text)
    # titles cut (as from a person's name) and kept (as from anything else), the possessive
    assert {"Edda Marrowfield", "Prime Minister Edda Marrowfield", "Bank of Kesselland"} <= set(
        phrases
    )
    # a sentence's full stop ends a run; initials and "Co." do not; "and" joins parts of a run
    assert "Reserve Bank of Dunmere Isles" in phrases
    assert {"U.S. Harbour Board", "Kessel Co. Ltd", "Varnholm Ferries"} <= set(phrases)
    assert not any("CHICAGO" in p and "Isles" in p for p in phrases)
    # one word is no phrase
    assert "Talks" not in phrases and phrases == sorted(phrases)
