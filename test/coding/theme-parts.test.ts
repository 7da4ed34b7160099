import { normalisedMutualInformation } from '../../analysis/coding/cluster-agreement';
import { discoverThemes } from '../../analysis/coding/themes';

describe('normalised mutual information', () => {
  // Reference: scikit-learn 1.2, python3 -c "from sklearn.metrics import normalized_mutual_info_score as n; print(n(a, b))"
  test.each([
    [[0, 0, 1, 1, 2, 2], [0, 0, 1, 2, 2, 2], 0.7396673768007591],
    [['a', 'a', 'b', 'b'], ['x', 'y', 'x', 'y'], 0],
    [[1, 1, 1, 2, 2, 3], [1, 1, 2, 2, 3, 3], 0.5206652463984818],
    [[5, 5, 7, 7], [1, 1, 2, 2], 1],
  ])('when labellings %j and %j are compared, then NMI is %d as scikit-learn computes it', (a, b, expected) => {
    expect(normalisedMutualInformation(a, b)).toBeCloseTo(expected, 10);
  });
});

describe('themes of many answers', () => {
  const topics: Record<string, string[]> = {
    parking: [
      'car park',
      'parking space',
      'parking charges',
      'full car park',
      'pay machine',
      'drop off bay',
      'blue badge bays',
      'multi storey',
      'parking ticket',
      'barrier exit',
      'spaces near the entrance',
      'parking fees',
    ],
    nurses: [
      'kind nurses',
      'caring staff',
      'friendly nurses',
      'lovely staff',
      'helpful healthcare assistants',
      'gentle midwife',
      'attentive ward sister',
      'compassionate carers',
      'cheerful porters',
      'patient physiotherapist',
      'warm receptionist',
      'thoughtful student nurse',
    ],
    waiting: [
      'long wait',
      'waiting room',
      'waited hours',
      'waiting times',
      'delayed clinic',
      'queue at reception',
      'appointment ran late',
      'slow triage',
      'hours in casualty',
      'running behind schedule',
      'overdue appointment',
      'delay before being seen',
    ],
    food: [
      'cold food',
      'hospital food',
      'the meals',
      'tasty soup',
      'stale sandwiches',
      'menu choice',
      'lukewarm tea',
      'vegetarian options',
      'breakfast cereal',
      'dinner portions',
      'fresh fruit',
      'dessert trolley',
    ],
  };
  const fillers = ['I thought', 'Honestly', 'On the day', 'Overall', 'This time'];
  const answers = Object.entries(topics).flatMap(([topic, phrases]) =>
    Array.from({ length: 90 }, (_, i) => ({
      id: `${topic}-${i}`,
      text: `${fillers[i % 5]} the ${phrases[i % 12]} and the ${phrases[(i * 5 + 1) % 12]} made the visit what it was.`,
    })),
  );

  test('when there are hundreds of answers, then word meaning learned from them is used and said, and each topic keeps to its own themes', () => {
    const result = discoverThemes(answers);
    expect(result.method).toMatchObject({ representation: 'words and learned word meaning', themeCount: 'chosen' });
    expect(result.themes.length).toBeGreaterThanOrEqual(4);
    for (const theme of result.themes) {
      const topicsInTheme = new Set(theme.members.map((id) => id.split('-')[0]));
      expect([theme.label, topicsInTheme.size]).toEqual([theme.label, 1]);
      expect(theme.members.length).toBeLessThan(answers.length / 2);
    }
  });
});
