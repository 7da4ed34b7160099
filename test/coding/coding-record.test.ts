import { codingStateFrom } from '../../server/coding/coding-record';
import { CorruptRecordError } from '../../server/store/stored-record';

const state = {
  surveySlug: 's',
  question: 'why',
  segments: [{ id: 's1', responseId: 'r1', text: 'Time.', start: 0, end: 5 }],
  codes: [],
  themes: [],
  applications: [],
  memos: [],
};

describe('a stored coding document read by the coding domain', () => {
  test.each([
    ['its codes are missing', { ...state, codes: undefined }, 'codes'],
    ['a theme has no label', { ...state, themes: [{ id: 't1' }] }, 'themes.0.label'],
    ['a segment is not an object', { ...state, segments: ['s1'] }, 'segments.0'],
  ])('when %s, then reading it names the coding and the field', (_case, document, field) => {
    expect(() => codingStateFrom(document)).toThrow(CorruptRecordError);
    expect(() => codingStateFrom(document)).toThrow(
      new RegExp(`^The stored coding of question "why" in survey "s" is not valid: ${field.replace(/\./g, '\\.')}:`),
    );
  });

  test('when it is whole, then it is returned as read, its keys in their stored order', () => {
    const { memos, ...rest } = state;
    const stored = JSON.parse(JSON.stringify({ memos, ...rest }));
    expect(codingStateFrom(stored)).toBe(stored);
    expect(Object.keys(codingStateFrom(stored))[0]).toBe('memos');
  });
});
