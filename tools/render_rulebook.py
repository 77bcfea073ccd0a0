"""Write the rulebook (src/sourcewise/data/rulebook.yaml) as docs/rulebook.md.

    python tools/render_rulebook.py           rewrite docs/rulebook.md
    python tools/render_rulebook.py --check   change nothing; exit 1 if it is stale

The Markdown comes from ``Rulebook.to_markdown("en")``, the same text lesson 01 shows, so
the page never says something the keys do not do. A test fails when the page is stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "rulebook.md"
NOTE = (
    "<!-- Generated from src/sourcewise/data/rulebook.yaml by tools/render_rulebook.py; "
    "edit the YAML, then run the tool. -->\n"
)


def rendered() -> str:
    """The page as it should be today."""
    sys.path.insert(0, str(ROOT / "src"))
    from sourcewise.rulebook import load_rulebook

    return NOTE + load_rulebook().to_markdown("en")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if docs/rulebook.md is stale")
    args = parser.parse_args(argv)
    page = rendered()
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if args.check:
        if current != page:
            print(f"{TARGET.relative_to(ROOT)} is stale. Run: python tools/render_rulebook.py")
            return 1
        print(f"{TARGET.relative_to(ROOT)} is up to date.")
        return 0
    TARGET.write_text(page, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
