import { CANDIDATE_NOTE, describedForExchange, readDescription } from '../../../analysis/coding/candidate-note';

describe('the review state carried in a REFI-QDA description', () => {
  test.each<[string, 'proposed' | 'accepted', string, boolean]>([
    ['What clusters lack', 'accepted', 'What clusters lack', false],
    ['What clusters lack', 'proposed', 'What clusters lack', true],
    ['', 'proposed', '', true],
    ['', 'accepted', '', false],
    ['Two lines\nof definition', 'proposed', 'Two lines\nof definition', true],
  ])(
    'when a definition "%s" of a %s code goes out and is read back, then it is "%s" and a candidate: %s',
    (definition, status, back, proposed) => {
      const description = describedForExchange(definition, status);
      expect(description.includes(CANDIDATE_NOTE)).toBe(proposed);
      expect(readDescription(description)).toEqual({ definition: back, proposed });
    },
  );
  test('when another tool wrote the description, then it is the definition as it stands', () => {
    expect(readDescription('Proposed by a colleague, not yet agreed.')).toEqual({
      definition: 'Proposed by a colleague, not yet agreed.',
      proposed: false,
    });
  });
});
