/** Plausible synthetic CQL/PQL responses for benchmarks: valid against the survey, seeded, any number of them. */
export function* syntheticResponses(count: number, seed = 1): Generator<Record<string, unknown>> {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const lmcs: Array<[string, number]> = [
    ['ayrshire-arran', 52],
    ['borders', 23],
    ['dumfries-galloway', 32],
    ['fife', 50],
    ['forth-valley', 47],
    ['grampian', 70],
    ['glasgow', 220],
    ['highland', 92],
    ['lanarkshire', 95],
    ['lothian', 115],
    ['orkney', 15],
    ['shetland', 10],
    ['tayside', 57],
    ['western-isles', 12],
  ];
  const totalPractices = lmcs.reduce((sum, [, practices]) => sum + practices, 0);
  const pickLmc = () => {
    let r = random() * totalPractices;
    for (const [code, practices] of lmcs) if ((r -= practices) < 0) return code;
    return 'glasgow';
  };
  const yesNo = (p: number) => (random() < p ? 'yes' : 'no');
  const maybe = (p: number, value: () => unknown) => (random() < 0.97 ? value() : undefined);
  const comments = [
    'Backfill locum costs have risen but payment has not.',
    'We need admin support and more protected time for QI work.',
    'Workload pressures mean the protected time is rarely protected.',
    'Our cluster audited valproate prescribing and improved anticoagulation monitoring.',
  ];
  for (let i = 0; i < count; i += 1) {
    const cql = random() < 0.29;
    const hours = Math.round((cql ? 1 + random() * 8 : 0.5 + random() * 3.5) * 2) / 2;
    const data: Record<string, unknown> = { lmc: pickLmc(), role: cql ? 'cql' : 'pql', hours_per_week: hours };
    if (cql) {
      data.cql_funding_matches_time = ['yes', 'no', 'dont_know'][Math.floor(random() * 3)];
      data.cql_payment_uplift = yesNo(0.15);
      data.cql_leadership_training = maybe(0.97, () => yesNo(0.27));
    }
    data.more_time_if_resourced = maybe(0.97, () => yesNo(0.65));
    data.interest_practice_qi = yesNo(0.96);
    data.interest_wider_qi = yesNo(0.79);
    data.plt_barrier = maybe(0.97, () => yesNo(0.62));
    data.practice_change = yesNo(0.74);
    data.wider_system_change = yesNo(0.33);
    data.qi_data_training = yesNo(0.35);
    data.list_analyst_access = yesNo(0.5);
    data.admin_support = yesNo(0.22);
    data.cql_network_aware = yesNo(0.57);
    if (cql && data.cql_network_aware === 'yes') data.cql_network_member = yesNo(0.97);
    data.guidance_used = ['aware_used', 'aware_not_used', 'not_aware'][Math.floor(random() * 3)];
    if (random() < 0.4) data.time_funding_comments = comments[Math.floor(random() * comments.length)];
    if (random() < 0.6) data.resources_not_in_place = comments[Math.floor(random() * comments.length)];
    for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
    yield data;
  }
}
