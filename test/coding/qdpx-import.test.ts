import JSZip from 'jszip';
import { codingFromQdpx } from '../../server/coding/qdpx-import';

/** A project as another QDA tool writes it: GUIDs in braces and capitals, text in Sources/ only, CR LF in the answer. */
async function project(qde: string, files: Record<string, string> = {}) {
  const zip = new JSZip();
  zip.file('project.qde', qde);
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: 'nodebuffer' });
}

const ANSWER = 'Line one 😀.\r\nNo protected time &amp; no backfill.';

const QDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="From NVivo" origin="NVivo">
  <Users><User guid="{AAAAAAAA-0000-4000-8000-000000000001}" name="Cat"/></Users>
  <CodeBook><Codes>
    <Code guid="{CCCCCCCC-0000-4000-8000-000000000001}" name="Time &amp; money" isCodable="false">
      <Code guid="{CCCCCCCC-0000-4000-8000-000000000002}" name="Protected time" isCodable="true"><Description>No time &lt;set aside&gt;</Description></Code>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{DDDDDDDD-0000-4000-8000-000000000001}" name="Response r1" plainTextPath="internal://dddddddd.txt">
      <PlainTextSelection guid="{EEEEEEEE-0000-4000-8000-000000000001}" startPosition="15" endPosition="29" creatingUser="{aaaaaaaa-0000-4000-8000-000000000001}">
        <Coding guid="{FFFFFFFF-0000-4000-8000-000000000001}"><CodeRef targetGUID="{cccccccc-0000-4000-8000-000000000002}"/></Coding>
      </PlainTextSelection>
      <Coding guid="{FFFFFFFF-0000-4000-8000-000000000002}" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}"><CodeRef targetGUID="{CCCCCCCC-0000-4000-8000-000000000002}"/></Coding>
    </TextSource>
    <TextSource guid="{DDDDDDDD-0000-4000-8000-000000000002}" name="interview.txt"><PlainTextContent>Something else</PlainTextContent></TextSource>
    <TextSource guid="{DDDDDDDD-0000-4000-8000-000000000003}" name="Response r2"><PlainTextContent>Edited since</PlainTextContent></TextSource>
  </Sources>
  <Notes><Note guid="{99999999-0000-4000-8000-000000000001}" name="Journal" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}" creationDateTime="2024-05-01T09:00:00Z"><PlainTextContent>Cat's note &amp; more</PlainTextContent></Note></Notes>
</Project>`;

describe('reading a REFI-QDA project from another tool', () => {
  test('when GUIDs differ in braces and case, the text is only in Sources/ and a coding covers the whole source, then every coding lands on the words meant, by its coder', async () => {
    const answers = new Map([
      ['r1', ANSWER],
      ['r2', 'The stored answer'],
    ]);
    const { state, summary } = await codingFromQdpx(
      await project(QDE, { 'Sources/dddddddd.txt': ANSWER.replace(/\r\n/g, '\n') }),
      { surveySlug: 's', question: 'q', answers },
    );
    expect(state.themes.map((theme) => theme.label)).toEqual(['Time & money']);
    expect(state.codes).toEqual([
      expect.objectContaining({
        label: 'Protected time',
        definition: 'No time <set aside>',
        themeId: state.themes[0]!.id,
      }),
    ]);
    const coded = state.applications.map((application) => [
      state.segments.find((segment) => segment.id === application.segmentId)!.text,
      application.by,
      application.status,
    ]);
    // Code points 15 to 29 of "Line one 😀.\nNo protected time …" are "protected time".
    expect(coded).toEqual([
      ['protected time', 'Cat', 'accepted'],
      [ANSWER, 'Cat', 'accepted'],
    ]);
    expect(state.memos).toEqual([{ id: 'memo-1', text: "Cat's note & more", by: 'Cat', at: '2024-05-01T09:00:00Z' }]);
    expect(summary.skipped).toEqual([
      'source "interview.txt": no response "interview.txt" answered "q"',
      'source "Response r2": its text is not the stored answer\'s (changed since the export?), so its positions cannot be trusted',
    ]);
  });
});
