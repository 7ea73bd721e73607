/**
 * The compiled form of one DMN resource (a decision requirements graph): plain JSON, stored with the
 * deployed decisions and evaluated without re-parsing XML. Expressions are FEEL text as written.
 */
export interface DecisionRequirementsModel {
  /** The <definitions> id: Zeebe's decisionRequirementsId. */
  id: string;
  name: string;
  namespace?: string;
  decisions: DecisionModel[];
}

export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionModel {
  id: string;
  name: string;
  /** Where a required decision's result is found by the decisions that need it: its variable name, else its id. */
  resultName: string;
  /** zeebe:versionTag of the decision, for business rule tasks bound by version tag. */
  versionTag?: string;
  /** Ids of the decisions whose results this one reads (information requirements). */
  requires: string[];
  logic: DecisionTableModel | LiteralExpressionModel;
}

export interface DecisionTableModel {
  kind: 'DECISION_TABLE';
  hitPolicy: HitPolicy;
  aggregation?: Aggregation;
  inputs: { id: string; label?: string; expression: string }[];
  /** `name` keys the output in a compound result; the label (else the name) is what the audit reports. */
  outputs: { id: string; label?: string; name: string; outputValues?: string; defaultOutputEntry?: string }[];
  rules: { id: string; inputEntries: string[]; outputEntries: string[] }[];
}

export interface LiteralExpressionModel {
  kind: 'LITERAL_EXPRESSION';
  expression: string;
}
