#!/usr/bin/env python3
"""Merge message keys into the web/i18n catalogs, all eleven languages at once.

Usage: scripts/i18n_merge.py KEYS.json
KEYS.json is {"en": {"key": "text", ...}, "sv": {...}, ...}. Existing keys are replaced, new keys are
appended, and each catalog is rewritten in place under a lock, so several people can add keys at the
same time without losing each other's. A key given for some languages but not all is an error: every
page must speak every language.
"""
import fcntl
import json
import os
import sys

LANGS = ["da", "de", "en", "et", "fi", "is", "lt", "lv", "no", "pl", "sv"]
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "web", "i18n")


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        additions = json.load(f)
    keys = set(additions.get("en", {}))
    for lang in LANGS:
        given = set(additions.get(lang, {}))
        if given != keys:
            print(f"{lang}: missing {sorted(keys - given)}, extra {sorted(given - keys)}", file=sys.stderr)
            return 2
    with open(os.path.join(ROOT, ".merge.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for lang in LANGS:
            path = os.path.join(ROOT, f"{lang}.json")
            with open(path, encoding="utf-8") as f:
                catalog = json.load(f)
            catalog.update(additions[lang])
            tmp = path + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(json.dumps(catalog, ensure_ascii=False, indent=2) + "\n")
            os.replace(tmp, path)
    print(f"merged {len(keys)} keys into {len(LANGS)} catalogs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
