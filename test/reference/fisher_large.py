"""Reference p-value for the large 3x3 table in test/analysis/statistics.test.ts.

Fisher's exact test by simulation, as R's fisher.test(simulate.p.value=TRUE): the share of random tables with the
observed margins (scipy's random_table, Patefield's method) no more likely than the observed one.
Run: python3 test/reference/fisher_large.py  (scipy >= 1.10)
"""
import numpy as np
from scipy.special import gammaln
from scipy.stats import random_table

table = np.array([[1100, 1100, 1100], [560, 560, 560], [2, 4, 8]])
rows, cols = table.sum(axis=1), table.sum(axis=0)
log_p = lambda t: -gammaln(t + 1).sum(axis=(-2, -1))
observed = log_p(table) + np.log1p(1e-7)
draws = random_table(rows, cols, seed=1).rvs(size=400_000)
as_extreme = (log_p(draws) <= observed).sum()
print((1 + as_extreme) / (1 + len(draws)))
