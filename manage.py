#!/usr/bin/env python
"""Django's command-line utility. Puts both source roots (. and platform/) on the path."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main() -> None:
    for source_root in (ROOT / "platform", ROOT):
        if str(source_root) not in sys.path:
            sys.path.insert(0, str(source_root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eurzad.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
