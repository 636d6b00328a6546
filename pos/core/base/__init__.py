"""What every room stands on: money in integer minor units, the one error a user sees, clocks,
files read and written only as regular files of the data folder, bounded lines, text made safe
to show, IDs and digits typed by a person, TOML read with every problem named, and the logged
records declared once (`events`, with the store id they carry)."""
