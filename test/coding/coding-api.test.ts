import request from 'supertest';
import { runCli } from '../support/cli';
import { codedSurvey, FREE_TEXT as QUESTION } from '../support/coding-factories';
import { csrfTokenIn, signedInAgent } from '../support/factories';
import { buildTestApp, type TestApp } from '../support/test-app';
import { storeTargets } from '../support/stores';

describe.each(storeTargets)('on $name', (target) => {
  jest.setTimeout(60_000);

  let t: TestApp;
  // Each test changes or checks a coding no other test touches: a survey of its own, coded by the machine.
  let slug: string;
  let url: string;

  beforeAll(async () => {
    t = await buildTestApp({ store: target.fresh(), surveys: [] });
  });
  beforeEach(async () => {
    slug = await codedSurvey(t.store);
    url = `/api/surveys/${slug}/coding/${QUESTION}`;
  });
  afterAll(() => t.close());

  async function researcher() {
    const { agent, email } = await signedInAgent(t.app, t.store, 'researcher');
    const token = csrfTokenIn((await agent.get('/staff')).text);
    const load = async () => (await agent.get(url)).body;
    const operate = (version: number, operation: object) =>
      agent.post(`${url}/operations`).set('x-csrf-token', token).send({ version, operation });
    return { agent, email, token, load, operate };
  }

  describe('the coding API', () => {
    test('when a researcher reviews the proposed coding, then each operation changes it, is recorded with who did it, and can be undone', async () => {
      const { agent, email, token, load, operate } = await researcher();
      let coding = await load();
      expect(coding.codes.length).toBeGreaterThan(2);
      const [first, second, third] = coding.codes as Array<{ id: string; label: string }>;

      expect(
        (await operate(coding.version, { op: 'rename-code', code: first!.id, label: 'Admin support' })).status,
      ).toBe(200);
      coding = await load();
      expect(coding.codes.find((c: { id: string }) => c.id === first!.id).label).toBe('Admin support');
      expect(coding.history[0]).toMatchObject({ doneBy: email, operation: expect.stringMatching(/^rename-code/) });

      const stale = await operate(coding.version - 1, { op: 'accept-code', code: first!.id });
      expect(stale.status).toBe(409);

      expect((await operate(coding.version, { op: 'merge-codes', into: first!.id, codes: [second!.id] })).status).toBe(
        200,
      );
      coding = await load();
      expect(coding.codes.map((c: { id: string }) => c.id)).not.toContain(second!.id);
      expect(coding.applications.some((a: { codeId: string }) => a.codeId === second!.id)).toBe(false);

      const thirdSegments = coding.applications
        .filter((a: { codeId: string }) => a.codeId === third!.id)
        .map((a: { segmentId: string }) => a.segmentId);
      expect(
        (
          await operate(coding.version, {
            op: 'split-code',
            code: third!.id,
            segments: thirdSegments.slice(0, 1),
            label: 'Split off',
          })
        ).status,
      ).toBe(200);
      coding = await load();
      const split = coding.codes.find((c: { label: string }) => c.label === 'Split off');
      expect(coding.applications.filter((a: { codeId: string }) => a.codeId === split.id)).toHaveLength(1);

      expect((await operate(coding.version, { op: 'promote-code', code: split.id })).status).toBe(200);
      coding = await load();
      const promoted = coding.themes.find((theme: { label: string }) => theme.label === 'Split off');
      expect(promoted).toBeDefined();

      const answer = coding.segments[0].responseId;
      expect(
        (await operate(coding.version, { op: 'choose-quotes', theme: promoted.id, answers: [answer] })).status,
      ).toBe(200);
      coding = await load();
      const suggestion = coding.applications.find((a: { status: string }) => a.status === 'suggested');
      expect(
        (
          await operate(coding.version, {
            op: 'reject-suggestion',
            segment: suggestion.segmentId,
            code: suggestion.codeId,
          })
        ).status,
      ).toBe(200);

      coding = await load();
      const before = coding.version;
      expect((await agent.post(`${url}/undo`).set('x-csrf-token', token)).status).toBe(200);
      coding = await load();
      expect(coding.version).toBe(before + 1);
      expect(
        coding.applications.find(
          (a: { segmentId: string; codeId: string }) =>
            a.segmentId === suggestion.segmentId && a.codeId === suggestion.codeId,
        ).status,
      ).toBe('suggested');
    });

    test('when an operation is malformed or names something that does not exist, then 400 and nothing changes', async () => {
      const { load, operate } = await researcher();
      const coding = await load();
      expect((await operate(coding.version, { op: 'explode-code', code: 'x' })).status).toBe(400);
      const missing = await operate(coding.version, { op: 'rename-code', code: 'no-such-code', label: 'x' });
      expect(missing.status).toBe(400);
      expect(missing.body.details).toEqual([{ field: 'code', message: 'there is no code "no-such-code"' }]);
      expect((await load()).version).toBe(coding.version);
    });

    test('when researchers have decided some segments, then suggestions are learned from them for the rest', async () => {
      const { agent, token, load, operate } = await researcher();
      let coding = await load();
      const [a, b] = coding.codes as Array<{ id: string }>;
      const segments = coding.segments as Array<{ id: string; text: string }>;
      for (const [i, segment] of segments.slice(0, 12).entries()) {
        expect(
          (await operate(coding.version, { op: 'apply-code', segment: segment.id, code: (i % 2 ? a : b)!.id })).status,
        ).toBe(200);
        coding = await load();
      }
      const result = await agent.post(`${url}/suggest`).set('x-csrf-token', token);
      expect(result.status).toBe(200);
      expect(result.body.suggested).toBeGreaterThan(0);
      coding = await load();
      const learned = coding.applications.filter(
        (x: { by: string; confidence: number | null }) => x.by === 'machine' && x.confidence !== null,
      );
      expect(learned.length).toBe(result.body.suggested);
      expect(coding.history[0].operation).toMatch(/^suggest: learned from 12 decided segments/);
    });

    test('when a viewer or a stranger asks, then the coding is refused', async () => {
      const viewer = (await signedInAgent(t.app, t.store, 'viewer')).agent;
      expect((await viewer.get(url)).status).toBe(403);
      expect((await request(t.app).get(url)).status).toBe(401);
      const { agent } = await researcher();
      expect((await agent.post(`${url}/undo`)).status).toBe(403);
    });
  });

  describe('coding any span of an answer', () => {
    test('when a researcher codes words they selected, then the span is kept by offsets, highlighted text and all, and exported as such', async () => {
      const { load, operate } = await researcher();
      let coding = await load();
      const answer = (coding.segments as Array<{ responseId: string }>)[0]!.responseId;
      const text = (await t.store.responses.get(slug, answer))!.data[QUESTION] as string;
      const [start, end] = [2, Math.min(text.length, 20)];
      const created = await operate(coding.version, { op: 'code-span', answer, start, end, label: 'Chosen words' });
      expect(created.status).toBe(200);
      coding = await load();
      const code = (coding.codes as Array<{ id: string; label: string; source: string }>).find(
        (candidate) => candidate.label === 'Chosen words',
      )!;
      expect(code.source).toBe('researcher');
      const span = (
        coding.segments as Array<{ id: string; responseId: string; start: number; end: number; text: string }>
      ).find((segment) => segment.start === start && segment.end === end && segment.responseId === answer)!;
      expect(span.text).toBe(text.slice(start, end));
      expect(coding.applications).toContainEqual(
        expect.objectContaining({ segmentId: span.id, codeId: code.id, status: 'accepted', origin: 'researcher' }),
      );
      // The same span with another code: one segment, two codes.
      const other = (coding.codes as Array<{ id: string }>)[0]!.id;
      expect((await operate(coding.version, { op: 'code-span', answer, start, end, code: other })).status).toBe(200);
      coding = await load();
      expect(
        (coding.segments as Array<{ start: number; end: number; responseId: string }>).filter(
          (segment) => segment.start === start && segment.end === end && segment.responseId === answer,
        ),
      ).toHaveLength(1);
      const csv = await runCli(['export', slug, '--format', 'segments-csv', '--question', QUESTION], {
        store: t.location,
      });
      expect(csv.stdout).toContain(`${answer},${span.id},${start},${end},`);
    });

    test('when words a researcher coded are merged into the code the machine suggested on their sentence, then the suggestion waits no more and the passage is not counted twice', async () => {
      const { agent, load, operate } = await researcher();
      let coding = await load();
      type Segment = { id: string; responseId: string; start: number; end: number };
      type Application = { segmentId: string; codeId: string; status: string };
      const suggestion = (coding.applications as Application[]).find((a) => a.status === 'suggested')!;
      const sentence = (coding.segments as Segment[]).find((segment) => segment.id === suggestion.segmentId)!;
      type CodeNode = { id: string; waiting: number; passages: number };
      const screen = async (query = '') =>
        (await agent.get(`/staff/surveys/${slug}/coding/${QUESTION}/screen/data?show=all${query}`)).body as {
          codebook: { themes: Array<{ codes: CodeNode[] }>; unthemed: CodeNode[] };
          answers: Array<{ id: string; suggestions: Array<{ code: string }> }>;
        };
      const counted = (shown: Awaited<ReturnType<typeof screen>>) => {
        const node = [...shown.codebook.themes.flatMap((theme) => theme.codes), ...shown.codebook.unthemed].find(
          (code) => code.id === suggestion.codeId,
        )!;
        return { waiting: node.waiting, passages: node.passages };
      };
      const before = counted(await screen());
      const [start, end] = [sentence.start + 1, Math.min(sentence.end, sentence.start + 12)];
      const span = { op: 'code-span', answer: sentence.responseId, start, end, unit: 'utf-16', label: 'My words' };
      expect((await operate(coding.version, span)).status).toBe(200);
      coding = await load();
      const mine = (coding.codes as Array<{ id: string; label: string }>).find((code) => code.label === 'My words')!;
      expect(
        (await operate(coding.version, { op: 'merge-codes', into: suggestion.codeId, codes: [mine.id] })).status,
      ).toBe(200);

      // One passage more, coded; one suggestion fewer, waiting: the words are counted once.
      expect(counted(await screen())).toEqual({ waiting: before.waiting - 1, passages: before.passages + 1 });
      const coded = await screen(`&code=${encodeURIComponent(suggestion.codeId)}`);
      const answer = coded.answers.find((shown) => shown.id === sentence.responseId)!;
      expect(answer.suggestions.map((shown) => shown.code)).not.toContain(suggestion.codeId);
      // Splitting the code offers the researcher's words, not the sentence around them as well.
      const passages = (
        await agent.get(
          `/staff/surveys/${slug}/coding/${QUESTION}/screen/passages?code=${encodeURIComponent(suggestion.codeId)}`,
        )
      ).body.passages as Array<{ segment: string }>;
      expect(passages.map((passage) => passage.segment)).not.toContain(sentence.id);
    });

    test.each([
      ['starts past the end of the answer', { start: 100_000, end: 100_001 }, 'start'],
      ['ends past the end of the answer', { start: 0, end: 100_000 }, 'end'],
      ['ends before it starts', { start: 5, end: 3 }, 'end'],
    ])('when a span %s, then 400 names %s and nothing changes', async (_case, offsets, field) => {
      const { load, operate } = await researcher();
      const coding = await load();
      const answer = (coding.segments as Array<{ responseId: string }>)[0]!.responseId;
      const response = await operate(coding.version, { op: 'code-span', answer, ...offsets, label: 'Out of range' });
      expect(response.status).toBe(400);
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toContainEqual(
        expect.stringMatching(new RegExp(`(^|\\.)${field}$`)),
      );
      expect((await load()).version).toBe(coding.version);
    });

    test('when a span names an answer that is not there, then 400 names answer', async () => {
      const { load, operate } = await researcher();
      const coding = await load();
      const response = await operate(coding.version, {
        op: 'code-span',
        answer: 'no-such-response',
        start: 0,
        end: 2,
        label: 'Nowhere',
      });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'answer', message: expect.stringContaining('no answer') }]);
    });
  });
});
