"""The manager's figures: the log read as columns (closed days as Parquet), each record counted
once and joined by SQL run on DuckDB (`pos/sql`), the metrics of the events spec, the holdout's
lift, confidence sequences, coaching and insights, the dashboard, `pos export` and a chain's
warehouse on DuckDB or Spark."""
