"""What is recorded and kept: the event log (one writer per terminal, append and fsync), its
layout of day folders, the terminal's lock, the open order kept on disk, torn records and
set-aside bytes, records that could not be written kept for later, the menus each terminal sold
from, the answers to learned choices read back from every terminal's prompts, and the data
folder's own files. Nothing recorded is ever lost here."""
