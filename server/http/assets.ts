import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

interface Asset {
  file: string;
  type: string;
  /** First 16 hex digits of the content's sha256: the file's URL changes whenever its content does. */
  hash: string;
  body: Buffer;
  /** Compressed once, in zlib's thread pool, the first time anyone needs it (start-up warms them). */
  encoded: { br?: Promise<Buffer>; gzip?: Promise<Buffer> };
  /** Brotli at its best setting takes seconds for SurveyJS: until it is done, gzip (milliseconds) is sent. */
  brotliReady: boolean;
}

/** One copy per file per process: every app built in this process (tests build many) shares the work. */
const loaded = new Map<string, Asset>();

function load(file: string): Asset {
  let asset = loaded.get(file);
  if (!asset) {
    const body = fs.readFileSync(file);
    asset = {
      file,
      type: TYPES[path.extname(file)] ?? 'application/octet-stream',
      hash: createHash('sha256').update(body).digest('hex').slice(0, 16),
      body,
      encoded: {},
      brotliReady: false,
    };
    loaded.set(file, asset);
  }
  return asset;
}

function encoded(asset: Asset, encoding: 'br' | 'gzip'): Promise<Buffer> {
  if (encoding === 'br') {
    asset.encoded.br ??= brotli(asset.body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: asset.body.length },
    }).then((compressed) => {
      asset.brotliReady = true;
      return compressed;
    });
    return asset.encoded.br;
  }
  asset.encoded.gzip ??= gzip(asset.body, { level: 9 });
  return asset.encoded.gzip;
}

/**
 * The browser files (SurveyJS from node_modules, our own from templates/static) at versioned URLs,
 * `/assets/<hash>/<name>`, cached by browsers for a year, and sent brotli- or gzip-compressed as the browser
 * accepts, compressed once rather than per request. Written here because the packages that serve
 * precompressed files expect .br/.gz files beside the originals, which node_modules should not be given.
 */
export class Assets {
  private readonly files: Record<string, string>;

  constructor(files: Record<string, string>) {
    this.files = files;
  }

  /** The versioned URL of a file by its name, for templates. */
  url(name: string): string {
    const file = Object.hasOwn(this.files, name) ? this.files[name] : undefined;
    if (!file) throw new Error(`No asset called ${name}`);
    return `/assets/${load(file).hash}/${name}`;
  }

  /** Compresses every file now, so that the first respondent does not wait for it. */
  async warm(): Promise<void> {
    await Promise.all(
      Object.values(this.files).map((file) => Promise.all([encoded(load(file), 'br'), encoded(load(file), 'gzip')])),
    );
  }

  /** GET /assets/:hash/:name; an old hash redirects to the current file. */
  handler(): RequestHandler {
    return async (req: Request, res: Response, next) => {
      const name = String(req.params.name);
      const file = Object.hasOwn(this.files, name) ? this.files[name] : undefined;
      if (!file) return next();
      const asset = load(file);
      if (req.params.hash !== asset.hash) {
        res.redirect(302, `/assets/${asset.hash}/${name}`);
        return;
      }
      res.set({
        'Content-Type': asset.type,
        'Cache-Control': 'public, max-age=31536000, immutable',
        ETag: `"${asset.hash}"`,
        Vary: 'Accept-Encoding',
      });
      if (req.headers['if-none-match'] === `"${asset.hash}"`) {
        res.status(304).end();
        return;
      }
      let encoding = req.acceptsEncodings('br', 'gzip', 'identity');
      if (encoding === 'br' && !asset.brotliReady) {
        void encoded(asset, 'br');
        if (req.acceptsEncodings('gzip')) encoding = 'gzip';
      }
      if (encoding === 'br' || encoding === 'gzip') {
        res.set('Content-Encoding', encoding);
        res.send(await encoded(asset, encoding));
        return;
      }
      res.send(asset.body);
    };
  }
}
