"""Money at the kiosk, for every service: the one card-payment screen."""
