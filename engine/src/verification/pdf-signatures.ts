/**
 * Finds the signatures of a PDF by their /ByteRange and reads the fields of each signature
 * dictionary. Signature dictionaries are written uncompressed (their /Contents is filled in place
 * after the file is laid out), so a text scan finds them without a full PDF parser.
 */

export interface PdfSignatureField {
  /** [start1, length1, start2, length2]: the signed bytes are everything but the /Contents value. */
  readonly byteRange: readonly [number, number, number, number];
  /** The DER of the CMS signature (the /Contents hex string, trailing padding included). */
  readonly contents: Buffer;
  readonly subFilter?: string;
  readonly name?: string;
  readonly reason?: string;
  readonly location?: string;
  /** The claimed signing time (/M). */
  readonly signingTime?: Date;
}

export class MalformedSignatureError extends Error {}

/**
 * Each signature is checked by hashing the whole file once, so the work grows with signatures ×
 * size: a 20 MB upload crafted with thousands of signature dictionaries held the process for half a
 * minute. Documents issued here carry one to three signatures; beyond this many, nothing is verified.
 */
export const MAX_SIGNATURES = 20;

export class TooManySignaturesError extends Error {
  constructor() {
    super(`The PDF has more than ${MAX_SIGNATURES} signatures; at most ${MAX_SIGNATURES} are verified`);
  }
}

/** The signature fields, in file order; throws TooManySignaturesError beyond MAX_SIGNATURES. */
export function findSignatureFields(pdf: Buffer): Array<PdfSignatureField | MalformedSignatureError> {
  const fields: Array<PdfSignatureField | MalformedSignatureError> = [];
  const add = (field: PdfSignatureField | MalformedSignatureError) => {
    if (fields.length === MAX_SIGNATURES) throw new TooManySignaturesError();
    fields.push(field);
  };
  for (let offset = pdf.indexOf('/ByteRange'); offset >= 0; offset = pdf.indexOf('/ByteRange', offset + 10)) {
    const open = pdf.indexOf('[', offset);
    const close = pdf.indexOf(']', open);
    if (open < 0 || close < 0 || open - offset > 20) continue;
    const numbers = pdf.subarray(open + 1, close).toString('latin1').trim().split(/\s+/);
    // A placeholder never filled in (/ByteRange [0 /********** …]) is not a signature.
    if (numbers.length !== 4 || !numbers.every((n) => /^\d+$/.test(n))) continue;
    const [a, b, c, d] = numbers.map(Number) as [number, number, number, number];
    if (a !== 0 || b <= 0 || c <= b + 1 || c + d > pdf.length || pdf[b] !== 0x3c /* < */ || pdf[c - 1] !== 0x3e /* > */) {
      add(new MalformedSignatureError(`ByteRange [${numbers.join(' ')}] does not frame a /Contents value`));
      continue;
    }
    const hex = pdf.subarray(b + 1, c - 1).toString('latin1').replace(/\s+/g, '');
    if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) {
      add(new MalformedSignatureError(`ByteRange [${numbers.join(' ')}]: /Contents is not a hex string`));
      continue;
    }
    // The dictionary around it: from its object header to the end of the object.
    const start = Math.max(pdf.lastIndexOf(' obj', offset), 0);
    const endObject = pdf.indexOf('endobj', c);
    const dictionary =
      pdf.subarray(start, b).toString('latin1') + pdf.subarray(c, endObject < 0 ? Math.min(c + 4096, pdf.length) : endObject).toString('latin1');
    add({
      byteRange: [a, b, c, d],
      contents: Buffer.from(hex, 'hex'),
      subFilter: /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(dictionary)?.[1],
      name: textEntry(dictionary, 'Name'),
      reason: textEntry(dictionary, 'Reason'),
      location: textEntry(dictionary, 'Location'),
      signingTime: pdfDate(textEntry(dictionary, 'M')),
    });
  }
  return fields;
}

/** The value of `/Key (literal)` or `/Key <hex>` as text (UTF-16BE with BOM, UTF-8 with BOM, else Latin-1). */
function textEntry(dictionary: string, key: string): string | undefined {
  const match = new RegExp(`/${key}\\s*([(<])`).exec(dictionary);
  if (!match || (match[1] === '<' && dictionary[match.index + match[0].length] === '<')) return undefined;
  const start = match.index + match[0].length;
  const bytes = match[1] === '(' ? literalString(dictionary, start) : hexString(dictionary, start);
  if (!bytes) return undefined;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('latin1');
}

function hexString(text: string, start: number): Buffer | undefined {
  const end = text.indexOf('>', start);
  if (end < 0) return undefined;
  const hex = text.slice(start, end).replace(/\s+/g, '');
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
}

const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };

function literalString(text: string, start: number): Buffer | undefined {
  const bytes: number[] = [];
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      const next = text[++i] ?? '';
      const octal = /^[0-7]{1,3}/.exec(text.slice(i, i + 3));
      if (octal) {
        bytes.push(parseInt(octal[0], 8) & 0xff);
        i += octal[0].length - 1;
      } else if (next in ESCAPES) bytes.push(ESCAPES[next]);
      else if (next === '\r' && text[i + 1] === '\n') i++;
      else if (next !== '\n' && next !== '\r') bytes.push(next.charCodeAt(0));
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')' && --depth === 0) return Buffer.from(bytes);
    bytes.push(ch.charCodeAt(0) & 0xff);
  }
  return undefined;
}

/** D:YYYYMMDDHHmmSSOHH'mm' (every part after the year optional; no offset means UTC here). */
function pdfDate(value: string | undefined): Date | undefined {
  const match = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?/.exec(value ?? '');
  if (!match) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = match;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offset = (Number(oh) * 60 + Number(om)) * 60_000;
  return new Date(sign === '+' ? utc - offset : sign === '-' ? utc + offset : utc);
}
