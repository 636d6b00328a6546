"""Receipts for a receipt printer: what a paid order's receipt says, as plain data (`receipt`),
laid out as ESC/POS bytes through python-escpos (`escpos_receipt`), the printer named as text
(`printer_choice`: a network printer, a device file, USB), the bytes sent to it (`printer_device`),
the cash drawer on it (`drawer`) and each receipt printed on a thread of its own with a time limit
(`receipt_printer`). It stands on the base alone: the counter hands it the values a receipt shows."""
