"""Widgets of the playlist-tui app."""
