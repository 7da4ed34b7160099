import { discoverThemes } from '../../analysis/coding/themes';
import { learnWordVectors } from '../../analysis/coding/word-vectors';
import { pairedAnswers } from '../support/answer-corpus';

// Vocabularies learned beforehand on 400 answers: one with the words of pairedAnswers(n), one with 15 words a side.
const vocabulary = { vectors: learnWordVectors(pairedAnswers(400), 10)!, source: 'test answers' };
const narrow = { vectors: learnWordVectors(pairedAnswers(400, 15), 10)!, source: 'test answers' };
const asInput = (texts: string[]) => texts.map((text, i) => ({ id: `a${i}`, text }));

describe('where word meaning comes from, as the themes output says', () => {
  test.each([
    [
      'a vocabulary that knows their words',
      pairedAnswers(320),
      vocabulary,
      'from a vocabulary Canvass learned beforehand on test answers, as it knows most of the words these answers use',
    ],
    [
      'a vocabulary that knows too few of their words',
      pairedAnswers(300),
      narrow,
      'learned from these 300 answers, as the vocabulary learned on test answers knows too few of their words',
    ],
    [
      'a vocabulary learned on no more answers than these',
      pairedAnswers(400),
      vocabulary,
      'learned from these 400 answers, no fewer than the test answers the vocabulary was learned on',
    ],
    ['no vocabulary', pairedAnswers(300), null, 'learned from these 300 answers'],
    [
      'no vocabulary and few distinct words',
      pairedAnswers(320, 15),
      null,
      'none: these 320 answers use too few distinct words to learn word meaning from, so themes rest on the words alone',
    ],
    [
      'a vocabulary, but under 300 answers',
      pairedAnswers(120, 15),
      vocabulary,
      'none: 120 answers are too few to learn word meaning from, so themes rest on the words alone',
    ],
  ])('when the answers meet %s, then method.wordMeaning says so', (_, texts, given, said) => {
    const result = discoverThemes(asInput(texts), { themes: 3, vocabulary: given });
    expect(result.method.wordMeaning).toBe(said);
  });
});
