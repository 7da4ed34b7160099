/**
 * npm run vocabulary:build
 * Learns word meaning (word-vectors.ts, as the themes learn it from their own answers) on the human-coded NHS
 * patient comments in ../shared/data/nhs-fft-phase1/text_data.csv (their text only; the codes are not read) and
 * writes it to analysis/coding/nhs-comments-vocabulary.json, which ships with Canvass. Run again only to change
 * how word meaning is learned; the file is committed, so nothing is learned or downloaded at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { packVocabulary } from '../analysis/coding/vocabulary';
import { learnVocabulary, nhsCommentsFile } from './nhs-comments';

const rows = parse(fs.readFileSync(nhsCommentsFile(), 'utf8'), { columns: true }) as Array<Record<string, string>>;
const { vectors, names, texts } = learnVocabulary(rows.map((row) => row.feedback ?? ''));
const source = `${texts.length.toLocaleString('en-GB')} NHS patient comments from the Friends and Family Test`;
const out = path.resolve(__dirname, '..', 'analysis', 'coding', 'nhs-comments-vocabulary.json');
fs.writeFileSync(out, `${JSON.stringify(packVocabulary(vectors, source))}\n`);
console.log(`left out as names: ${[...names].sort().join(', ')}`);
console.log(
  `${vectors.stems.length} stems × ${vectors.dimensions} dimensions from ${source} → ${path.relative(process.cwd(), out)} (${fs.statSync(out).size} bytes)`,
);
