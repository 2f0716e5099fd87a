"""Mój e-Urząd: the resident area under /konto/ on a town's host."""
