"""Receipts and certificates: print, preview, verify, reprint by code."""
