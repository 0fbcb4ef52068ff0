"""The kiosk and staff-terminal application: Textual shell, API client, resident session."""

__version__ = "0.1.0"
