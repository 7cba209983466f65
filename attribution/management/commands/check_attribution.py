"""`manage.py check_attribution`: the non-attribution check from the command line.

    check_attribution --registry REGISTRY.json --jsonl INPUT.jsonl   one JSON line per input
    check_attribution [--registry REGISTRY.json] FILE                 a readable report
    check_attribution --dump-registry                                the database's registry

Exit 0 when every text is publishable, 1 when any is not, 2 on bad input or an internal error.
Without --registry the registry is built from the database. The rules: docs/attribution.md.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from attribution.check import BLOCK, Registry, check


def _fail(message):
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Check texts for anything that reveals a participant (the Chatham House rule)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="A text file to check, reported readably.")
        parser.add_argument("--registry", help="A registry JSON file instead of the database.")
        parser.add_argument("--jsonl", help="One JSON object per line: {id, text, consented}.")
        parser.add_argument(
            "--consented",
            action="append",
            default=[],
            help="A name consented to be named (with FILE); repeatable.",
        )
        parser.add_argument(
            "--dump-registry",
            action="store_true",
            help="Print the database's registry in the file format.",
        )

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except (CommandError, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # an internal error is exit 2, never 1
            raise _fail(f"internal error: {type(exc).__name__}: {exc}") from exc

    def handle(self, *args, **options):
        if options["dump_registry"]:
            from attribution.registry import registry_dump

            self.stdout.write(json.dumps(registry_dump(), ensure_ascii=False, indent=1))
            return
        if bool(options["jsonl"]) == bool(options["file"]):
            raise _fail("give exactly one of --jsonl INPUT.jsonl or a FILE to check")
        registry = self._registry(options["registry"])
        if options["jsonl"]:
            ok = self._jsonl(Path(options["jsonl"]), registry)
        else:
            ok = self._report(Path(options["file"]), registry, options["consented"])
        if not ok:
            self.stdout.flush()
            sys.exit(1)

    def _read(self, path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise _fail(f"cannot read {path}: {exc}") from exc

    def _registry(self, path):
        if not path:
            from attribution.registry import registry_cached

            return registry_cached()
        try:
            from attribution.registry import hash_key

            data = json.loads(self._read(Path(path)))
            # former participants' hashes in a dumped registry were made with this site's key
            return Registry.from_dict(data, hash_key=hash_key())
        except (ValueError, TypeError, AttributeError) as exc:
            raise _fail(f"bad registry {path}: {exc}") from exc

    def _jsonl(self, path: Path, registry) -> bool:
        items = []
        for number, line in enumerate(self._read(path).splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as exc:
                raise _fail(f"{path}:{number}: not JSON: {exc}") from exc
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise _fail(f'{path}:{number}: expected an object with a string "text"')
            consented = item.get("consented") or []
            if not isinstance(consented, list) or not all(isinstance(c, str) for c in consented):
                raise _fail(f'{path}:{number}: "consented" must be a list of names')
            items.append((item.get("id"), item["text"], consented))
        all_ok = True
        for ident, text, consented in items:
            findings = check(text, registry, consented)
            publishable = not any(f.severity == BLOCK for f in findings)
            all_ok &= publishable
            self.stdout.write(
                json.dumps(
                    {
                        "id": ident,
                        "publishable": publishable,
                        "findings": [f.as_dict() for f in findings],
                    },
                    ensure_ascii=False,
                )
            )
        return all_ok

    def _report(self, path: Path, registry, consented) -> bool:
        text = self._read(path)
        findings = check(text, registry, consented)
        publishable = not any(f.severity == BLOCK for f in findings)
        line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        for f in findings:
            line = sum(1 for s in line_starts if s <= f.start)
            col = f.start - line_starts[line - 1] + 1
            who = f" ({f.identity})" if f.identity else ""
            self.stdout.write(
                f"{path}:{line}:{col}: {f.severity.upper()} {f.kind}{who}: "
                f"{f.text!r} -> suggest {f.suggestion!r}"
            )
        verdict = "publishable" if publishable else "NOT publishable"
        blocks = sum(f.severity == BLOCK for f in findings)
        self.stdout.write(f"{path}: {verdict}: {blocks} to fix, {len(findings) - blocks} to review")
        return publishable
