"""Practice without a customer: drill scripts and simulated customers served through the real
counter, the drill's scoring and the score book, and simulated shifts written into a folder of
their own."""
