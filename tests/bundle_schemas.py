#!/usr/bin/env python3
"""Keeps every schema of data/schema/ self-contained.

A schema that uses pieces of another one carries a copy of it under
"$defs": {"OTHER.schema.json": {...}}, and refers to them as
"#/$defs/OTHER.schema.json/$defs/NAME". So any validator given the
file alone resolves every $ref inside it: nothing is looked up elsewhere,
nothing is fetched.

  python3 tests/bundle_schemas.py          rewrites the copies from their
                                            sources (after editing one)
  python3 tests/bundle_schemas.py --check  exits 1 when a copy is stale

tests/check_schemas.py runs the check. The copy is the last member of the
schema's "$defs", so the rest of the file keeps its own layout.
"""

import copy
import json
import os
import re
import sys

SCHEMA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "schema")
# schema -> the schemas whose $defs it carries
BUNDLES = {"export": ["result"]}


def path_of(name):
    return os.path.join(SCHEMA_DIR, name + ".schema.json")


def rewrite_refs(node, fn):
    if isinstance(node, dict):
        return {k: (fn(v) if k == "$ref" and isinstance(v, str) else rewrite_refs(v, fn))
                for k, v in node.items()}
    if isinstance(node, list):
        return [rewrite_refs(v, fn) for v in node]
    return node


def copy_of(dep):
    """The bundled copy of dep (all of it but $schema and $id), its own refs
    pointed at the copy."""
    with open(path_of(dep), encoding="utf-8") as f:
        doc = json.load(f)
    key = dep + ".schema.json"
    base = "#/$defs/" + key

    def inner(ref):
        if ref == "#" or ref.startswith("#/"):
            return base + ref[1:]
        raise ValueError("%s: $ref %r is not local; it cannot be bundled" % (key, ref))
    body = {"$comment": "A copy of %s, so that this file needs no other "
                        "(python3 tests/bundle_schemas.py keeps it the same)." % key}
    for k, v in doc.items():
        if k not in ("$schema", "$id"):
            body[k] = rewrite_refs(v, inner) if k != "$ref" else inner(v)
    return body


def bundled_text(name):
    """The text of name's schema with fresh copies of its bundles."""
    with open(path_of(name), encoding="utf-8") as f:
        text = f.read()
    for dep in BUNDLES.get(name, []):
        key = dep + ".schema.json"
        # refs into the other file become refs into the copy
        text = text.replace('"$ref": "%s#/$defs/' % key, '"$ref": "#/$defs/%s/$defs/' % key)
        # drop an old copy: from its key to the end of "$defs"
        m = re.search(r',\n    "%s": \{\n.*\n  \}\n\}\n?\Z' % re.escape(key), text, re.S)
        if m:
            text = text[:m.start()] + "\n  }\n}\n"
        if not text.endswith("\n  }\n}\n"):
            raise ValueError("%s: expected \"$defs\" to end the file" % name)
        body = json.dumps(copy_of(dep), indent=2, ensure_ascii=False)
        body = "\n".join("    " + l for l in body.splitlines())
        text = text[:-len("\n  }\n}\n")] + ',\n    "%s": %s\n  }\n}\n' % (key, body.lstrip())
    return text


def stale():
    """The schemas whose file differs from what this script makes."""
    out = []
    for name in BUNDLES:
        with open(path_of(name), encoding="utf-8") as f:
            if f.read() != bundled_text(name):
                out.append(name + ".schema.json")
    return out


def main():
    if sys.argv[1:] == ["--check"]:
        s = stale()
        for n in s:
            print("%s: its copy of another schema's $defs is stale; run "
                  "python3 tests/bundle_schemas.py" % n)
        return 1 if s else 0
    for name in BUNDLES:
        text = bundled_text(name)
        json.loads(text)
        with open(path_of(name), "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
