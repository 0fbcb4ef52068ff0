"""The ID card: a reader backend (pcsc, simulated) and the card's applet (APDUs)."""
