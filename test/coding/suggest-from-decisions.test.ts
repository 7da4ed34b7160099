import { CodingService } from '../../server/coding/coding-service';
import { codingStateFrom } from '../../server/coding/coding-record';
import type { CodeApplication, CodingCode, CodingState } from '../../server/coding/coding-state';
import { openStore } from '../../server/store/open-store';
import type { Store } from '../../server/store/repository';
import { addSurvey, cqlPqlSurvey } from '../support/factories';
import { storeTargets } from '../support/stores';
import { createServices } from '../../server/services';
import { waitingSuggestions } from '../../server/coding/coding-state';

const QUESTION = 'resources_not_in_place';
const survey = cqlPqlSurvey();
const CQL_PQL = survey.slug;

const code = (id: string, label: string, status: CodingCode['status'] = 'proposed'): CodingCode => ({
  id,
  label,
  definition: '',
  keywords: [],
  source: 'inductive',
  themeId: null,
  parentId: null,
  status,
});
const texts = [
  'The car park is always full', // s1
  'Parking near the practice is impossible', // s2
  'The staff were kind and helpful', // s3
  'Reception staff are overworked', // s4
  'There is never a parking space in the car park', // s5: undecided, with an earlier suggestion
  'More staff at reception would help', // s6: undecided
  'The car park needs more spaces for staff', // s7: a researcher rejected parking here
  'No car park space for the cleaning staff', // s8: undecided
  'Parking costs too much at the car park', // s9
  'Could not park, the car park was full', // s10
  'Parking for patients is a nightmare', // s11
  'Friendly staff at the front desk', // s12
  'The nursing staff listened to me', // s13
  'Staff always make time for us', // s14
];
// Five decided segments a code, as suggestions are learned from (LEARNED_FROM).
const MORE_PARKING = ['s9', 's10', 's11'];
const MORE_STAFF = ['s12', 's13', 's14'];

function codingWithDecisions(): CodingState {
  const decision = (
    segmentId: string,
    codeId: string,
    status: CodeApplication['status'] = 'accepted',
  ): CodeApplication => ({
    segmentId,
    codeId,
    by: 'ra@example.org',
    origin: 'machine',
    status,
    confidence: null,
    evidence: [],
  });
  return {
    surveySlug: CQL_PQL,
    question: QUESTION,
    segments: texts.map((text, i) => ({ id: `s${i + 1}`, responseId: `r${i + 1}`, text, start: 0, end: text.length })),
    codes: [
      code('parking', 'Parking'),
      code('staff', 'Staff'),
      code('cars', 'Cars', 'discarded'),
      code('spaces', 'Spaces'),
    ],
    themes: [],
    applications: [
      decision('s1', 'parking'),
      decision('s1', 'cars'), // decided before the code was discarded
      decision('s2', 'parking'),
      decision('s2', 'cars'),
      decision('s3', 'staff'),
      decision('s4', 'staff'),
      decision('s7', 'parking', 'rejected'),
      ...MORE_PARKING.map((segment) => decision(segment, 'parking')),
      ...MORE_STAFF.map((segment) => decision(segment, 'staff')),
      {
        segmentId: 's5',
        codeId: 'spaces',
        by: 'machine',
        status: 'suggested',
        confidence: null,
        evidence: ['parking space'],
      },
    ],
    memos: [],
  };
}

describe.each(storeTargets)('on $name', (target) => {
  jest.setTimeout(60_000);
  let store: Store;
  let coding: CodingService;
  let after: CodingState;
  let before: CodingState;

  // Each test has a store of its own with the decisions saved and suggestions asked for once (the last test asks
  // again, which changes the coding).
  beforeEach(async () => {
    store = await openStore(target.fresh());
    await addSurvey(store, survey);
    before = codingWithDecisions();
    await store.codings.save(before, 0, { operation: 'code: test', doneBy: 'test', doneAt: new Date().toISOString() });
    coding = createServices(store).coding;
    await coding.suggest(CQL_PQL, QUESTION, 'ra@example.org');
    after = codingStateFrom((await store.codings.get(CQL_PQL, QUESTION))!.state);
  });
  afterEach(() => store.close());

  describe("suggesting codes from the researchers' decisions", () => {
    test('when there are earlier suggestions, then they stay with their evidence and the learned ones are added beside them', () => {
      expect(after.applications).toContainEqual({
        segmentId: 's5',
        codeId: 'spaces',
        by: 'machine',
        status: 'suggested',
        confidence: null,
        evidence: ['parking space'],
      });
      const learned = after.applications.filter(
        (application) => application.status === 'suggested' && application.confidence !== null,
      );
      expect(learned.length).toBeGreaterThan(0);
      expect(
        learned.map((application) => application.segmentId).every((segment) => ['s5', 's6', 's8'].includes(segment)),
      ).toBe(true);
    });

    test('when a code was discarded, then it is never suggested again, though it was decided on before', () => {
      const newOnes = after.applications.slice(before.applications.length);
      expect(newOnes.filter((application) => application.codeId === 'cars')).toEqual([]);
    });

    test('when a researcher decided on a segment, then their decision stays as it was and no suggestion is added to it', () => {
      const decided = ['s1', 's2', 's3', 's4', 's7', ...MORE_PARKING, ...MORE_STAFF];
      expect(after.applications.filter((application) => decided.includes(application.segmentId))).toEqual(
        before.applications.filter((application) => decided.includes(application.segmentId)),
      );
    });

    test('when a researcher coded words of a sentence with a code, then that code is not suggested on the sentence, and the count says only what waits', async () => {
      const coded = codingWithDecisions();
      // "No car park", within s8's sentence, coded Parking by hand: the sentence would otherwise be suggested it.
      coded.segments.push({ id: 's15', responseId: 'r8', text: 'No car park', start: 0, end: 11 });
      coded.applications.push({
        segmentId: 's15',
        codeId: 'parking',
        by: 'ra@example.org',
        origin: 'researcher',
        status: 'accepted',
        confidence: null,
        evidence: [],
      });
      const own = await openStore(target.fresh());
      await addSurvey(own, survey);
      await own.codings.save(coded, 0, { operation: 'code: test', doneBy: 'test', doneAt: new Date().toISOString() });
      const made = await createServices(own).coding.suggest(CQL_PQL, QUESTION, 'ra@example.org');
      const state = codingStateFrom((await own.codings.get(CQL_PQL, QUESTION))!.state);
      await own.close();
      const learned = state.applications.filter((a) => a.status === 'suggested' && a.confidence !== null);
      expect(learned).not.toContainEqual(expect.objectContaining({ segmentId: 's8', codeId: 'parking' }));
      expect(made).toBe(learned.length);
      expect(waitingSuggestions(state, 'ra@example.org').filter((a) => a.confidence !== null)).toHaveLength(made);
    });

    test('when asked again, then nothing already suggested is suggested twice', async () => {
      await coding.suggest(CQL_PQL, QUESTION, 'ra@example.org');
      const again = codingStateFrom((await store.codings.get(CQL_PQL, QUESTION))!.state);
      const keys = again.applications.map(
        (application) => `${application.segmentId} ${application.codeId} ${application.by}`,
      );
      expect(new Set(keys).size).toBe(keys.length);
      expect(again.applications).toEqual(after.applications);
    });
  });
});
