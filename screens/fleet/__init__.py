"""The fleet view at the staff terminal (administrators): sites and devices, table and map."""
