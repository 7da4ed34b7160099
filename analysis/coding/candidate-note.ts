/**
 * REFI-QDA has no review state, so a code or theme not yet accepted carries it in its description, in words a
 * researcher reading the project in another QDA tool understands; Canvass reads it back as a candidate (a theme
 * read back as accepted was reported as a finding) and keeps it out of the definition.
 */
export const CANDIDATE_NOTE = 'Canvass: proposed, not yet accepted by a researcher.';

/** The description a code or theme goes out with: its definition, and the note when it is a candidate. */
export function describedForExchange(definition: string, status: 'proposed' | 'accepted' | 'discarded'): string {
  return [definition, status === 'proposed' ? CANDIDATE_NOTE : ''].filter(Boolean).join('\n\n');
}

/** A description read back: the definition without the note, and whether it marked a candidate. */
export function readDescription(description: string): { definition: string; proposed: boolean } {
  const text = description.trimEnd();
  if (!text.endsWith(CANDIDATE_NOTE)) return { definition: description, proposed: false };
  return { definition: text.slice(0, -CANDIDATE_NOTE.length).trimEnd(), proposed: true };
}
