"""Demo data for Gmina Zembrzyce and Miasto Głogów (`manage.py seed_demo`)."""
