"""`pos serve`: textual-serve, answering as itself only (see pos.web.server)."""
