import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { exchangeForm, sliceCodePoints } from '../../analysis/coding/exchange-text';
import { childNamed, childrenNamed, parseXml, type XmlElement } from '../../analysis/coding/xml-tree';
import { exportCoding } from '../../server/coding/coding-export';
import type { CodingState } from '../../server/coding/coding-state';
import { exportQdpx, MACHINE_USER_NAME, type SourceAnswer } from '../../server/coding/qdpx-export';
import { ANN, answerTexts, BOB, sourceAnswers, twoResearcherCoding } from '../support/refi-qda-project';
import { tempDir } from '../support/temp-files';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'refi-qda');
const dir = tempDir();
const AT = new Date('2024-06-01T12:00:00.000Z');

/** Every element of a tree, depth first. */
function all(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(all)];
}

async function exported(
  state: CodingState,
  answers: SourceAnswer[] = sourceAnswers(),
  title = 'Joint review: resources',
  options = {},
) {
  const zip = await JSZip.loadAsync(await exportQdpx(state, answers, title, AT, options));
  const qde = await zip.file('project.qde')!.async('string');
  const texts = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((file) => file.startsWith('Sources/') && file.endsWith('.txt')))
    texts.set(name, await zip.file(name)!.async('string'));
  // A strict parser: an undefined entity, a forbidden character or a stray "<" throws.
  return { qde, project: parseXml(qde), texts };
}

/** libxml2 against the official REFI-QDA 2019 schema (copied in test/fixtures/refi-qda). */
function validate(xml: string, schema: 'Project' | 'Codebook') {
  const file = path.join(dir, `${schema}-${Math.random().toString(36).slice(2)}.xml`);
  fs.writeFileSync(file, xml);
  execFileSync('xmllint', ['--noout', '--schema', path.join(FIXTURES, `${schema}-mrt2019.xsd`), file], {
    stdio: 'pipe',
  });
}

/** What a reader gets for each coding: the coder's name, the code's name and the text its positions slice. */
function codingsRead(project: XmlElement) {
  const users = new Map(
    all(project)
      .filter((e) => e.name === 'User')
      .map((user) => [user.attributes.guid, user.attributes.name]),
  );
  const codes = new Map(
    all(project)
      .filter((e) => e.name === 'Code')
      .map((code) => [code.attributes.guid, code.attributes.name]),
  );
  return all(project)
    .filter((e) => e.name === 'TextSource')
    .flatMap((source) => {
      const text = childNamed(source, 'PlainTextContent')!.text;
      return childrenNamed(source, 'PlainTextSelection').flatMap((selection) =>
        childrenNamed(selection, 'Coding').map((coding) => ({
          source: source.attributes.name,
          text: sliceCodePoints(
            text,
            Number(selection.attributes.startPosition),
            Number(selection.attributes.endPosition),
          ),
          code: codes.get(childNamed(coding, 'CodeRef')!.attributes.targetGUID),
          selectionBy: users.get(selection.attributes.creatingUser),
          by: users.get(coding.attributes.creatingUser),
          guid: coding.attributes.guid,
          unreviewed: childrenNamed(coding, 'NoteRef').length > 0,
        })),
      );
    });
}

describe('the REFI-QDA project and codebook', () => {
  test('when every exported field holds hostile text, then each export parses strictly, validates against the schemas and reads back exactly what was written', async () => {
    // Entity-like text, markup, CDATA ends, quotes, control characters, lone surrogates, emoji, line breaks.
    const hostile = fc.oneof(
      fc.constantFrom(
        '&nbsp;',
        '&#0;',
        '&amp;',
        '&#x26;',
        ']]>',
        '<b>',
        '"',
        "'",
        '\u0001',
        '\u000B',
        '\uD800',
        '\uDFFF',
        '😀',
        '\r\n',
        '\r',
        '\t',
        '\n',
        '&lt;',
        '&',
      ),
      fc.string({ unit: 'binary', maxLength: 6 }),
    );
    const value = fc.array(hostile, { minLength: 1, maxLength: 6 }).map((parts) => `x${parts.join('')}`);
    // A reader sees a value with the characters XML cannot carry as U+FFFD and, in text, line breaks as LF.
    const inAttribute = (written: string) =>
      written.replace(
        /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
        '\uFFFD',
      );
    const inText = (written: string) => inAttribute(written).replace(/\r\n?/g, '\n');
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          answer: value,
          label: value,
          definition: value,
          theme: value,
          memo: value,
          coder: value,
          variable: value,
          title: value,
        }),
        async (v) => {
          const state: CodingState = {
            surveySlug: 's',
            question: 'q',
            segments: [{ id: 's1', responseId: 'r1', text: v.answer, start: 0, end: v.answer.length }],
            codes: [
              {
                id: 'c1',
                label: v.label,
                definition: v.definition,
                keywords: [],
                source: 'researcher',
                themeId: 't1',
                parentId: null,
                status: 'accepted',
              },
            ],
            themes: [
              {
                id: 't1',
                label: v.theme,
                definition: v.definition,
                status: 'accepted',
                proposedQuotes: [],
                chosenQuotes: [],
              },
            ],
            applications: [
              {
                segmentId: 's1',
                codeId: 'c1',
                by: v.coder,
                origin: 'researcher',
                status: 'accepted',
                confidence: null,
                evidence: [],
              },
            ],
            memos: [{ id: 'm1', text: v.memo, by: v.coder, at: AT.toISOString() }],
          };
          const { qde, project, texts } = await exported(
            state,
            [{ id: 'r1', text: v.answer, variables: { role: v.variable } }],
            v.title,
          );
          validate(qde, 'Project');
          const qdc = exportCoding(state, 'qdc');
          const codebook = parseXml(qdc);
          validate(qdc, 'Codebook');

          expect(project.attributes.name).toBe(inAttribute(v.title));
          const theme = childNamed(childNamed(childNamed(project, 'CodeBook')!, 'Codes')!, 'Code')!;
          expect([theme.attributes.name, childNamed(theme, 'Description')!.text]).toEqual([
            inAttribute(v.theme),
            inText(v.definition),
          ]);
          const code = childNamed(theme, 'Code')!;
          expect([code.attributes.name, childNamed(code, 'Description')!.text]).toEqual([
            inAttribute(v.label),
            inText(v.definition),
          ]);
          expect(childNamed(childNamed(childNamed(codebook, 'Codes')!, 'Code')!, 'Code')!.attributes.name).toBe(
            code.attributes.name,
          );
          expect(all(project).find((e) => e.name === 'User')!.attributes.name).toBe(inAttribute(v.coder));
          const source = all(project).find((e) => e.name === 'TextSource')!;
          expect(childNamed(source, 'PlainTextContent')!.text).toBe(inText(v.answer));
          expect([...texts.values()]).toEqual([inText(v.answer)]);
          expect(childNamed(childNamed(source, 'VariableValue')!, 'TextValue')!.text).toBe(inText(v.variable));
          expect(childNamed(childNamed(childNamed(project, 'Notes')!, 'Note')!, 'PlainTextContent')!.text).toBe(
            inText(v.memo),
          );
          expect(codingsRead(project)).toEqual([
            expect.objectContaining({ text: inText(v.answer), by: inAttribute(v.coder) }),
          ]);
        },
      ),
      { numRuns: 40 },
    );
  });

  test("when answers hold emoji, entity-like text and Windows line breaks, then slicing each source text by a coding's positions in code points gives exactly the text Canvass coded", async () => {
    const state = twoResearcherCoding();
    const { qde, project, texts } = await exported(state);
    validate(qde, 'Project');
    const segments = new Map(state.segments.map((segment) => [segment.id, segment]));
    const expected = state.applications
      .filter((application) => application.status === 'accepted')
      .map((application) => ({
        source: `Response ${segments.get(application.segmentId)!.responseId}`,
        text: exchangeForm(segments.get(application.segmentId)!.text),
      }));
    expect(codingsRead(project).map(({ source, text }) => ({ source, text }))).toEqual(
      expect.arrayContaining(expected),
    );
    expect(codingsRead(project)).toHaveLength(expected.length);
    expect(codingsRead(project)).toContainEqual(
      expect.objectContaining({ text: 'admin support', code: 'Admin support' }),
    );
    expect(codingsRead(project)).toContainEqual(
      expect.objectContaining({ text: 'Protected time', source: 'Response emoji' }),
    );
    expect(codingsRead(project)).toContainEqual(
      expect.objectContaining({ text: 'backfill.\nSecond line 😀 about Protected time', source: 'Response windows' }),
    );
    // The text files say what PlainTextContent says, line breaks as LF: no CR anywhere.
    const contents = all(project)
      .filter((e) => e.name === 'TextSource')
      .map((source): [string, string] => [
        source.attributes.plainTextPath!.replace('internal://', 'Sources/'),
        childNamed(source, 'PlainTextContent')!.text,
      ]);
    expect(new Map(contents)).toEqual(texts);
    expect(qde).not.toContain('\r');
    expect(texts.get(contents.find(([, text]) => text.startsWith('First line'))![0]!)).toBe(
      answerTexts.windows!.replace(/\r\n/g, '\n'),
    );
  });

  test("when Python's strict XML parser (expat) slices each source by its positions, then it gets exactly the text Canvass coded", async () => {
    // Python strings index code points, as QualCoder's importer slices; expat refuses undefined entities.
    const reader = [
      'import json, sys, xml.etree.ElementTree as ET',
      'ns = {"q": "urn:QDA-XML:project:1.0"}',
      'root = ET.fromstring(sys.stdin.buffer.read())',
      'out = []',
      'for source in root.iter("{urn:QDA-XML:project:1.0}TextSource"):',
      '    text = source.find("q:PlainTextContent", ns).text',
      '    for selection in source.findall("q:PlainTextSelection", ns):',
      '        out.append([source.get("name"), text[int(selection.get("startPosition")):int(selection.get("endPosition"))]])',
      'print(json.dumps(out))',
    ].join('\n');
    const state = twoResearcherCoding();
    const { qde } = await exported(state);
    const sliced = JSON.parse(execFileSync('python3', ['-c', reader], { input: qde }).toString()) as Array<
      [string, string]
    >;
    const segments = new Map(state.segments.map((segment) => [segment.id, segment]));
    const coded = state.applications
      .filter((application) => application.status === 'accepted')
      .map((application) => [
        `Response ${segments.get(application.segmentId)!.responseId}`,
        exchangeForm(segments.get(application.segmentId)!.text),
      ]);
    expect(sliced.sort()).toEqual(coded.sort());
  });

  test('when two researchers coded, then each coding is theirs (creatingUser on selection and coding), has a GUID of its own, and the machine is never the first user', async () => {
    const { project } = await exported(twoResearcherCoding(), sourceAnswers(), 'Title', { includeSuggestions: true });
    const users = all(project)
      .filter((e) => e.name === 'User')
      .map((user) => user.attributes.name);
    expect(users).toEqual([ANN, BOB, MACHINE_USER_NAME]);
    const creator = all(project).find(
      (e) => e.name === 'User' && e.attributes.guid === project.attributes.creatingUserGUID,
    );
    expect(creator?.attributes.name).toBe(ANN);
    const codings = codingsRead(project);
    for (const coding of codings) expect(coding.selectionBy).toBe(coding.by);
    // Ann and Bob both put "Admin support" on "admin support": two codings, two GUIDs.
    expect(
      codings
        .filter((coding) => coding.text === 'admin support' && coding.code === 'Admin support')
        .map((coding) => coding.by),
    ).toEqual([ANN, BOB]);
    const guids = all(project)
      .filter((e) => e.attributes.guid)
      .map((e) => e.attributes.guid);
    expect(new Set(guids).size).toBe(guids.length);
  });

  test("when suggestions were not reviewed, then they are not exported as codings unless asked for, and then as the machine's, marked by a note", async () => {
    const plain = codingsRead((await exported(twoResearcherCoding())).project);
    expect(plain.map((coding) => coding.by)).not.toContain(MACHINE_USER_NAME);
    // Bob accepted the machine's "Backfill": his coding now. Ann's rejection: nobody's.
    expect(plain.filter((coding) => coding.code === 'Backfill')).toEqual([
      expect.objectContaining({ by: BOB, text: 'backfill.\nSecond line 😀 about Protected time' }),
    ]);
    expect(plain.filter((coding) => coding.text === 'Third')).toEqual([]);

    const { project } = await exported(twoResearcherCoding(), sourceAnswers(), 'Title', { includeSuggestions: true });
    const suggestion = codingsRead(project).filter((coding) => coding.by === MACHINE_USER_NAME);
    expect(suggestion).toEqual([expect.objectContaining({ text: 'Third', code: 'Protected time', unreviewed: true })]);
    const note = all(project).find((e) => e.name === 'Note' && e.attributes.name === 'Unreviewed machine suggestion');
    expect(childNamed(note!, 'PlainTextContent')!.text).toMatch(/no researcher has reviewed it/);
  });

  test('when researchers wrote memos, then each is a project note with its author, referenced from the project', async () => {
    const { project } = await exported(twoResearcherCoding());
    const users = new Map(
      all(project)
        .filter((e) => e.name === 'User')
        .map((user) => [user.attributes.guid, user.attributes.name]),
    );
    const notes = childrenNamed(childNamed(project, 'Notes')!, 'Note');
    expect(
      notes.map((note) => [users.get(note.attributes.creatingUser), childNamed(note, 'PlainTextContent')!.text]),
    ).toEqual([
      [ANN, 'Literal &amp; stays, &nbsp; too.\nSecond line 😀'],
      [BOB, 'Bob\'s <memo> about "time"'],
    ]);
    expect(childrenNamed(project, 'NoteRef').map((ref) => ref.attributes.targetGUID)).toEqual(
      notes.map((note) => note.attributes.guid),
    );
  });

  test('when two codes share a label under one parent, then the project and the codebook name them apart, so an importer keeps both', async () => {
    const state = twoResearcherCoding();
    for (const xml of [(await exported(state)).qde, exportCoding(state, 'qdc')]) {
      const top = childrenNamed(
        all(parseXml(xml)).find((e) => e.name === 'Codes')!,
        'Code',
      ).map((code) => code.attributes.name);
      expect(top).toEqual([
        'Resources & "time"',
        'Cluster work &amp; the board <HSCP>',
        'Cluster work &amp; the board <HSCP> (2)',
        'Backfill',
      ]);
    }
  });
});
