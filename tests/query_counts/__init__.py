"""Every page of a town answers with a number of SQL statements that does not depend on
how much data there is: a resident with 50 of everything costs what one with 1 does."""
