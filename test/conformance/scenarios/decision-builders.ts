/**
 * DMN resources of Zeebe's engine tests (zeebe/engine/src/test/resources/dmn/), as Camunda Modeler
 * writes them, and the business rule task that calls them.
 */

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const text = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const DEFINITIONS =
  'xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" xmlns:di="http://www.omg.org/spec/DMN/20180521/DI/" xmlns:biodi="http://bpmn.io/schema/dmn/biodi/2.0" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" namespace="http://camunda.org/schema/1.0/dmn" exporter="Camunda Modeler" exporterVersion="4.12.0"';

const versionTag = (tag?: string) => (tag ? `<extensionElements><zeebe:versionTag value="${tag}" /></extensionElements>` : '');

/** A rule: its id, its input entries and its output entries (FEEL text). */
export type Rule = [id: string, inputs: string[], outputs: string[]];

const rule = ([id, inputs, outputs]: Rule) =>
  `<rule id="${id}">${inputs.map((t, i) => `<inputEntry id="${id}_in${i}"><text>${text(t)}</text></inputEntry>`).join('')}${outputs
    .map((t, i) => `<outputEntry id="${id}_out${i}"><text>${text(t)}</text></outputEntry>`)
    .join('')}</rule>`;

/** decision-table.dmn: "jedi_or_sith" from `lightsaberColor` (blue, green → Jedi; red → Sith). */
export const JEDI_RULES: Rule[] = [
  ['DecisionRule_0zumznl', ['"blue"'], ['"Jedi"']],
  ['DecisionRule_1utwb1e', ['"green"'], ['"Jedi"']],
  ['DecisionRule_1bwgcym', ['"red"'], ['"Sith"']],
];

/** decision-table_v2.dmn adds yellow and purple (Jedi). */
export const JEDI_RULES_V2: Rule[] = [
  ...JEDI_RULES.slice(0, 2),
  ['DecisionRule_082pgko', ['"yellow"'], ['"Jedi"']],
  ['DecisionRule_0ew7pm8', ['"purple"'], ['"Jedi"']],
  JEDI_RULES[2],
];

const jediOrSithDecision = (rules: Rule[], tag?: string, input = 'lightsaberColor') => `
  <decision id="jedi_or_sith" name="Jedi or Sith">${versionTag(tag)}
    <decisionTable id="DecisionTable_14n3bxx">
      <input id="Input_1" label="Lightsaber color" biodi:width="192"><inputExpression id="InputExpression_1" typeRef="string"><text>${text(input)}</text></inputExpression></input>
      <output id="Output_1" label="Jedi or Sith" name="jedi_or_sith" typeRef="string" biodi:width="192"><outputValues id="UnaryTests_0hj346a"><text>"Jedi","Sith"</text></outputValues></output>
      ${rules.map(rule).join('\n      ')}
    </decisionTable>
  </decision>`;

/** decision-table.dmn (and its _v2 / version-tag variants): one decision "jedi_or_sith" in the DRG "force_users". */
export function jediOrSith(o: { rules?: Rule[]; versionTag?: string; drgName?: string; inputExpression?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions ${DEFINITIONS} id="force_users" name="${attr(o.drgName ?? 'Force Users')}">${jediOrSithDecision(o.rules ?? JEDI_RULES, o.versionTag, o.inputExpression)}
</definitions>`;
}

/** decision-table-with-assertions.dmn: the input fails when `lightsaberColor` is missing. */
export const jediOrSithWithAssertions = () => jediOrSith({ inputExpression: 'assert(lightsaberColor, lightsaberColor != null)' });

/** drg-force-user.dmn: "force_user" requires "jedi_or_sith" and picks a name by side and `height` (hit policy FIRST). */
export function forceUser(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions ${DEFINITIONS} id="force_users" name="force_users">${jediOrSithDecision(JEDI_RULES, 'v1.0')}
  <decision id="force_user" name="Which force user?">${versionTag('v2.0')}
    <informationRequirement id="InformationRequirement_1o8esai"><requiredDecision href="#jedi_or_sith" /></informationRequirement>
    <decisionTable id="DecisionTable_07g94t1" hitPolicy="FIRST">
      <input id="InputClause_0qnqj25" label="Jedi or Sith"><inputExpression id="LiteralExpression_00lcyt5" typeRef="string"><text>jedi_or_sith</text></inputExpression></input>
      <input id="InputClause_0k64hys" label="Body height"><inputExpression id="LiteralExpression_0ib6fnk" typeRef="number"><text>height</text></inputExpression></input>
      <output id="OutputClause_0hhe1yo" label="Force user" name="force_user" typeRef="string" />
      ${[
        ['DecisionRule_13zidc5', ['"Jedi"', '> 190'], ['"Mace Windu"']],
        ['DecisionRule_0uin2hk', ['"Jedi"', '> 180'], ['"Obi-Wan Kenobi"']],
        ['DecisionRule_0mpio0p', ['"Jedi"', '< 70'], ['"Yoda"']],
        ['DecisionRule_06paffx', ['"Sith"', '> 200'], ['"Darth Vader"']],
        ['DecisionRule_1ua4pcl', ['"Sith"', '> 170'], ['"Darth Sidius"']],
        ['DecisionRule_00ew25e', ['', ''], ['"unknown"']],
      ]
        .map((r) => rule(r as Rule))
        .join('\n      ')}
    </decisionTable>
  </decision>
</definitions>`;
}

/** A business rule task calling a decision (`decisionId` may be an expression); `called` holds extra attributes (bindingType, versionTag). */
export function businessRuleTask(id: string, decisionId: string, resultVariable: string, called = '', ext = ''): string {
  return `<bpmn:businessRuleTask id="${id}"><bpmn:extensionElements><zeebe:calledDecision decisionId="${attr(decisionId)}" resultVariable="${resultVariable}" ${called} />${ext}</bpmn:extensionElements></bpmn:businessRuleTask>`;
}
