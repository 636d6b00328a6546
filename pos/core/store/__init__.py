"""The store itself, as its manager sets it up: the settings file (`store.toml`: the terminals'
names, the receipt printer, how tax is shown, the PIN policy) and the crew (`crew.json`: who may
sign in, in which role, each PIN kept only as a salted scrypt hash), with the sign-in check that
counts wrong PINs and locks an ID, which the counter's sign-in and a manager's approval share."""
