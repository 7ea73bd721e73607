// Camunda extensions: string functions.
// https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-string/
import { randomUUID } from 'node:crypto';
import { builtin, isNil, isString } from '../values.js';

function regex(pattern: string, flags = ''): RegExp | null {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return null;
  }
}

export const stringBuiltins = {
  trim: builtin(['string'], (s) => (isString(s) ? s.trim() : null)),
  // Java's Character.isWhitespace set, which String#isBlank uses
  // eslint-disable-next-line no-control-regex -- those control characters are the point
  'is blank': builtin(['string'], (s) => (isString(s) ? /^[\s\u001c-\u001f]*$/.test(s) : null)),
  uuid: builtin([], () => randomUUID()),
  'to base64': builtin(['value'], (s) => (isString(s) ? Buffer.from(s, 'utf8').toString('base64') : null)),
  'from base64': builtin(['value'], (s) => {
    if (!isString(s) || !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) return null;
    return Buffer.from(s, 'base64').toString('utf8');
  }),
  extract: builtin(['string', 'pattern'], (s, pattern) => {
    if (!isString(s) || !isString(pattern)) return null;
    const re = regex(pattern, 'gu');
    return re ? [...s.matchAll(re)].map((m) => m[0]) : null;
  }),
  'string join': builtin(['list', 'delimiter', 'prefix', 'suffix'], (list, delimiter, prefix, suffix) => {
    if (!Array.isArray(list) || !list.every((item) => isNil(item) || isString(item))) return null;
    for (const part of [delimiter, prefix, suffix]) if (!isNil(part) && !isString(part)) return null;
    const text = (part: unknown) => (isString(part) ? part : '');
    return text(prefix) + list.filter(isString).join(text(delimiter)) + text(suffix);
  }),
};
