"""Reference values for test/api/weighting.test.ts: post-stratification by LMC computed independently with statsmodels.

Run from the project root: python3 test/reference/weights.py (Debian python3-statsmodels)."""
import json
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.weightstats import DescrStatsW
rows=json.load(open('surveys/demo/joint-review-159.json'))
dist=json.load(open('surveys/gp-quality-clusters-2024.distribution.json'))
P=sum(a['practices'] for a in dist['areas']); n=len(rows)
resp={a['code']:sum(1 for r in rows if r['lmc']==a['code']) for a in dist['areas']}
w={a['code']:(a['practices']/P)/(resp[a['code']]/n) for a in dist['areas'] if resp[a['code']]}
ws=[w[r['lmc']] for r in rows]
deff=n*sum(x*x for x in ws)/sum(ws)**2
print('deff',repr(deff),'neff',repr(n/deff))
ans=[(w[r['lmc']], r['plt_barrier']) for r in rows if r.get('plt_barrier') in ('yes','no')]
sw=sum(x for x,_ in ans); sw2=sum(x*x for x,_ in ans); p=sum(x for x,v in ans if v=='yes')/sw; neff=sw*sw/sw2
lo,hi=proportion_confint(p*neff, neff, method='wilson')
print('plt yes', repr(p*100), repr(lo*100), repr(hi*100))
h=[(w[r['lmc']], r['hours_per_week']) for r in rows if isinstance(r.get('hours_per_week'),(int,float))]
d=DescrStatsW([v for _,v in h], weights=[x for x,_ in h], ddof=0)
print('hours mean', repr(d.mean))
