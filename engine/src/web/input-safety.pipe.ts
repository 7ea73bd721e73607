import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

/** Deeper than any form, bundle or /v2 payload the platform defines; deep enough input exhausts recursive validators. */
export const MAX_INPUT_DEPTH = 64;

/**
 * Refuses, before validation, request values that PostgreSQL cannot store or that would exhaust
 * the stack of the recursive validators: U+0000 (text columns refuse it: SQLSTATE 22021/22P05),
 * unpaired UTF-16 surrogates (not encodable as UTF-8: Node would silently store U+FFFD instead)
 * and nesting deeper than MAX_INPUT_DEPTH. The walk is iterative, so the check itself cannot overflow.
 */
@Injectable()
export class InputSafetyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // Custom parameters (the signed-in user, an upload) are the platform's own objects, not input text.
    if (metadata.type === 'custom') return value;
    const problem = inputProblem(value);
    if (problem) throw new BadRequestException(problem);
    return value;
  }
}

/** The first problem found in a request value, naming where it is (`application.hoTen`), or undefined. */
export function inputProblem(value: unknown): string | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return `${path || 'value'} ${problem}`;
      continue;
    }
    if (typeof current !== 'object' || current === null || Buffer.isBuffer(current)) continue;
    if (depth >= MAX_INPUT_DEPTH) return `${path || 'value'} is nested deeper than ${MAX_INPUT_DEPTH} levels`;
    for (const [key, child] of Object.entries(current)) {
      const keyProblem = textProblem(key);
      const childPath = path ? `${path}.${key}` : key;
      if (keyProblem) return `the key of ${JSON.stringify(childPath)} ${keyProblem}`;
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}

/** With the u flag a surrogate pair is one code point, so only unpaired halves match. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode text)';
  return undefined;
}
