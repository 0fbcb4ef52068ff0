"""Printer failures, each with a sentence for the resident in Spanish and English."""

from devices.errors import DeviceError


class PrinterError(DeviceError):
    code = "printer_error"
    es = "La impresora no respondió."
    en = "The printer did not respond."


class PrinterOffline(PrinterError):
    code = "printer_offline"
    es = "La impresora no está disponible."
    en = "The printer is not available."


class PaperOut(PrinterError):
    code = "paper_out"
    es = "La impresora no tiene papel."
    en = "The printer is out of paper."


class NoPrinter(PrinterError):
    code = "no_printer"
    es = "Este equipo no tiene impresora."
    en = "This device has no printer."


class BadSpec(ValueError):
    """The --printer SPEC could not be understood."""
