"""Receipts for a receipt printer: what a paid order's receipt says, as plain data (`receipt`),
laid out as ESC/POS bytes through python-escpos (`escpos_receipt`, and `escpos_sheet` for a sheet:
the day's close, a slip of money given back, `given_back_slip`), the printer named as text
(`printer_choice`: a network printer, a device file, USB), the bytes sent to it (`printer_device`,
a device file by `device_file`), the cash drawer on it (`drawer`) and the printer's queue, which
prints each job in turn with a time limit and never prints one it gave up on (`receipt_printer`).
It stands on the base alone: the counter hands it the values a receipt shows."""
