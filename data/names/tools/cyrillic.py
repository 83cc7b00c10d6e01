"""Rule-based Russian/Ukrainian -> Latin spellings as officials of each convention write them.

Used by build_names.py to fill the convention columns of origin/russian.tsv and origin/ukrainian.tsv.
Each function takes one Cyrillic word and its role (given/surname, male/female) and returns one spelling;
irregular established forms (Alexander, Jūlija ...) are overridden in build_names.py, not here.
"""

RU_VOWELS = set("аеёиоуыэюя")
UK_VOWELS = set("аеєиіїоуюя")
HUSH = set("жшчщ")


def _cap(s):
    return s[:1].upper() + s[1:] if s else s


def _tokens(word):
    return list(word.lower())


ADJ_TAILS = {
    # (lang, tail): {conv: latin tail}; the sibilant before -к- is spelt by the convention's own rule
    ("ru", "кий"): {"passport": "kii", "en": "kiy", "de": "ki", "pl": "ki", "lv": "kis", "lt": "kis",
                    "sv": "kij", "da": "kij", "no": "kij", "fi": "ki", "et": "ki"},
    ("ru", "кая"): {"passport": "kaia", "en": "kaya", "de": "kaja", "pl": "ka", "lv": "ka", "lt": "kaja",
                    "sv": "kaja", "da": "kaja", "no": "kaja", "fi": "kaja", "et": "kaja"},
    ("uk", "ький"): {"passport": "kyi", "en": "kyy", "de": "kyj", "pl": "ki", "lv": "kis", "lt": "kis",
                     "sv": "kyj", "da": "kyj", "no": "kyj", "fi": "kyi", "et": "kõi"},
    ("uk", "ька"): {"passport": "ka", "en": "ka", "de": "ka", "pl": "ka", "lv": "ka", "lt": "ka",
                    "sv": "ka", "da": "ka", "no": "ka", "fi": "ka", "et": "ka"},
}


def translit(word, lang, conv, male, surname):
    w = word.lower()
    if surname:
        for (l, tail), convs in ADJ_TAILS.items():
            if l == lang and len(w) > len(tail) + 2 and w.endswith(tail) and w[-len(tail) - 1] in "сц":
                base = _plain(w[: -len(tail)], lang, conv)
                if conv == "pl" and base.endswith("ś"):
                    base = base[:-1] + "s"
                return _cap(base + convs[conv])
    s = _plain(w, lang, conv)
    s = _endings(s, w, lang, conv, male, surname)
    return _cap(s)


def _plain(w, lang, conv):
    vowels = RU_VOWELS if lang == "ru" else UK_VOWELS
    out = []
    n = len(w)
    for i, c in enumerate(w):
        prev = w[i - 1] if i > 0 else "^"
        nxt = w[i + 1] if i + 1 < n else "$"
        initial = i == 0
        after_vowel = prev in vowels or prev in "ьъ'"
        after_cons = not initial and not after_vowel
        final = i == n - 1
        out.append(_char(c, prev, nxt, initial, after_vowel, after_cons, final, lang, conv, w, i))
    return "".join(out)


def _soft(c, uk):
    return c in ("ьюяєії" if uk else "еёиьюя")


def _char(c, prev, nxt, initial, after_vowel, after_cons, final, lang, conv, w, i):
    uk = lang == "uk"
    # consonants common to most conventions
    if conv == "passport":
        if uk:
            m = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
                 "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
                 "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
                 "щ": "shch", "ь": "", "'": ""}
            if c in m:
                if c == "г" and prev == "з":
                    return "gh"
                return m[c]
            return {"є": ("ye", "ie"), "ї": ("yi", "i"), "й": ("y", "i"), "ю": ("yu", "iu"),
                    "я": ("ya", "ia")}[c][0 if initial else 1]
        m = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
             "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
             "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
             "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia"}
        return m[c]
    if conv == "en":
        if uk:
            m = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ye", "ж": "zh",
                 "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n",
                 "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
                 "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "'": "", "ю": "yu", "я": "ya"}
            return m[c]
        m = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "zh", "з": "z", "и": "i", "й": "y",
             "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
             "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
             "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya"}
        if c in m:
            return m[c]
        if c == "е":
            return "ye" if (initial or after_vowel) else "e"
        if c == "ё":
            return "o" if prev in HUSH else "yo"
    # the remaining conventions share a skeleton with per-convention consonants
    table = {
        "de": {"ж": "sch", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "в": "w", "з": "s"},
        "pl": {"ж": "ż", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "в": "w", "з": "z"},
        "lv": {"ж": "ž", "х": "h", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "в": "v", "з": "z"},
        "lt": {"ж": "ž", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "в": "v", "з": "z"},
        "sv": {"ж": "zj", "х": "ch", "ц": "ts", "ч": "tj", "ш": "sj", "щ": "sjtj", "в": "v", "з": "z"},
        "da": {"ж": "zj", "х": "kh", "ц": "ts", "ч": "tj", "ш": "sj", "щ": "sjtj", "в": "v", "з": "z"},
        "no": {"ж": "zj", "х": "kh", "ц": "ts", "ч": "tsj", "ш": "sj", "щ": "sjtsj", "в": "v", "з": "z"},
        "fi": {"ж": "ž", "х": "h", "ц": "ts", "ч": "tš", "ш": "š", "щ": "štš", "в": "v", "з": "z"},
        "et": {"ж": "ž", "х": "h", "ц": "ts", "ч": "tš", "ш": "š", "щ": "štš", "в": "v", "з": "z"},
    }[conv]
    if c in table:
        if conv == "et" and c == "х" and after_vowel and nxt and nxt in (RU_VOWELS | UK_VOWELS):
            return "hh"
        if conv == "pl" and c == "ц" and nxt == "ь":
            return "ć"
        return table[c]
    simple = {"а": "a", "б": "b", "д": "d", "к": "k", "м": "m", "о": "o", "п": "p", "р": "r", "т": "t",
              "у": "u", "ф": "f", "э": "e", "ъ": "", "ґ": "g"}
    if c in simple:
        if conv == "pl" and c == "т" and nxt == "ь":
            return "ć"
        if conv == "pl" and c == "д" and nxt == "ь":
            return "dź"
        return simple[c]
    if c == "г":
        return "h" if uk else "g"
    if c == "с":
        if conv in ("de", "et") and after_vowel and prev not in "ьъ'" and nxt and nxt in (RU_VOWELS | UK_VOWELS):
            return "ss"
        if conv == "pl" and nxt == "ь":
            return "ś"
        return "s"
    if c == "л":
        if conv == "pl":
            return "l" if _soft(nxt, uk) else "ł"
        if conv == "lv":
            if nxt == "ь":
                return "ļ"
            if not uk and (nxt == "ё" or (nxt == "е" and not w.startswith("алекс"))):
                return "ļ"
        return "l"
    if c == "н":
        if conv == "pl" and nxt == "ь":
            return "ń"
        if conv == "lv":
            if nxt == "ь":
                return "ņ"
            if not uk and (nxt in "её" or (nxt == "и" and not w[i:].startswith("никол"))):
                return "ņ"
        return "n"
    if c == "з":
        return "z"
    if c == "ь":
        if conv == "pl" and nxt not in "ио":
            return ""  # softness already carried by ń ś ć dź l
        if nxt in "ио" and conv in ("de", "pl", "sv", "da", "no", "fi", "et", "lt", "lv"):
            return "j"
        return ""
    if c == "'":
        return ""  # the following я/ю/є already starts with j
    if c == "ы":
        return "õ" if conv == "et" else ("i" if conv == "lv" else "y")
    if c == "и":
        if uk:
            if conv == "et":
                return "õ"
            if conv == "lv":
                return "i"
            return "y"
        if conv == "pl" and prev in "жшц":
            return "y"
        return "i"
    if c == "і":
        return "i"
    if c == "ї":
        return "ji"
    if c == "й":
        if conv in ("de", "fi", "et") and not uk and (final or nxt not in (RU_VOWELS | UK_VOWELS)):
            return "i"
        return "j"
    soft_after_cons = conv in ("pl", "lt")
    if c == "е":
        if initial or after_vowel:
            return "je"
        if conv == "pl" and prev not in "жшчщцлр^" and not uk:
            return "ie"
        return "e"
    if c == "є":
        if initial or after_vowel:
            return "je"
        if conv in ("pl", "lt"):
            return "ie"
        return "je"
    if c == "ё":
        if prev in HUSH:
            return "o"
        if conv == "lv" and prev in "лн":
            return "o"
        if conv == "pl" and prev == "л":
            return "o"
        if soft_after_cons and after_cons:
            return "io"
        return "jo"
    if c in "юя":
        base = "u" if c == "ю" else "a"
        if conv == "pl" and prev == "л":
            return base
        if conv == "lv" and prev == "л" and after_cons:
            return base
        if soft_after_cons and after_cons:
            return "i" + base
        return "j" + base
    raise ValueError(f"no rule for {c!r} in {w!r} ({conv})")


def _endings(s, w, lang, conv, male, surname):
    """Grammatical endings: -ий/-ей in German/Finnish/Estonian, Latvian -s, Lithuanian -as/-ijus."""
    uk = lang == "uk"
    if conv in ("de", "fi", "et") and not uk and w.endswith("ий"):
        if surname and w.endswith("ский"):
            return s[:-2] + ("i" if conv != "de" else "i")  # Kowalewski / Kovalevski
        return s[:-1] if s.endswith("ii") else s
    if conv == "pl" and surname:
        if w.endswith("ский") or w.endswith("цкий") or w.endswith("ський") or w.endswith("цький"):
            return s[: -(3 if w.endswith("ський") or w.endswith("цький") else 2)] + "i"
        if w.endswith("ская") or w.endswith("цкая"):
            return s[:-3] + "a"
    if conv == "lv":
        if not male:
            if w.endswith("ская") or w.endswith("цкая"):
                return s[:-3] + "a"
            if surname and s[-1] not in "aeiouo":
                return s + "a"  # Kovaļčuka
            return s
        if w.endswith("ский") or w.endswith("цкий"):
            return s[:-2] + "is"
        if w.endswith("ський") or w.endswith("цький"):
            return s[:-3] + "is"
        if w.endswith("ий") or w.endswith("ій"):
            return s[:-1] + "js" if s.endswith("ij") else s + "s"
        if s[-1] in "aeiouo":
            return s
        if s.endswith("ļ") or s.endswith("ņ"):
            return s + "s"
        return s + "s"
    if conv == "lt":
        if not male:
            return s
        if w.endswith("ский") or w.endswith("цкий"):
            return s[:-2] + "is"
        if w.endswith("ський") or w.endswith("цький"):
            return s[:-3] + "is"
        if w.endswith("ий") or w.endswith("ій") or w.endswith("ей") or w.endswith("ай") or w.endswith("ой"):
            return s + "us"
        if w.endswith("ь"):
            return s + "is"
        if s[-1] in "aeiouy":
            return s
        return s + "as"
    if conv in ("sv", "da", "no") and not uk and w.endswith("ий") and surname and (w.endswith("ский") or w.endswith("цкий")):
        return s[:-2] + "i"
    if conv in ("sv", "da", "no", "de", "fi", "et") and uk and (w.endswith("ський") or w.endswith("цький")):
        return s[:-2] + ("õi" if conv == "et" else ("yj" if conv in ("de", "sv", "da", "no") else "yi"))
    return s
