"""The demo kit (platform): the seed driver that runs every domain's demo, the passwords and
PINs they share, and the demo certification authority that personalises demo ID cards."""
