"""`python -m playlist_tui` runs the command line."""

import sys

from playlist_tui.cli import main

sys.exit(main())
