"""The manager's figures: the log read as columns (closed days as Parquet), each record counted
once and joined by SQL run on DuckDB (`pos/sql`), the metrics of the events spec, the holdout's
lift, confidence sequences, coaching and insights, the dashboard, `pos export` and a chain's
warehouse on DuckDB or Spark."""

import os

# Arrow's default allocator (mimalloc) keeps what a report freed for a while, by its own timing: the
# same warm report of the 1M history peaked at 545 MB or at 690 MB, run to run. The system's gives it
# back at once (542-548 MB every run). Set before pyarrow is first imported, which only a report does.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
