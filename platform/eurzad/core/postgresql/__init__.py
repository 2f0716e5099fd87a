"""The platform's database backend (``ENGINE = "eurzad.core.postgresql"``): django-tenants'
PostgreSQL backend with catalog lookups that stay fast with thousands of town schemas."""
