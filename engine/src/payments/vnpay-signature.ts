import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The VNPay signing scheme: parameters starting with `vnp_` (except the hash fields) sorted by
 * name, form-encoded (spaces as `+`), joined with `&`, and signed with HMAC-SHA512 of the shared
 * secret; the hex digest travels as `vnp_SecureHash`.
 */
export function signedQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((key) => key.startsWith('vnp_') && key !== 'vnp_SecureHash' && key !== 'vnp_SecureHashType' && params[key] !== '')
    .sort()
    .map((key) => `${encode(key)}=${encode(params[key])}`)
    .join('&');
}

export function sign(params: Record<string, string>, secret: string): string {
  return createHmac('sha512', secret).update(signedQuery(params), 'utf8').digest('hex');
}

/** Constant-time comparison, so the check leaks nothing about the expected digest. */
export function hasValidSignature(params: Record<string, string>, secret: string): boolean {
  const given = params.vnp_SecureHash;
  if (typeof given !== 'string' || !/^[0-9a-fA-F]{128}$/.test(given)) return false;
  const expected = Buffer.from(sign(params, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(given.toLowerCase(), 'hex'));
}

/** The query string of the params with their signature appended. */
export function withSignature(params: Record<string, string>, secret: string): string {
  return `${signedQuery(params)}&vnp_SecureHash=${sign(params, secret)}`;
}

function encode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

/** yyyyMMddHHmmss in Vietnam time (GMT+7), as the gateway writes dates. */
export function gatewayDate(date: Date, offsetMinutes = 420): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCFullYear()}${p(local.getUTCMonth() + 1)}${p(local.getUTCDate())}${p(local.getUTCHours())}${p(local.getUTCMinutes())}${p(local.getUTCSeconds())}`;
}

export function parseGatewayDate(text: string, offsetMinutes = 420): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes * 60_000);
}
