"""What a resident does once identified."""
