"""Reference p-values for the large tables in test/analysis/statistics.test.ts.

Fisher's exact test by simulation, as R's fisher.test(simulate.p.value=TRUE): the share of random tables with the
observed margins (scipy's random_table, Patefield's method) no more likely than the observed one.
Run: python3 test/reference/fisher_large.py  (scipy >= 1.10)
  3x3 -> 0.450718873202817 (a rare third answer among thousands)
  3x14 -> 0.27105182237044406 (three answers split by the fourteen LMCs)
"""
import numpy as np
from scipy.special import gammaln
from scipy.stats import random_table

TABLES = {
    '3x3': [[1100, 1100, 1100], [560, 560, 560], [2, 4, 8]],
    '3x14': [
        [9, 5, 2, 8, 1, 4, 6, 2, 3, 3, 1, 2, 0, 1],
        [1, 6, 3, 9, 2, 3, 5, 1, 12, 2, 2, 1, 1, 0],
        [2, 1, 0, 3, 1, 2, 2, 0, 4, 1, 0, 0, 1, 3],
    ],
}

for name, cells in TABLES.items():
    table = np.array(cells)
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    log_p = lambda t: -gammaln(t + 1).sum(axis=(-2, -1))
    observed = log_p(table) + np.log1p(1e-7)
    draws = random_table(rows, cols, seed=1).rvs(size=400_000)
    as_extreme = (log_p(draws) <= observed).sum()
    print(name, (1 + as_extreme) / (1 + len(draws)))
