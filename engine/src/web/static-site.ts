import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** Paths the web app never answers: the API, the Camunda REST subset, identity and operations. */
export const RESERVED_PREFIXES = ['/api', '/v2', '/realms', '/verify', '/metrics', '/health'] as const;

export function isReserved(path: string): boolean {
  return RESERVED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Serves the built web app: its files, and index.html for any other GET that asks for a page, so
 * that client-side routes (/studio/…, /portal/…) survive a reload. Vite names the files under
 * /assets/ by content hash, so they may be cached for good; index.html must be revalidated or a
 * browser would keep loading an old release.
 */
export function staticSite(root: string): RequestHandler {
  const index = join(root, 'index.html');
  const files = express.static(root, {
    index: false,
    fallthrough: true,
    setHeaders(res, path) {
      res.setHeader('Cache-Control', path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isReserved(req.path)) return next();
    files(req, res, () => {
      // A missing asset is a 404, not the app: a stale chunk name must fail loudly.
      if (req.path.startsWith('/assets/') || !req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  };
}

export function hasBuiltSite(root: string): boolean {
  return existsSync(join(root, 'index.html'));
}
