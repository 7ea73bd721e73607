import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { getMetadataStorage } from 'class-validator';
import { Environment } from '../../src/config/environment.js';
import { repositoryRoot } from './child.js';

describe('.env.example', () => {
  it('documents every variable the platform reads', () => {
    const validated = getMetadataStorage()
      .getTargetValidationMetadatas(Environment, '', true, false)
      .map((metadata) => metadata.propertyName);
    const variables = new Set([...Object.keys(new Environment()), ...validated]);
    assert.ok(variables.size > 10, 'the configuration class was read');
    const example = readFileSync(join(repositoryRoot, '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
    const missing = [...variables].filter((name) => !documented.has(name));
    assert.deepEqual(missing, [], `add to .env.example: ${missing.join(', ')}`);
  });
});
