"""2D barcode scanners: a receipt's QR read at the kiosk (see base.py)."""
