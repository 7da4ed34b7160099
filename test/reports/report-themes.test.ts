import { CodingService } from '../../server/coding/coding-service';
import { answerTexts } from '../../server/coding/coding-state';
import { renderReportDocx } from '../../server/reports/report-docx';
import { renderReportHtml } from '../../server/reports/report-html';
import { codedSurvey, developmentAnswers } from '../support/coding-factories';
import { addSurvey, cqlPqlSurvey, csrfTokenIn, pqlAnswers, signedInAgent, storeResponses } from '../support/factories';
import { buildTestApp } from '../support/test-app';
import { createServices } from '../../server/services';

/** Each test: an app of its own with a survey of the 66 development answers (codedSurvey), not yet coded. */
async function arranged() {
  const t = await buildTestApp({ surveys: [] });
  return { t, CQL_PQL: await codedSurvey(t.store, { code: false }) };
}

jest.setTimeout(60_000);

describe('themes in the report', () => {
  test('when researchers accept themes and choose quotes, then the report lists them under "Common themes were:" with their share', async () => {
    const { t, CQL_PQL } = await arranged();
    const coding = createServices(t.store).coding;
    const question = 'resources_not_in_place';
    await coding.code(CQL_PQL, question, { by: 'test' });
    let stored = await coding.stored(CQL_PQL, question);
    const [big, small] = [...stored.state.themes].sort((a, b) => b.proposedQuotes.length - a.proposedQuotes.length);
    let version = stored.version;
    const review = async (operation: Parameters<CodingService['review']>[2]) => {
      version = await coding.review(CQL_PQL, question, operation, version, 'researcher@example.org');
    };
    await review({ op: 'rename-theme', theme: big!.id, label: 'Need for admin support' });
    await review({ op: 'accept-theme', theme: big!.id });
    stored = await coding.stored(CQL_PQL, question);
    const quoted = stored.state.segments.find((segment) => /admin support/i.test(segment.text))!.responseId;
    await review({ op: 'choose-quotes', theme: big!.id, answers: [quoted] });
    await review({ op: 'discard-theme', theme: small!.id });

    const report = await createServices(t.store).reports.build(CQL_PQL);
    const html = renderReportHtml(report);
    expect(html).toMatch(
      /Common themes were:<\/p><ul><li>Need for admin support \((\d+\.\d% of those who commented|no share yet: the machine suggested it for \d+ respondents, none confirmed by a researcher)[;)]/,
    );
    const quote = `“${developmentAnswers.find((answer) => answer.id === quoted)!.text}”`;
    // Each quote says which theme it illustrates, in HTML and in Word.
    expect(html).toContain(`${quote}<span class="quote-theme">Theme: Need for admin support</span>`);
    // The quotes sit with the themes they illustrate, before the line on what was left out for review.
    expect(html.indexOf(quote)).toBeLessThan(html.indexOf('Not reported,'));
    expect(report.methods.join(' ')).toContain('coded by researchers using thematic analysis');
    const finding = report.findings.find((f) => f.freeText?.heading.startsWith('Which resources'))!;
    expect(finding.freeText!.themes).toHaveLength(1);
    // The candidates nobody accepted, and the codes in no theme (the discarded theme's among them), are said, not
    // silently dropped.
    const left = stored.state.themes.filter((theme) => theme.id !== big!.id && theme.id !== small!.id).length;
    const smallCodes = stored.state.codes.filter((code) => code.themeId === small!.id).length;
    const said =
      /^Not reported, left for the researchers to review: (\d+) codes? in no theme and (\d+) more candidate themes? that no researcher has accepted yet\.$/.exec(
        finding.freeText!.review ?? '',
      );
    expect(said).not.toBeNull();
    expect(Number(said![1])).toBeGreaterThanOrEqual(smallCodes);
    expect(Number(said![2])).toBe(left);
    const docx = await (await import('jszip')).default.loadAsync(await renderReportDocx(report));
    const xml = await docx.file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:t xml:space="preserve">Theme: Need for admin support<\/w:t>/);
    // In Word, every heading and the line introducing the themes keep with what follows.
    const headings = xml.match(/<w:pStyle w:val="Heading\d"\/>/g)!.length;
    expect(xml.match(/<w:pStyle w:val="Heading\d"\/><w:keepNext\/>/g)?.length).toBe(headings);
    expect(xml).toMatch(/<w:keepNext\/><\/w:pPr><w:r><w:t xml:space="preserve">Common themes were:/);
    await t.close();
  });

  test('when researchers chose a quote for one accepted theme and none for another, then both are quoted, each saying its theme, in the order the themes are listed', async () => {
    const { t, CQL_PQL } = await arranged();
    const coding = createServices(t.store).coding;
    const question = 'resources_not_in_place';
    await coding.code(CQL_PQL, question, { by: 'test' });
    const stored = await coding.stored(CQL_PQL, question);
    const quotable = (id: string) => {
      const text = developmentAnswers.find((answer) => answer.id === id)?.text.trim() ?? '';
      return text.length >= 40 && text.length <= 600;
    };
    const [first, second] = stored.state.themes.filter((theme) => !theme.mixed && theme.proposedQuotes.some(quotable));
    let version = stored.version;
    const review = async (operation: Parameters<CodingService['review']>[2]) => {
      version = await coding.review(CQL_PQL, question, operation, version, 'researcher@example.org');
    };
    await review({ op: 'accept-theme', theme: first!.id });
    await review({ op: 'accept-theme', theme: second!.id });
    const chosen = second!.proposedQuotes.find(quotable)!;
    await review({ op: 'choose-quotes', theme: second!.id, answers: [chosen] });

    const report = await createServices(t.store).reports.build(CQL_PQL);
    const freeText = report.findings.find((f) => f.freeText?.heading.startsWith('Which resources'))!.freeText!;
    const order = freeText.themes.map((theme) => theme.label);
    expect(freeText.quotes.map((quote) => quote.theme)).toEqual(
      [first!.label, second!.label].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    );
    expect(freeText.quotes).toContainEqual({
      text: developmentAnswers.find((answer) => answer.id === chosen)!.text,
      theme: second!.label,
    });
    await t.close();
  });

  test('when an accepted theme has lost all its codes, then it is not listed as a finding with 0.0%, but named as not listed', async () => {
    const { t, CQL_PQL } = await arranged();
    const coding = createServices(t.store).coding;
    const question = 'resources_not_in_place';
    await coding.code(CQL_PQL, question, { by: 'test' });
    const stored = await coding.stored(CQL_PQL, question);
    const live = stored.state.themes.filter((theme) => !theme.mixed);
    const [kept, emptied] = [live[0]!, live[1]!];
    let version = stored.version;
    const review = async (operation: Parameters<CodingService['review']>[2]) => {
      version = await coding.review(CQL_PQL, question, operation, version, 'researcher@example.org');
    };
    await review({ op: 'accept-theme', theme: kept.id });
    await review({ op: 'accept-theme', theme: emptied.id });
    for (const code of stored.state.codes.filter((candidate) => candidate.themeId === emptied.id))
      await review({ op: 'move-code', code: code.id, theme: kept.id });
    const report = await createServices(t.store).reports.build(CQL_PQL);
    const finding = report.findings.find((f) => f.freeText?.heading.startsWith('Which resources'))!.freeText!;
    expect(finding.themes.map((theme) => theme.label)).toEqual([kept.label]);
    expect(finding.review).toContain(
      `Not listed: “${emptied.label}”, accepted but carried by no answer now (its codes were moved or discarded).`,
    );
    await t.close();
  });

  test('when two accepted themes have lost all their codes, then the note names both and says "their codes"', async () => {
    const { t, CQL_PQL } = await arranged();
    const coding = createServices(t.store).coding;
    const question = 'resources_not_in_place';
    await coding.code(CQL_PQL, question, { by: 'test' });
    const stored = await coding.stored(CQL_PQL, question);
    const [kept, ...emptied] = stored.state.themes.filter((theme) => !theme.mixed).slice(0, 3);
    let version = stored.version;
    const review = async (operation: Parameters<CodingService['review']>[2]) => {
      version = await coding.review(CQL_PQL, question, operation, version, 'researcher@example.org');
    };
    for (const theme of [kept!, ...emptied]) await review({ op: 'accept-theme', theme: theme.id });
    for (const theme of emptied)
      for (const code of stored.state.codes.filter((candidate) => candidate.themeId === theme.id))
        await review({ op: 'move-code', code: code.id, theme: kept!.id });
    const report = await createServices(t.store).reports.build(CQL_PQL);
    const finding = report.findings.find((f) => f.freeText?.heading.startsWith('Which resources'))!.freeText!;
    expect(finding.review).toContain(
      `Not listed: “${emptied[0]!.label}” and “${emptied[1]!.label}”, accepted but carried by no answer now (their codes were moved or discarded).`,
    );
    await t.close();
  });

  test('when the only accepted theme has lost all its codes, then the candidates stand in as before any was accepted, and it is named as not listed', async () => {
    const { t, CQL_PQL } = await arranged();
    const coding = createServices(t.store).coding;
    const question = 'resources_not_in_place';
    await coding.code(CQL_PQL, question, { by: 'test' });
    const stored = await coding.stored(CQL_PQL, question);
    const [emptied, other] = stored.state.themes.filter((theme) => !theme.mixed);
    let version = stored.version;
    const review = async (operation: Parameters<CodingService['review']>[2]) => {
      version = await coding.review(CQL_PQL, question, operation, version, 'researcher@example.org');
    };
    await review({ op: 'accept-theme', theme: emptied!.id });
    const quoted = stored.state.segments.find((segment) => segment.text.length > 40)!.responseId;
    await review({ op: 'choose-quotes', theme: emptied!.id, answers: [quoted] });
    for (const code of stored.state.codes.filter((candidate) => candidate.themeId === emptied!.id))
      await review({ op: 'move-code', code: code.id, theme: other!.id });
    const report = await createServices(t.store).reports.build(CQL_PQL);
    const finding = report.findings.find((f) => f.freeText?.heading.startsWith('Which resources'))!.freeText!;
    expect(finding.themes.length).toBeGreaterThan(0);
    expect(finding.themes.every((theme) => theme.candidate)).toBe(true);
    expect(finding.themes.map((theme) => theme.label)).not.toContain(emptied!.label);
    expect(finding.review).toContain(`Not listed: “${emptied!.label}”, accepted but carried by no answer now`);
    // Its chosen quote illustrated nothing listed: the candidates' typical answers are quoted instead.
    expect(finding.quotes.map((quote) => quote.text)).not.toContain(
      developmentAnswers.find((answer) => answer.id === quoted)!.text,
    );
    await t.close();
  });

  test("when researchers accept two themes of the examples question and choose no quotes, then the examples section still gives as many examples as the report asks for, the themes' typical answers first", async () => {
    const t = await buildTestApp({ surveys: [] });
    const spec = cqlPqlSurvey({ slug: 'examples-topped-up' });
    spec.report = {
      ...spec.report,
      examples: { question: 'qi_work_examples', heading: 'Examples of work', intro: 'A sample.', quotes: 4 },
    };
    const slug = await addSurvey(t.store, spec);
    await storeResponses(
      t.store,
      slug,
      developmentAnswers.map((answer) => pqlAnswers({ qi_work_examples: answer.text })),
    );
    const coding = createServices(t.store).coding;
    await coding.code(slug, 'qi_work_examples', { by: 'test' });
    const { state, version: first } = await coding.stored(slug, 'qi_work_examples');
    let version = first;
    const accepted = state.themes.filter((theme) => !theme.mixed).slice(0, 2);
    for (const theme of accepted)
      version = await coding.review(
        slug,
        'qi_work_examples',
        { op: 'accept-theme', theme: theme.id },
        version,
        'researcher@example.org',
      );
    const report = await createServices(t.store).reports.build(slug);
    const quotes = report.examples!.quotes;
    expect(quotes).toHaveLength(4);
    expect(new Set(quotes).size).toBe(4);
    const texts = answerTexts(state);
    const textsOf = (ids: string[]) => ids.map((id) => texts.get(id)?.trim());
    accepted.forEach((theme, i) => expect(textsOf(theme.proposedQuotes)).toContain(quotes[i]));
    await t.close();
  });

  test('when researchers accept a theme but choose no quote, then the report quotes its typical answer rather than the longest answers', async () => {
    const { t, CQL_PQL } = await arranged();
    const coding = createServices(t.store).coding;
    const question = 'resources_not_in_place';
    await coding.code(CQL_PQL, question, { by: 'test' });
    const stored = await coding.stored(CQL_PQL, question);
    const theme = stored.state.themes.find((candidate) =>
      candidate.proposedQuotes.some(
        (id) => (developmentAnswers.find((a) => a.id === id)?.text.trim().length ?? 0) >= 40,
      ),
    )!;
    await coding.review(
      CQL_PQL,
      question,
      { op: 'accept-theme', theme: theme.id },
      stored.version,
      'researcher@example.org',
    );
    const typical = theme.proposedQuotes
      .map((id) => developmentAnswers.find((answer) => answer.id === id)!.text.trim())
      .find((text) => text.length >= 40 && text.length <= 600)!;
    const report = await createServices(t.store).reports.build(CQL_PQL);
    const finding = report.findings.find((f) => f.freeText?.heading.startsWith('Which resources'))!;
    expect(finding.freeText!.quotes).toEqual([{ text: typical, theme: theme.label }]);
    await t.close();
  });
});

describe('theme shares', () => {
  test("when a researcher confirmed only some of the machine's suggestions of a theme, then its share counts those alone and says how many more are not counted", async () => {
    const { t, CQL_PQL } = await arranged();
    const coding = createServices(t.store).coding;
    const question = 'resources_not_in_place';
    await coding.code(CQL_PQL, question, { by: 'test' });
    let stored = await coding.stored(CQL_PQL, question);
    const responseOf = new Map(stored.state.segments.map((segment) => [segment.id, segment.responseId]));
    const suggestedFor = (themeId: string) => {
      const codes = new Set(stored.state.codes.filter((code) => code.themeId === themeId).map((code) => code.id));
      return stored.state.applications.filter(
        (application) => codes.has(application.codeId) && application.status === 'suggested',
      );
    };
    const theme = [...stored.state.themes].sort((a, b) => suggestedFor(b.id).length - suggestedFor(a.id).length)[0]!;
    const suggestions = suggestedFor(theme.id);
    const suggested = new Set(suggestions.map((application) => responseOf.get(application.segmentId)));
    // Confirm the suggestion on three different answers; the rest stay unreviewed.
    const confirm = [
      ...new Map(suggestions.map((application) => [responseOf.get(application.segmentId), application])).values(),
    ].slice(0, 3);
    let version = stored.version;
    const review = async (operation: Parameters<CodingService['review']>[2]) => {
      version = await coding.review(CQL_PQL, question, operation, version, 'researcher@example.org');
    };
    await review({ op: 'rename-theme', theme: theme.id, label: 'Admin support' });
    await review({ op: 'accept-theme', theme: theme.id });
    for (const application of confirm)
      await review({ op: 'accept-suggestion', segment: application.segmentId, code: application.codeId });
    stored = await coding.stored(CQL_PQL, question);
    // More answers have suggestions than the three confirmed, so some stay unreviewed.
    expect(suggested.size).toBeGreaterThan(3);

    const report = await createServices(t.store).reports.build(CQL_PQL);
    const finding = report.findings.find((f) => f.freeText?.heading.startsWith('Which resources'))!;
    const share = `${((3 / 66) * 100).toFixed(1)}% of those who commented; ${suggested.size - 3} more answers with unreviewed machine suggestions, not counted`;
    expect(finding.freeText!.themes[0]).toEqual({ label: 'Admin support', candidate: false, share });
    expect(finding.freeText!.themesNote).toContain('Shares count only coding a researcher has confirmed');
    const html = renderReportHtml(report);
    expect(html).toContain(`Admin support (${share})`);
    expect(report.methods.join(' ')).toContain('counts only answers whose coding a researcher confirmed');
    const docx = await renderReportDocx(report);
    const zip = await (await import('jszip')).default.loadAsync(docx);
    expect(await zip.file('word/document.xml')!.async('string')).toContain(`Admin support (${share})`);
    await t.close();
  });
});

describe('candidate themes in a draft report', () => {
  test('when a researcher confirmed some answers of a candidate theme but accepted none, then it is listed by its answers, saying how many are confirmed, never as a share', async () => {
    const { t, CQL_PQL } = await arranged();
    const coding = createServices(t.store).coding;
    const question = 'resources_not_in_place';
    await coding.code(CQL_PQL, question, { by: 'test' });
    const stored = await coding.stored(CQL_PQL, question);
    const responseOf = new Map(stored.state.segments.map((segment) => [segment.id, segment.responseId]));
    // The smallest candidate that the machine suggested for two or more answers: confirming one must not lift it.
    const answersOf = (themeId: string) => {
      const codes = new Set(stored.state.codes.filter((code) => code.themeId === themeId).map((code) => code.id));
      return stored.state.applications.filter((application) => codes.has(application.codeId));
    };
    const listed = stored.state.themes.filter((theme) => !theme.mixed);
    const [smallest] = listed
      .map((theme) => ({ theme, answers: new Set(answersOf(theme.id).map((a) => responseOf.get(a.segmentId))).size }))
      .filter(({ answers }) => answers >= 2)
      .sort((a, b) => a.answers - b.answers);
    const suggestion = answersOf(smallest!.theme.id)[0]!;
    await coding.review(
      CQL_PQL,
      question,
      { op: 'accept-suggestion', segment: suggestion.segmentId, code: suggestion.codeId },
      stored.version,
      'researcher@example.org',
    );

    const report = await createServices(t.store).reports.build(CQL_PQL);
    const freeText = report.findings.find((f) => f.freeText?.heading.startsWith('Which resources'))!.freeText!;
    const shown = freeText.themes.find((theme) => theme.label === smallest!.theme.label)!;
    expect(shown.share).toBe(
      `${smallest!.answers} answers: ${smallest!.answers - 1} suggested by the machine, 1 confirmed by a researcher`,
    );
    expect(freeText.themes.map((theme) => theme.share).join(' ')).not.toContain('% of those who commented');
    expect(freeText.themesIntro).toMatch(
      /^Candidate themes the machine suggested, not yet reviewed by researchers: the answers grouped under each/,
    );
    expect(freeText.themesNote).toBeNull();
    // Ordered by the answers under each, as if nothing were confirmed.
    const bySize = listed
      .map((theme) => ({ theme, answers: new Set(answersOf(theme.id).map((a) => responseOf.get(a.segmentId))).size }))
      .filter(({ answers }) => answers > 0)
      .sort((a, b) => b.answers - a.answers)
      .map(({ theme }) => theme.label);
    expect(freeText.themes.map((theme) => theme.label)).toEqual(bySize);
    await t.close();
  });

  test('when no theme is accepted yet, then the report lists the candidate themes marked as not yet reviewed, and marking it final asks the admin to confirm', async () => {
    const { t, CQL_PQL } = await arranged();
    await createServices(t.store).coding.code(CQL_PQL, 'resources_not_in_place', { by: 'test' });
    const reports = createServices(t.store).reports;
    const report = await reports.build(CQL_PQL);
    const finding = report.findings.find((f) => f.freeText?.heading.startsWith('Which resources'))!;
    expect(finding.freeText!.themes.length).toBeGreaterThan(1);
    expect(finding.freeText!.themes.every((theme) => theme.candidate)).toBe(true);
    expect(renderReportHtml(report)).toContain(
      'Candidate themes the machine suggested, not yet reviewed by researchers: the answers grouped under each',
    );
    expect(report.methods.join(' ')).toContain('have not yet been reviewed by researchers');

    const { agent } = await signedInAgent(t.app, t.store, 'admin');
    const page = await agent.get(`/staff/surveys/${CQL_PQL}/report`);
    const asked = await agent
      .post(`/staff/surveys/${CQL_PQL}/report/final`)
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text), final: 'true' });
    expect(asked.status).toBe(303);
    // Counted without building the report: the candidate themes it shows, no more and no fewer.
    const shown = report.findings.reduce(
      (sum, f) => sum + (f.freeText?.themes.filter((theme) => theme.candidate).length ?? 0),
      0,
    );
    expect(asked.headers.location).toMatch(new RegExp(`confirm=${shown}$`));
    expect((await reports.narrative(CQL_PQL)).final).toBe(false);
    const confirmPage = await agent.get(asked.headers.location!);
    expect(confirmPage.text).toContain('Mark it final anyway?');
    const confirmed = await agent
      .post(`/staff/surveys/${CQL_PQL}/report/final`)
      .type('form')
      .send({ _csrf: csrfTokenIn(confirmPage.text), final: 'true', confirm: 'true' });
    expect(confirmed.headers.location).toMatch(/saved=final/);
    expect((await reports.narrative(CQL_PQL)).final).toBe(true);
    await t.close();
  });
});

describe('what the machine could not place, in the draft report and the workbench', () => {
  test('when a candidate theme is mixed and some answers fit no theme, then the report leaves them out of its themes and says so, and the workbench shows them for review', async () => {
    const { t, CQL_PQL } = await arranged();
    const coding = createServices(t.store).coding;
    const question = 'resources_not_in_place';
    await coding.code(CQL_PQL, question, { by: 'test' });
    const stored = await coding.stored(CQL_PQL, question);
    // The machine's own output, with one candidate as the machine marks a grab-bag and two answers it left out.
    const [grabBag, ...others] = stored.state.themes;
    const answers = [...new Set(stored.state.segments.map((segment) => segment.responseId))];
    const state = {
      ...stored.state,
      themes: [
        { ...grabBag!, label: 'Mixed: admin, data, time', mixed: true, labelCoverage: 0.2 },
        ...others.map((theme) => ({ ...theme, mixed: false, labelCoverage: 0.5, mergedFrom: ['Funding', 'Backfill'] })),
      ],
      unassigned: answers.slice(0, 2),
      // And an idea raised across the themes, which the machine leaves in no theme.
      codes: [
        ...stored.state.codes,
        {
          id: 'code-across',
          label: 'Phone',
          definition: 'Answers that say “phone”, whichever theme their answer is in.',
          keywords: ['phone'],
          source: 'inductive' as const,
          themeId: null,
          parentId: null,
          status: 'proposed' as const,
        },
      ],
    };
    expect(
      await t.store.codings.save(state, stored.version, {
        operation: 'test: machine output',
        doneBy: 'test',
        doneAt: new Date().toISOString(),
      }),
    ).toBe(true);

    const report = await createServices(t.store).reports.build(CQL_PQL);
    const finding = report.findings.find((f) => f.freeText?.heading.startsWith('Which resources'))!;
    expect(finding.freeText!.themes.map((theme) => theme.label)).not.toContain('Mixed: admin, data, time');
    expect(finding.freeText!.themes).toHaveLength(others.length);
    // The answers the mixed group holds: those with a (machine) code of that theme.
    const grabBagCodes = new Set(
      stored.state.codes.filter((code) => code.themeId === grabBag!.id).map((code) => code.id),
    );
    const responseOf = new Map(stored.state.segments.map((segment) => [segment.id, segment.responseId]));
    const held = new Set(
      stored.state.applications
        .filter((application) => grabBagCodes.has(application.codeId) && application.status !== 'rejected')
        .map((application) => responseOf.get(application.segmentId)),
    ).size;
    expect(held).toBeGreaterThan(1);
    expect(finding.freeText!.review).toBe(
      `Not reported, left for the researchers to review: 1 mixed group holding ${held} answers with no shared idea, 2 answers that fit no theme and 1 code in no theme.`,
    );
    const html = renderReportHtml(report);
    expect(html).toContain(
      'answers suggested by the machine) – <em>label&#x27;s words in 50% of them; merged from “Funding”, “Backfill”</em>',
    );
    expect(html).toContain('Not reported, left for the researchers to review: 1 mixed group');
    // With no quote chosen, the draft quotes its candidate themes' typical answers, not the mixed group's.
    const typical = others
      .map((theme) =>
        theme.proposedQuotes
          .map((id) => developmentAnswers.find((answer) => answer.id === id)?.text.trim() ?? '')
          .find((text) => text.length >= 40 && text.length <= 600),
      )
      .filter(Boolean)
      .slice(0, 3);
    expect(typical.length).toBeGreaterThan(0);
    for (const text of typical) expect(finding.freeText!.quotes.map((quote) => quote.text)).toContain(text);
    expect((await renderReportDocx(report)).length).toBeGreaterThan(1000);

    const { agent } = await signedInAgent(t.app, t.store, 'researcher');
    const page = await agent.get(`/staff/surveys/${CQL_PQL}/coding/${question}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<strong>Mixed group:</strong> not reported as a finding until a researcher names it.');
    expect(page.text).toContain('Codes in no theme (1)');
    expect(page.text).toContain(
      'The machine puts here the ideas people raise in several themes: no theme holds half of the answers that carry them',
    );
    expect(page.text).toContain('Codes made without a theme, and codes taken out of themes, are here too.');
    expect(page.text).toContain('coding/' + question + '/screen?code=code-across">Phone</a>');
    expect(page.text).toContain('Its strongest phrase is in 20% of the answers the machine grouped here.');
    expect(page.text).toContain(
      "The label's words are in 50% of the answers the machine grouped here. Merged from “Funding”, “Backfill”.",
    );
    expect(page.text).toContain('Answers no theme fits (2)');
    // The left-out answers are not a dead end: the coding screen shows them, all and only them.
    expect(page.text).toContain(`/coding/${question}/screen?show=unassigned">Code all 2 on one screen</a>`);
    const leftOut = await agent.get(`/staff/surveys/${CQL_PQL}/coding/${question}/screen/data?show=unassigned`);
    expect(leftOut.body.matching).toBe(2);
    expect(leftOut.body.answers.map((card: { id: string }) => card.id).sort()).toEqual(answers.slice(0, 2).sort());
    // The board lists its themes first, each linking to its page, the mixed one marked.
    const themePage = `/staff/surveys/${CQL_PQL}/coding/${question}/themes/${grabBag!.id}`;
    expect(page.text).toMatch(
      new RegExp(`<a href="${themePage}">Mixed: admin, data, time</a> – \\d+ respondents, proposed, mixed`),
    );
    // On its page, a mixed group cannot be accepted as it is: no button, a hint, and the operation refused.
    const own = await agent.get(themePage);
    expect(own.text).toContain(
      'Its strongest phrase is in 20% of the answers the machine grouped here (its codes can reach further).',
    );
    expect(own.text).not.toContain('Accept theme “Mixed: admin, data, time”');
    expect(own.text).toContain('To accept it, first rename it to say what its answers have in common.');
    const refused = await agent
      .post(`/staff/surveys/${CQL_PQL}/coding/${question}/op`)
      .type('form')
      .send({
        _csrf: csrfTokenIn(page.text),
        op: 'accept-theme',
        theme: grabBag!.id,
        version: String(stored.version + 1),
      });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Rename it to say what they have in common');
    expect(
      (await coding.stored(CQL_PQL, question)).state.themes.find((theme) => theme.id === grabBag!.id)!.status,
    ).toBe('proposed');
    await t.close();
  });
});
