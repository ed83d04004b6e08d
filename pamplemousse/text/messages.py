"""The words of pmp's problem messages, in French and English.

Messages never echo a value the user wrote in a free-text field (it may hold
personal data); they name keys, ids and allowed values only.
"""

from __future__ import annotations

from os.path import commonpath

from pamplemousse.text.wording import french, plain

MESSAGES: dict[str, dict[str, str]] = {
    # reading files
    "file_missing": {
        "fr": "fichier manquant : {name}",
        "en": "missing file: {name}",
    },
    "file_too_big": {
        "fr": "fichier trop gros ({size} octets, limite {limit}) : pmp ne le lit pas",
        "en": "file too big ({size} bytes, limit {limit}): pmp does not read it",
    },
    "not_regular": {
        "fr": "{name} n'est pas un fichier ordinaire (un tube, un périphérique, un dossier) : pmp ne le lit pas",
        "en": "{name} is not a regular file (a pipe, a device, a folder): pmp does not read it",
    },
    "bad_utf8": {
        "fr": "octet invalide en UTF-8 ici ; enregistrez le fichier en UTF-8",
        "en": "byte not valid in UTF-8 here; save the file as UTF-8",
    },
    "bad_char": {
        "fr": "caractère interdit ({code}) ; supprimez-le",
        "en": "forbidden character ({code}); remove it",
    },
    "empty_file": {
        "fr": "fichier vide : il doit contenir {expected}",
        "en": "empty file: it must hold {expected}",
    },
    "a_mapping": {"fr": "des clés et des valeurs (clé: valeur)", "en": "keys and values (key: value)"},
    "a_list": {"fr": "une liste (lignes commençant par « - »)", "en": "a list (lines starting with '- ')"},
    "several_documents": {
        "fr": "plusieurs documents YAML dans un seul fichier (« --- ») ; gardez-en un seul",
        "en": "several YAML documents in one file ('---'); keep only one",
    },
    "tab": {
        "fr": "tabulation dans l'indentation ; YAML n'accepte que des espaces",
        "en": "tab in the indentation; YAML accepts spaces only",
    },
    "colon_in_value": {
        "fr": "« : » suivi d'une espace dans une valeur ; mettez la valeur entre guillemets (\"Objectif : …\")",
        "en": "': ' inside a value; put the value in quotes (\"Goal: …\")",
    },
    "missing_colon": {
        "fr": "« : » attendu après la clé ; un deux-points doit être suivi d'une espace (clé: valeur)",
        "en": "':' expected after the key; a colon must be followed by a space (key: value)",
    },
    "too_deep": {
        "fr": "imbrication trop profonde",
        "en": "nesting too deep",
    },
    "anchor": {
        "fr": "ancre YAML (« & ») non acceptée ; recopiez la valeur",
        "en": "YAML anchor ('&') not accepted; write the value out",
    },
    "alias": {
        "fr": "alias YAML (« * ») non accepté ; recopiez la valeur",
        "en": "YAML alias ('*') not accepted; write the value out",
    },
    "tag": {
        "fr": "étiquette YAML (« ! ») non acceptée ; écrivez la valeur seule",
        "en": "YAML tag ('!') not accepted; write the plain value",
    },
    "merge_key": {
        "fr": "clé de fusion « << » non acceptée ; recopiez les clés",
        "en": "merge key '<<' not accepted; write the keys out",
    },
    "complex_key": {
        "fr": "une clé doit être un simple mot, pas une liste ni un dictionnaire",
        "en": "a key must be a plain word, not a list or a mapping",
    },
    "duplicate_key": {
        "fr": "clé « {key} » en double (première définition ligne {line})",
        "en": "duplicate key '{key}' (first defined at line {line})",
    },
    "yaml_syntax": {
        "fr": "syntaxe YAML invalide ici",
        "en": "invalid YAML syntax here",
    },
    "bad_escape": {
        "fr": "séquence d'échappement invalide dans un texte entre guillemets",
        "en": "invalid escape sequence in a quoted text",
    },
    "unclosed_quote": {
        "fr": "guillemets ou crochets non refermés",
        "en": "unclosed quote or bracket",
    },
    "git_conflict": {
        "fr": "conflit git non résolu : gardez la bonne version, puis supprimez les lignes <<<<<<<, ======= et >>>>>>>",
        "en": "unresolved git conflict: keep the right version, then delete the <<<<<<<, ======= and >>>>>>> lines",
    },
    "git_conflict_journal": {
        "fr": "conflit git non résolu : dans le journal, gardez les entrées des deux côtés (l'une après l'autre), "
              "puis supprimez les lignes <<<<<<<, ======= et >>>>>>> ; pmp init ajoute à .gitattributes "
              "« journal.yaml merge=union » pour que git les garde lui-même",
        "en": "unresolved git conflict: in the journal, keep the entries of both sides (one after the other), "
              "then delete the <<<<<<<, ======= and >>>>>>> lines; pmp init adds 'journal.yaml merge=union' "
              "to .gitattributes so that git keeps both itself",
    },
    "indent_in_item": {
        "fr": "indentation incorrecte : « {key} » est plus en retrait que « {sibling} » dans l'élément de liste "
              "commencé ligne {line} ; alignez « {key} » sur « {sibling} »",
        "en": "wrong indentation: '{key}' is indented deeper than '{sibling}' in the list item that began at "
              "line {line}; align '{key}' with '{sibling}'",
    },
    "indent_too_deep": {
        "fr": "indentation incorrecte : « {key} » est plus en retrait que « {sibling} » (ligne {line}) ; "
              "alignez-la sur « {sibling} », ou mettez la valeur de « {sibling} » à la ligne si « {key} » en fait partie",
        "en": "wrong indentation: '{key}' is indented deeper than '{sibling}' (line {line}); align it with "
              "'{sibling}', or move the value of '{sibling}' to its own line if '{key}' belongs to it",
    },
    "indent_misaligned": {
        "fr": "indentation incorrecte : « {key} » n'est alignée sur aucune clé au-dessus ; "
              "alignez-la sur celles de même niveau (« {sibling} »…)",
        "en": "wrong indentation: '{key}' is aligned with no key above; align it with the keys of its level ('{sibling}'…)",
    },
    "apostrophe": {
        "fr": "apostrophe dans une valeur entre apostrophes ('…') : elle ferme la valeur ; "
              "doublez l'apostrophe ('Organiser l''immersion') ou utilisez des guillemets (\"Organiser l'immersion\")",
        "en": "apostrophe inside a value in single quotes ('…'): it closes the value; double it "
              "('Don''t') or use double quotes (\"Don't\")",
    },
    "syntax_first": {
        "fr": " (première erreur de syntaxe : YAML ne peut pas lire la suite du fichier ; corrigez-la puis relancez pmp check)",
        "en": " (first syntax error: YAML cannot read the rest of the file; fix it, then run pmp check again)",
    },
    "syntax_rest_unread": {
        "fr": " (YAML ne peut pas lire la suite du fichier après cette erreur)",
        "en": " (YAML cannot read the rest of the file after this error)",
    },
    "hash_comment": {
        "fr": "le texte après # est un commentaire : mettez la valeur entre guillemets ; valeur lue : « {kept} »",
        "en": "the text after # is a comment: put the value in quotes; value read: '{kept}'",
    },
    "dees_partial": {
        "fr": "la grille Dees ne note que {given} critères sur 5 ; il manque : {missing}",
        "en": "the Dees grid scores {given} criteria out of 5 only; missing: {missing}",
    },
    "warning_tag": {"fr": "avertissement : ", "en": "warning: "},  # before a warning's message
    # fields
    "missing": {
        "fr": "champ obligatoire « {key} » manquant",
        "en": "required field '{key}' is missing",
    },
    "empty_value": {
        "fr": "« {key} » est vide ; il faut une valeur",
        "en": "'{key}' is empty; it needs a value",
    },
    "unknown_key": {
        "fr": "clé inconnue « {key} »",
        "en": "unknown key '{key}'",
    },
    "did_you_mean": {
        "fr": " ; vouliez-vous dire « {suggestion} » ?",
        "en": "; did you mean '{suggestion}'?",
    },
    "allowed_keys": {
        "fr": " ; clés possibles : {allowed}",
        "en": "; allowed keys: {allowed}",
    },
    "enum": {
        "fr": "valeur inconnue pour « {key} » ; valeurs possibles : {allowed}",
        "en": "unknown value for '{key}'; allowed values: {allowed}",
    },
    "expect_text": {"fr": "« {key} » doit être un texte", "en": "'{key}' must be text"},
    "expect_int": {
        "fr": "« {key} » doit être un nombre entier",
        "en": "'{key}' must be a whole number",
    },
    "expect_number": {
        "fr": "« {key} » doit être un nombre (par exemple 12 ou 12.5)",
        "en": "'{key}' must be a number (for example 12 or 12.5)",
    },
    "expect_bool": {
        "fr": "« {key} » doit valoir true ou false",
        "en": "'{key}' must be true or false",
    },
    "expect_date": {
        "fr": "« {key} » doit être une date AAAA-MM-JJ (par exemple 2026-03-01)",
        "en": "'{key}' must be a date YYYY-MM-DD (for example 2026-03-01)",
    },
    "expect_date_as": {
        "fr": "« {key} » doit être une date AAAA-MM-JJ : écrivez {iso}",
        "en": "'{key}' must be a date YYYY-MM-DD: write {iso}",
    },
    "impossible_date": {
        "fr": "« {key} » : cette date n'existe pas",
        "en": "'{key}': this date does not exist",
    },
    "expect_mapping": {
        "fr": "« {key} » doit contenir des clés et des valeurs (clé: valeur)",
        "en": "'{key}' must hold keys and values (key: value)",
    },
    "expect_list": {
        "fr": "« {key} » doit être une liste (lignes commençant par « - »)",
        "en": "'{key}' must be a list (lines starting with '- ')",
    },
    "colon_hint": {
        "fr": " ; après « : », mettez une espace",
        "en": "; put a space after ':'",
    },
    "range": {
        "fr": "« {key} » doit être entre {low} et {high}",
        "en": "'{key}' must be between {low} and {high}",
    },
    "date_range": {
        "fr": "« {key} » : pmp lit les dates des années {low} à {high}",
        "en": "'{key}': pmp reads dates from the years {low} to {high}",
    },
    "number_range": {
        "fr": "« {key} » : nombre trop grand ; pmp lit les nombres de -1\u00a0000 milliards à 1\u00a0000 milliards",
        "en": "'{key}': number too large; pmp reads numbers from -1,000 billion to 1,000 billion",
    },
    "at_least": {
        "fr": "« {key} » doit être au moins {low}",
        "en": "'{key}' must be at least {low}",
    },
    "schema_version": {
        "fr": "schema_version {found} inconnue ; cette version de pmp lit la version {known}",
        "en": "unknown schema_version {found}; this version of pmp reads version {known}",
    },
    "siret": {
        "fr": "SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle (Luhn)",
        "en": "invalid SIRET: 14 digits, the last one a check digit (Luhn)",
    },
    "email": {"fr": "adresse e-mail invalide", "en": "invalid e-mail address"},
    "slug_id": {
        "fr": "identifiant invalide : lettres, chiffres, « - » et « _ », sans espace",
        "en": "invalid id: letters, digits, '-' and '_', no spaces",
    },
    "milestone_after_due": {
        "fr": "un jalon de {id} tombe le {due}, après l'échéance de la préconisation ({rec_due})",
        "en": "a milestone of {id} falls on {due}, after the recommendation's deadline ({rec_due})",
    },
    "duplicate_milestone_id": {
        "fr": "l'id de jalon « {id} » est déjà pris (ligne {line}) : le journal ne saurait pas de quel jalon il parle",
        "en": "milestone id '{id}' is already taken (line {line}): the journal could not tell which milestone it means",
    },
    "journal_kind": {
        "fr": "une entrée du journal porte sur une seule chose : {kinds}",
        "en": "a journal entry is about exactly one thing: {kinds}",
    },
    "journal_field": {
        "fr": "« {key} » ne va pas avec une entrée « {kind} »",
        "en": "'{key}' does not belong in a '{kind}' entry",
    },
    "milestone_ref": {
        "fr": "« {key} » : un jalon se désigne par son id ou par sa préconisation et son rang (R3.1)",
        "en": "'{key}': a milestone is referred to by its id or by its recommendation and rank (R3.1)",
    },
    "journal_needs": {
        "fr": "une entrée « {kind} » a besoin de « {key} »",
        "en": "a '{kind}' entry needs a '{key}'",
    },
    "or": {"fr": " ou ", "en": " or "},
    # cross-file rules
    "duplicate_id": {
        "fr": "identifiant « {id} » déjà utilisé ({where} ligne {line})",
        "en": "id '{id}' already used ({where} line {line})",
    },
    "duplicate_id_case": {
        "fr": "identifiant « {id} » déjà utilisé sous la forme « {first} » ({where} ligne {line}) ; "
              "majuscules et minuscules ne distinguent pas deux identifiants",
        "en": "id '{id}' already used as '{first}' ({where} line {line}); upper and lower case do not make two ids",
    },
    "unknown_ref": {
        "fr": "« {ref} » ne correspond à aucun{kind}",
        "en": "'{ref}' matches no{kind}",
    },
    "start_after_due": {
        "fr": "le début ({start}) est après l'échéance ({due})",
        "en": "start ({start}) is after the due date ({due})",
    },
    "phase_end_before_start": {
        "fr": "la fin ({end}) est avant le début ({start})",
        "en": "end ({end}) is before start ({start})",
    },
    "phases_over_funding": {
        "fr": "les phases comptent {planned}, plus que les jours financés ({funded}, funding.days)",
        "en": "the phases add up to {planned}, more than the days funded ({funded}, funding.days)",
    },
    "phase_days_exceeded": {
        "fr": "d'après le journal, {spent} passés sur la phase {phase}, plus que ses jours prévus ({planned})",
        "en": "according to the journal, {spent} spent on phase {phase}, more than its days planned ({planned})",
    },
    "follow_up_before_end": {
        "fr": "le suivi ({follow_up}) est avant la fin de la mission ({end})",
        "en": "the follow-up ({follow_up}) is before the end of the mission ({end})",
    },
    "theme_not_in_areas": {
        "fr": "le thème « {theme} » n'est pas dans les problem_areas de mission.yaml ({areas})",
        "en": "theme '{theme}' is not among the problem_areas of mission.yaml ({areas})",
    },
    "quote_not_participant": {
        "fr": "« {ref} » n'a pas participé à cette session",
        "en": "'{ref}' did not take part in this session",
    },
    "no_indicator": {
        "fr": "la préconisation {id} n'a aucun indicateur",
        "en": "recommendation {id} has no indicator",
    },
    "finding_unanswered": {
        "fr": "le constat {id} n'est repris par aucune préconisation",
        "en": "finding {id} is answered by no recommendation",
    },
    "journal_before_start": {
        "fr": "entrée datée du {date}, avant le début de la mission ({start})",
        "en": "entry dated {date}, before the mission starts ({start})",
    },
    # the method's warnings (issue 4)
    "rec_answers_nothing": {
        "fr": "la préconisation {id} ne répond à aucun constat\u00a0; indiquez-les dans because",
        "en": "recommendation {id} answers no finding; list them under because",
    },
    "finding_no_source": {
        "fr": "le constat {id} n'a aucune source\u00a0; indiquez les séances ou questions dans sources",
        "en": "finding {id} has no source; list its sessions or questions under sources",
    },
    "question_never_asked": {
        "fr": "la question {id} n'a été posée dans aucune séance",
        "en": "question {id} was asked in no session",
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
}

REF_KINDS: dict[str, dict[str, str]] = {
    "finding": {"fr": " constat (findings)", "en": " finding"},
    "source": {"fr": "e session ni question", "en": " session or question"},
    "participant": {"fr": " participant·e", "en": " participant"},
    "question": {"fr": "e question du guide", "en": " question of the guide"},
    "recommendation": {"fr": "e préconisation", "en": " recommendation"},
    "indicator": {"fr": " indicateur", "en": " indicator"},
    "phase": {"fr": "e phase de mission.yaml", "en": " phase of mission.yaml"},
    "milestone": {"fr": " jalon", "en": " milestone"},
}


def t(lang: str, message_id: str, **kw) -> str:
    """The message `message_id` in `lang` (French when the language is unknown).

    French messages get French typography (no-break spaces before : ; ? ! and
    inside « »), so the strings above can be written with plain spaces.
    """
    entry = MESSAGES[message_id]
    if lang == "en":
        return entry["en"].format(**kw)
    return french(entry["fr"].format(**kw))


def one_of(lang: str, words) -> str:
    """"a, b ou c" (or "a, b or c")."""
    words = list(words)
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + MESSAGES["or"][lang if lang == "en" else "fr"] + words[-1]


def suggest(word: str, choices) -> str | None:
    """The closest allowed word to a misspelt one, if any is close enough.

    Compared without case or accents; among equally close candidates, the one
    sharing the longest beginning wins (R12 → R1, not R2), then the first given.
    """
    import difflib  # only when a word is misspelt

    word = plain(str(word))
    cutoff = 0.5 if any(ch.isdigit() for ch in word) else 0.6  # ids: R2 → R1
    scored = []
    for order, choice in enumerate(choices):
        candidate = plain(str(choice))
        ratio = difflib.SequenceMatcher(None, word, candidate).ratio()
        if ratio >= cutoff:
            scored.append((ratio, len(commonpath([word, candidate])), -order, choice))
    return max(scored)[3] if scored else None


def did_you_mean(lang: str, word: str, choices) -> str:
    """" ; vouliez-vous dire « R1 » ?" (or its English), or "" when nothing is close."""
    s = suggest(word, choices)
    return t(lang, "did_you_mean", suggestion=s) if s else ""
