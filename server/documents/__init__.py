"""Server documents (receipts, certificates): numbered, with a verification code, reprintable."""
