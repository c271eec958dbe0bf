"""Dialogs and wizards opened from the main window."""
