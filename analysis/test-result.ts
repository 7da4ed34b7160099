export type TestName = 'chi-square' | 'fisher' | 'fisher-simulated' | 'mann-whitney' | 'kruskal-wallis';

export interface TestResult {
  name: TestName;
  statistic: number | null;
  df: number | null;
  p: number | null;
  note?: string;
}
