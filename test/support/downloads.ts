import type request from 'supertest';

/** Supertest's parser for the raw bytes of a download, whatever its type: `.buffer(true).parse(binaryBody)`. */
export const binaryBody = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};
