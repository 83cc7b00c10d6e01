#!/usr/bin/env python3
"""Writes data/names/*.tsv and data/names/origin/*.tsv from native_lists.py and origin_lists.py.

Run from anywhere: python3 data/names/tools/build_names.py. The TSV files are what haven reads; this script
records how their derived columns (gendered forms, transliterations, weights from rank) were made.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import native_lists as N  # noqa: E402
import origin_lists as O  # noqa: E402
from cyrillic import translit  # noqa: E402

OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
CONVS = ["passport", "en", "de", "pl", "lv", "lt", "sv", "da", "no", "fi", "et"]


def rank_weight(rank):
    """Weight of the name at 0-based rank when only the order is known: about 10:1 from rank 1 to 100."""
    return round(10000 / (rank + 10))


def parse_tokens(text):
    """'A=12 B C=3' -> [(A, 12|None), ...], dropping repeats (first wins)."""
    seen, out = set(), []
    for tok in text.split():
        name, _, w = tok.partition("=")
        if name in seen:
            continue
        seen.add(name)
        out.append((name, int(w) if w else None))
    return out


def weights(items, scale=1):
    """Explicit counts where given; otherwise continue from rank, matched to the last explicit count."""
    res, last_explicit, last_rank = [], None, None
    for i, (name, w) in enumerate(items):
        if w is not None:
            last_explicit, last_rank = w * scale, i
            res.append((name, w * scale))
        elif last_explicit is not None:
            est = max(1, round(last_explicit * rank_weight(i) / rank_weight(last_rank)))
            res.append((name, est))
        else:
            res.append((name, rank_weight(i)))
    return res


def lt_forms(m):
    """Lithuanian surname: male -> (unmarried female, married female)."""
    for end, unmarried, married in (("ius", "iūtė", "ienė"), ("as", "aitė", "ienė"), ("ys", "ytė", "ienė"),
                                    ("is", "ytė", "ienė"), ("us", "utė", "ienė"), ("a", "aitė", "ienė"),
                                    ("ė", "ytė", "ienė")):
        if m.endswith(end):
            stem = m[: -len(end)]
            return stem + unmarried, stem + married
    raise ValueError(m)


def pl_female(m):
    if m.endswith("ski") or m.endswith("cki") or m.endswith("dzki"):
        return m[:-1] + "a"
    if m.endswith("y"):
        return m[:-1] + "a"
    return m


HEADER_FORMAT = """# Format: UTF-8, tab-separated. '#' starts a comment line; '@key value' lines describe the file;
# '[section]' starts a table whose first line names its columns. A cell may hold alternatives separated
# by '|', the first being the usual one. See data/names/README.md."""


def write(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def native(cc, d, lang):
    lines = [f"# {cc}: common names of people living in {cc}, for synthetic populations only.",
             f"# Source: based on {d['source']}; approximate ranks and frequencies (facts, no person's record).",
             "# Weights are relative: explicit approximate counts (thousands of bearers) where known, otherwise",
             "# derived from rank (about 10:1 from the 1st to the 100th name).", HEADER_FORMAT,
             f"@id {cc}", f"@language {lang}", "@script latin", ""]
    genitive = cc == "IS"
    for section, key in (("given_male", "given_male"), ("given_female", "given_female"),
                         ("adult_male", "adult_male"), ("adult_female", "adult_female")):
        lines.append(f"[{section}]")
        lines.append("name\tgenitive\tweight" if genitive else "name\tweight")
        for name, w in weights(parse_tokens(d[key])):
            if genitive:
                n, g = name.split("/")
                lines.append(f"{n}\t{g}\t{w}")
            else:
                lines.append(f"{name}\t{w}")
        lines.append("")
    lines.append("[surname]")
    items = weights(parse_tokens(d["surname"]))
    if cc == "LV":
        lines.append("male\tfemale\tweight")
        for name, w in items:
            m, f = name.split("/")
            lines.append(f"{m}\t{f}\t{w}")
    elif cc == "LT":
        lines.append("male\tfemale\tmarried\tweight")
        for m, w in items:
            f, mar = lt_forms(m)
            lines.append(f"{m}\t{f}\t{mar}\t{w}")
    elif cc == "PL":
        lines.append("male\tfemale\tweight")
        for m, w in items:
            lines.append(f"{m}\t{pl_female(m)}\t{w}")
    else:
        if cc == "IS":
            lines.insert(-1, "# Family names (ættarnöfn) borne by a small share; most Icelanders carry a patronymic.")
        lines.append("name\tweight")
        for m, w in items:
            lines.append(f"{m}\t{w}")
    write(os.path.join(OUT, f"{cc.lower()}.tsv"), lines)
    return {s: len(parse_tokens(d[s])) for s in ("given_male", "given_female", "adult_male", "adult_female",
                                                  "surname")}


def ru_female(m, lang):
    low = m.lower()
    if m.endswith("="):
        return ""
    if lang == "ru":
        if low.endswith(("ский", "цкий")):
            return m[:-2] + "ая"
        if low.endswith("ой"):
            return m[:-2] + "ая"
        if low.endswith(("ов", "ев", "ёв", "ин", "ын")):
            return m + "а"
        return ""
    if low.endswith(("ський", "цький")):
        return m[:-2] + "а"
    if low.endswith(("ов", "ев", "єв", "ін", "ин")):
        return m + "а"
    return ""


def cyr_cell(word, lang, conv, male, surname):
    s = translit(word, lang, conv, male, surname)
    if conv == "lt" and male:
        bare = translit(word, lang, "lt", False, surname)  # the same letters without a Lithuanian ending
        if bare != s:
            s = s + "|" + bare
    return s


def cyrillic_origin(name, lang, title, gm, gf, am, af, sur):
    lines = [f"# {title} names of children of migrant origin, for synthetic populations only.",
             "# Source: based on public name statistics of the country of origin and of the diaspora (given names",
             "# of children born about 2006-2024, adults' names of about 1970-1995, surnames of the population);",
             "# approximate ranks, weights derived from rank (about 10:1 from the 1st to the 100th name).",
             "# Columns per writing convention: passport = the country's own passport transliteration (" +
             ("Ukraine: KMU 2010" if lang == "uk" else "Russia: ICAO 9303 since 2013") + "); en = BGN/PCGN;",
             "# de pl lv lt sv da no fi et = the spelling officials of that language write (Latvian and",
             "# Lithuanian with their grammatical endings; Lithuanian also without); latin = other common forms.",
             "# Generated by tools/build_names.py from tools/origin_lists.py and tools/cyrillic.py.",
             HEADER_FORMAT, f"@id {name}", f"@language {lang}", "@script cyrillic", "@naming surname", ""]
    for section, text, male in (("given_male", gm, True), ("given_female", gf, False),
                                ("adult_male", am, True), ("adult_female", af, False)):
        lines.append(f"[{section}]")
        lines.append("\t".join(["original", "weight"] + CONVS + ["latin"]))
        for word, w in weights(parse_tokens(text)):
            ov = O.CYR_OVERRIDES.get(word, {})
            cells = [ov.get(c, cyr_cell(word, lang, c, male, False)) for c in CONVS]
            extra = [x for x in ov.get("latin", "").split("|") if x and x not in "|".join(cells).split("|")]
            lines.append("\t".join([word, str(w)] + cells + ["|".join(extra)]))
        lines.append("")
    lines.append("[surname]")
    lines.append("# An empty _f cell: the name does not change with sex in that writing.")
    cols = ["original", "original_f", "weight"]
    for c in CONVS:
        cols += [c, c + "_f"]
    lines.append("\t".join(cols))
    n = 0
    for word, w in weights(parse_tokens(sur)):
        invariant = word.endswith("=")
        base = word.rstrip("=")
        fem = ru_female(word, lang)
        cells = []
        for c in CONVS:
            m = cyr_cell(base, lang, c, True, True)
            f = translit(fem or base, lang, c, False, True)
            cells += [m, "" if f == m.split("|")[0] else f]
        lines.append("\t".join([base, fem, str(w)] + cells))
        n += 1
    write(os.path.join(OUT, "origin", f"{name}.tsv"), lines)
    return {"given_male": len(parse_tokens(gm)), "given_female": len(parse_tokens(gf)),
            "adult_male": len(parse_tokens(am)), "adult_female": len(parse_tokens(af)), "surname": n}


def split_line(line, latin_original):
    """'<original script words> Latin1|Latin2' -> (original, [latin...]); Latin starts at the first ASCII word
    (or, where the original is itself Latin, as Somali orthography is, at the second word)."""
    toks = line.split()
    k = 1 if latin_original else next(i for i, t in enumerate(toks) if t[0].isascii() and t[0].isalpha())
    return " ".join(toks[:k]), " ".join(toks[k:]).split("|")


SUN = ("T", "Th", "D", "Dh", "R", "Z", "S", "Sh", "N")


def al_variants(latin):
    """Al-Hassan -> Al-Hassan|Alhassan|Al Hassan|El-Hassan|El Hassan (+ As-Saleh style where Arabic assimilates)."""
    stem = latin[3:]
    out = [f"Al-{stem}", f"Al{stem.lower()}", f"Al {stem}", f"El-{stem}", f"El {stem}"]
    for s in sorted(SUN, key=len, reverse=True):
        if stem.startswith(s) and not (s in ("T", "D", "S") and stem[len(s):len(s) + 1] == "h"):
            out.append(f"A{s.lower()}-{stem}")  # the article assimilates: As-Saleh, Ash-Shami, At-Tamimi
            break
    return out


def other_origin(name, title, script, naming, lang, gm, gf, sur, note):
    lines = [f"# {title} names of children of migrant origin, for synthetic populations only.",
             f"# Source: {note}",
             "# Weights are relative, derived from approximate rank (about 10:1 from the 1st to the 100th name).",
             "# original = the name in its own script; latin = the spellings documents and registers use, most",
             "# used first. Officials copy these from the person's documents, so they do not depend on the country",
             "# writing them.", "# Generated by tools/build_names.py from tools/origin_lists.py.", HEADER_FORMAT,
             f"@id {name}", f"@language {lang}", f"@script {script}", f"@naming {naming}", ""]
    counts = {}
    for section, text in (("given_male", gm), ("given_female", gf), ("surname", sur)):
        lines.append(f"[{section}]")
        lines.append("original\tweight\tlatin")
        rows = [split_line(l, script == "latin") for l in text.strip().splitlines() if l.strip()]
        seen = set()
        rows = [r for r in rows if not (r[0] in seen or seen.add(r[0]))]
        for i, (orig, latin) in enumerate(rows):
            if latin and latin[0].startswith("Al-") and len(latin) == 1:
                latin = al_variants(latin[0])
            uniq = []
            for x in latin:
                if x not in uniq:
                    uniq.append(x)
            lines.append(f"{orig}\t{rank_weight(i)}\t{'|'.join(uniq)}")
        lines.append("")
        counts[section] = len(rows)
    write(os.path.join(OUT, "origin", f"{name}.tsv"), lines)
    return counts


def main():
    langs = {"DK": "da", "EE": "et", "FI": "fi", "DE": "de", "IS": "is", "LV": "lv", "LT": "lt", "NO": "no",
             "PL": "pl", "SE": "sv"}
    report = {}
    for cc, lang in langs.items():
        report[cc] = native(cc, getattr(N, cc), lang)
    report["russian"] = cyrillic_origin("russian", "ru", "Russian", O.RU_GIVEN_MALE, O.RU_GIVEN_FEMALE,
                                        O.RU_ADULT_MALE, O.RU_ADULT_FEMALE, O.RU_SURNAMES)
    report["ukrainian"] = cyrillic_origin("ukrainian", "uk", "Ukrainian", O.UK_GIVEN_MALE, O.UK_GIVEN_FEMALE,
                                          O.UK_ADULT_MALE, O.UK_ADULT_FEMALE, O.UK_SURNAMES)
    report["arabic"] = other_origin(
        "arabic", "Arabic", "arabic", "surname", "ar", O.AR_GIVEN_MALE, O.AR_GIVEN_FEMALE, O.AR_SURNAMES,
        "based on public name statistics of Syria, Iraq and the Levant and of Arabic-speaking diaspora in the "
        "Nordic countries and Germany; approximate ranks.")
    report["somali"] = other_origin(
        "somali", "Somali", "latin", "father", "so", O.SO_GIVEN_MALE, O.SO_GIVEN_FEMALE, O.SO_SURNAMES,
        "based on name statistics of the Somali diaspora in the Nordic countries; original = Somali "
        "orthography (Maxamed, Cabdi, Xasan). Family names are the father's and grandfather's given names.")
    report["afghan"] = other_origin(
        "afghan", "Afghan (Dari and Pashto)", "arabic", "mixed", "fa", O.AF_GIVEN_MALE, O.AF_GIVEN_FEMALE,
        O.AF_SURNAMES,
        "based on name statistics of the Afghan diaspora in Germany and the Nordic countries; original in "
        "Perso-Arabic script (Pashto letters where the name is Pashto). Many Afghans have no family name; "
        "registers then use the father's given name.")
    report["tigrinya"] = other_origin(
        "tigrinya", "Tigrinya (Eritrean and Ethiopian)", "ethiopic", "father", "ti", O.TI_GIVEN_MALE,
        O.TI_GIVEN_FEMALE, O.TI_SURNAMES,
        "based on name statistics of the Eritrean diaspora in the Nordic countries and Germany; original in "
        "Ge'ez script. The family name is the father's given name (then the grandfather's).")
    for k, v in report.items():
        print(k, v)


if __name__ == "__main__":
    main()
