"""Identity's pages of Mój e-Urząd (/konto/): own data, login history, mobile app."""
