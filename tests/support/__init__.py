"""What the tests share: hand-made logs and menus, a counter with its records in lists, the app on
a temporary folder, the real program in tmux, `pos serve` on a free port, processes to kill."""
