"""The thermal receipt printer: ESC/POS backends chosen by a SPEC string, one receipt layout."""
