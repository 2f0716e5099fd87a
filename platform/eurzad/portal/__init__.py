"""Mój e-Urząd: the resident area's shell under /konto/ on a town's host."""
