/**
 * Camunda's FEEL has functions whose names feelin's parser reads as keywords: `get or else(…)`,
 * and `and(…)` / `or(…)` (aliases of all() / any()). Before parsing, such calls are renamed to
 * names the parser accepts, backtick names (`a b`) lose their backticks, which feelin's parser
 * does not know, and string literals get feel-scala's escapes (see stringLiteral); comments stay.
 */
export const renamedFunctions: Record<string, string> = {
  'get or else': 'get_or_else__',
};

const GET_OR_ELSE = /^get\s+or\s+else\s*\(/;
const AND_OR = /^(and|or)\s*\(/;
/** After these, `and(` / `or(` start an operand (a function call), not the boolean operator. */
const OPERAND_EXPECTED = /(?:^|[([{,:=<>!+\-*/]|\b(?:then|else|return|satisfies|in|and|or|not))\s*$/;

/**
 * The body of a string literal with feel-scala's escapes (\\n \\r \\t \\b \\f \\' \\" \\\\ \\uXXXX) in a form
 * feelin reads the same way: line breaks written into the literal become escapes, \\b and \\f and
 * \\uXXXX become the character, and any other backslash (a regex's \\d, \\s, \\R) stays a backslash.
 */
function stringLiteral(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch !== '\\') out += ch;
    else {
      const next = body[i + 1];
      const hex = /^[0-9a-fA-F]{4}/.exec(body.slice(i + 2));
      if (next === 'b') out += '\b';
      else if (next === 'f') out += '\f';
      else if (next === 'u' && hex) {
        const char = String.fromCharCode(parseInt(hex[0], 16));
        out += char === '"' ? '\\"' : char === '\\' ? '\\\\' : char === '\n' ? '\\n' : char === '\r' ? '\\r' : char;
        i += 4;
      } else if (next !== undefined && 'nrt\'"\\'.includes(next)) out += ch + next;
      else out += '\\\\' + (next === '\n' ? '\\n' : next === '\r' ? '\\r' : (next ?? ''));
      i++;
    }
  }
  return out;
}

export function rewriteReservedCalls(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    const rest = source.slice(i);
    if (ch === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== ch) j += source[j] === '\\' ? 2 : 1;
      out += '"' + stringLiteral(source.slice(i + 1, Math.min(j, source.length))) + (j < source.length ? '"' : '');
      i = j + 1;
      continue;
    }
    // a backtick name (`a b`, `a-b`): feelin's parser reads the bare name when the context defines it
    if (ch === '`') {
      const end = source.indexOf('`', i + 1);
      if (end !== -1) {
        out += source.slice(i + 1, end);
        i = end + 1;
        continue;
      }
    }
    if (rest.startsWith('//')) {
      const end = source.indexOf('\n', i);
      const j = end === -1 ? source.length : end;
      out += source.slice(i, j);
      i = j;
      continue;
    }
    if (rest.startsWith('/*')) {
      const end = source.indexOf('*/', i + 2);
      const j = end === -1 ? source.length : end + 2;
      out += source.slice(i, j);
      i = j;
      continue;
    }
    const wordStart = i === 0 || !/[\p{L}\p{N}_?]/u.test(source[i - 1]);
    if (wordStart) {
      const get = GET_OR_ELSE.exec(rest);
      if (get) {
        out += renamedFunctions['get or else'] + '(';
        i += get[0].length;
        continue;
      }
      const call = AND_OR.exec(rest);
      if (call && OPERAND_EXPECTED.test(out)) {
        out += (call[1] === 'and' ? 'all' : 'any') + '(';
        i += call[0].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}
