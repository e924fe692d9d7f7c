"""What a schedule means: KPIs, summaries, comparisons, explanations."""
