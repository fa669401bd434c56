"""Screens and modal dialogs of the playlist-tui app."""
