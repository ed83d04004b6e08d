"""The words of pmp's problem messages about people's names and words (DESIGN.md §4b), in French and
English: part of text/messages.py's MESSAGES (same form, same rules: ids only, never a name)."""

from __future__ import annotations

PRIVACY_MESSAGES: dict[str, dict[str, str]] = {
    "invisible_char": {
        "fr": "caractère invisible ({code}), souvent collé depuis un traitement de texte : il cache un mot "
              "(un nom ne se lit plus comme lui-même) ; supprimez-le",
        "en": "invisible character ({code}), often pasted from a word processor: it hides a word "
              "(a name no longer reads as itself); remove it",
    },
    "quote_without_consent": {
        "fr": "{ref} n'a pas donné son accord pour être nommé·e (consent: false)\u00a0: dans une réponse "
              "partageable, cette citation sera attribuée à son rôle",
        "en": "{ref} did not agree to be named (consent: false): in a shareable answer, "
              "this quote will be attributed to their role",
    },
    "name_without_consent": {
        "fr": "{ref} n'a pas donné son accord pour être nommé·e (consent: false)\u00a0: son nom est dans ce "
              "texte, qui va au client\u00a0; écrivez son rôle ou retirez le nom",
        "en": "{ref} did not agree to be named (consent: false): their name is in this text, "
              "which goes to the client; write their role or remove the name",
    },
    "email_in_client_text": {
        "fr": "une adresse électronique est dans ce texte, qui va au client : c'est celle d'une personne, "
              "le plus souvent ; retirez-la, ou gardez-la si cette personne l'accepte",
        "en": "an e-mail address is in this text, which goes to the client: most often a person's; "
              "remove it, or keep it if that person agrees",
    },
    "name_from_other_mission": {
        "fr": "le nom d'une personne rencontrée dans la mission {mission} ({ref}) est dans ce texte, qui va "
              "à un autre client : écrivez son rôle ou retirez le nom",
        "en": "the name of a person met in the mission {mission} ({ref}) is in this text, which goes to "
              "another client: write their role or remove the name",
    },
}
