"""The duty engine: what each pairing and child owes, and what is due on a day."""
