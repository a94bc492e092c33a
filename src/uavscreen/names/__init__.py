"""Name normalisation: scripts, transliteration, legal forms, tokens and keys.
Pure functions, no state beyond cached tables."""
