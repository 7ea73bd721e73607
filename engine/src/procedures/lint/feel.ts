import { FeelAnalyzer } from '@bpmn-io/feel-analyzer';
import { camundaBuiltins, camundaReservedNameBuiltins } from '@camunda/feel-builtins';

/** The analyzer as used here: its declarations use extensionless imports that NodeNext cannot follow. */
interface Analyzer {
  analyzeExpression(expression: string): { valid: boolean; inputs: { name: string }[] };
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call -- typed by Analyzer
const analyzer: Analyzer = new FeelAnalyzer({
  dialect: 'expression',
  parserDialect: 'camunda',
  builtins: camundaBuiltins,
  reservedNameBuiltins: camundaReservedNameBuiltins,
});

export function isFeel(value: string): boolean {
  return value.trimStart().startsWith('=');
}

/** Root names of the variables a Zeebe expression ("=…") reads, or why it does not parse. */
export function feelInputs(expression: string): { valid: true; inputs: string[] } | { valid: false } {
  const result = analyzer.analyzeExpression(expression.trimStart().replace(/^=/, ''));
  if (!result.valid) return { valid: false };
  return { valid: true, inputs: [...new Set<string>(result.inputs.map((i) => i.name))] };
}
