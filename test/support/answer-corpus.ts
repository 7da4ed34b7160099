/**
 * Answers in which two pairs of words keep the same company: "nurses" and "staff" with clinical words,
 * "secretary" and "administrator" with office words. With `wordsPerSide` of 30 (the most) the vocabulary is
 * large enough (over 50 stems seen three times) for 50 learned dimensions.
 */
const CLINICAL = [
  'ward',
  'patients',
  'shifts',
  'clinic',
  'bedside',
  'injections',
  'dressings',
  'triage',
  'vaccines',
  'bloods',
  'wounds',
  'rota',
  'night',
  'cover',
  'pressure',
  'catheters',
  'medicines',
  'infusions',
  'theatre',
  'recovery',
  'observations',
  'smears',
  'asthma',
  'diabetes',
  'dementia',
  'frailty',
  'palliative',
  'community',
  'visits',
  'immunisation',
];
const OFFICE = [
  'letters',
  'phones',
  'appointments',
  'referrals',
  'paperwork',
  'invoices',
  'records',
  'scanning',
  'filing',
  'emails',
  'diary',
  'minutes',
  'forms',
  'typing',
  'database',
  'payroll',
  'postage',
  'printing',
  'reception',
  'spreadsheets',
  'budgets',
  'contracts',
  'audits',
  'policies',
  'complaints',
  'registrations',
  'prescriptions',
  'claims',
  'mailbox',
  'archive',
];

export function pairedAnswers(count: number, wordsPerSide = 30): string[] {
  return Array.from({ length: count }, (_, i) => {
    const clinical = i % 2 === 0;
    const words = (clinical ? CLINICAL : OFFICE).slice(0, wordsPerSide);
    const subject = clinical ? (i % 4 === 0 ? 'nurses' : 'staff') : i % 4 === 1 ? 'secretary' : 'administrator';
    const at = (step: number, offset: number) => words[(i * step + offset) % words.length]!;
    return `${subject} handle ${at(1, 0)} and ${at(7, 3)} with ${at(11, 5)} daily`;
  });
}
