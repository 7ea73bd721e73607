import { resolveTemplate, type ProcedureBundle, type WorkingTime } from '../bundle.js';
import { isCron, parseCron } from '../../workflow/embedded/runtime/cron.js';
import { label, type ModelElement, type ParsedModel } from '../bpmn-model.js';
import { START_VARIABLES, type WorkerType } from '../worker-types.js';
import { feelInputs, isFeel } from './feel.js';
import type { CheckedForm } from './form-rules.js';
import type { LintIssue, LintSeverity } from './lint-report.js';
import { longestChain } from './step-deadlines.js';
import { formatHours, workingHours } from './working-duration.js';

export interface PlatformRuleOptions {
  /** Groups user tasks may be offered to: the platform's roles. */
  roles: readonly string[];
  workerTypes: readonly WorkerType[];
  /** Length of a working day in hours (office hours of the centre). */
  hoursPerDay: number;
}

interface Context extends PlatformRuleOptions {
  bundle: ProcedureBundle;
  models: ParsedModel[];
  forms: CheckedForm[];
  issues: LintIssue[];
}

/** The platform's own rules: the contract of docs/procedure-bundles.md between models and platform. */
export function runPlatformRules(bundle: ProcedureBundle, models: ParsedModel[], forms: CheckedForm[], options: PlatformRuleOptions): LintIssue[] {
  const context: Context = { ...options, bundle, models, forms, issues: [] };
  checkCatalogueWiring(context);
  const known = knownVariables(context);
  for (const model of models) {
    for (const process of model.processes) {
      for (const element of process.elements) {
        if (element.type === 'UserTask') checkUserTask(context, model, element);
        if (element.taskType !== undefined || element.type === 'ServiceTask' || element.type === 'SendTask') checkJob(context, model, element);
        if (element.condition !== undefined) checkCondition(context, model, element, known);
        if (element.timer) checkTimer(context, model, element, known);
      }
    }
  }
  checkStepDeadlines(context);
  return context.issues;
}

function report(context: Context, severity: LintSeverity, rule: string, file: string, element: ModelElement | undefined, message: string) {
  const issue: LintIssue = { severity, rule: `platform/${rule}`, file, message };
  if (element) {
    issue.elementId = element.id;
    if (element.name) issue.elementName = element.name;
  }
  context.issues.push(issue);
}

function checkCatalogueWiring(context: Context) {
  const { catalogue } = context.bundle;
  const executable = context.models.flatMap((m) => m.processes.filter((p) => p.executable).map((p) => p.id));
  if (!executable.includes(catalogue.mainProcess)) {
    report(context, 'error', 'main-process', 'procedure.json', undefined,
      `mainProcess '${catalogue.mainProcess}' is not an executable process of the bundle's models (found: ${executable.join(', ') || 'none'})`);
  }
  const formIds = new Map<string, string>();
  for (const form of context.forms) {
    if (!form.id) continue;
    const other = formIds.get(form.id);
    if (other) report(context, 'error', 'form-id-unique', form.file, undefined, `form id '${form.id}' is also used by ${other}`);
    else formIds.set(form.id, form.file);
  }
  if (!formIds.has(catalogue.applicationForm)) {
    report(context, 'error', 'application-form', 'procedure.json', undefined,
      `applicationForm '${catalogue.applicationForm}' is not the id of a form of the bundle (${[...formIds.keys()].join(', ') || 'no forms'})`);
  }
  const used = new Set([catalogue.applicationForm, ...context.models.flatMap((m) => m.processes.flatMap((p) => p.elements.map((e) => e.formId)))]);
  for (const [id, file] of formIds) {
    if (!used.has(id)) report(context, 'warning', 'unused-form', file, undefined, `form '${id}' is neither the application form nor used by any user task`);
  }
}

/** Everything a condition or timer may read: start variables, form keys, worker outputs, mappings. */
function knownVariables(context: Context): Set<string> {
  const known = new Set<string>(START_VARIABLES);
  for (const form of context.forms) for (const field of form.fields) known.add(field.key.split('.')[0]);
  for (const worker of context.workerTypes) for (const output of worker.outputs) known.add(output);
  for (const model of context.models) {
    for (const process of model.processes) {
      for (const element of process.elements) {
        for (const output of element.outputs) known.add(output.target.split('.')[0].trim());
        if (element.resultVariable) known.add(element.resultVariable);
        if (element.multiInstance?.inputElement) known.add(element.multiInstance.inputElement);
        if (element.multiInstance?.outputCollection) known.add(element.multiInstance.outputCollection);
      }
    }
  }
  return known;
}

function checkUserTask(context: Context, model: ParsedModel, task: ModelElement) {
  const at = `user task ${label(task)}`;
  if (!task.zeebeUserTask) {
    report(context, 'error', 'user-task-implementation', model.file, task, `${at} must be a Camunda user task (zeebe:userTask); job-worker user tasks are not served by the platform's task list`);
  }
  if (!task.candidateGroups) {
    report(context, 'error', 'user-task-candidate-groups', model.file, task, `${at} has no candidate groups; name one or more of: ${context.roles.join(', ')}`);
  } else if (isFeel(task.candidateGroups)) {
    report(context, 'warning', 'user-task-candidate-groups', model.file, task, `${at} computes its candidate groups (${task.candidateGroups}); they cannot be checked before a dossier runs`);
  } else {
    const unknown = task.candidateGroups.split(',').map((g) => g.trim()).filter((g) => g && !context.roles.includes(g));
    if (unknown.length > 0) {
      report(context, 'error', 'user-task-candidate-groups', model.file, task, `${at} names candidate group${unknown.length > 1 ? 's' : ''} ${unknown.map((g) => `'${g}'`).join(', ')} that ${unknown.length > 1 ? 'are not platform roles' : 'is not a platform role'} (${context.roles.join(', ')})`);
    }
  }
  if (task.otherForm !== undefined) {
    report(context, 'error', 'user-task-form', model.file, task, `${at} references the form '${task.otherForm}' by form key or external reference; reference a form of the bundle by formId`);
  } else if (!task.formId) {
    report(context, 'error', 'user-task-form', model.file, task, `${at} has no form (zeebe:formDefinition formId)`);
  } else if (!context.forms.some((f) => f.id === task.formId)) {
    report(context, 'error', 'user-task-form', model.file, task, `${at} references the form '${task.formId}', which no form of the bundle has as its id (${context.forms.map((f) => f.id).filter(Boolean).join(', ') || 'no forms'})`);
  }
  const step = task.headers.stepDuration;
  if (step === undefined) {
    report(context, 'error', 'step-duration', model.file, task, `${at} has no 'stepDuration' task header (its allotted working time, e.g. P1D or PT4H)`);
  } else {
    const hours = workingHours(step, context.hoursPerDay);
    if (typeof hours !== 'number') report(context, 'error', 'step-duration', model.file, task, `${at}: stepDuration ${hours.error}`);
  }
}

function checkJob(context: Context, model: ParsedModel, element: ModelElement) {
  const kinds: Record<string, string> = { SendTask: 'send task', IntermediateThrowEvent: 'message throw event', EndEvent: 'message end event' };
  const at = `${kinds[element.type] ?? 'service task'} ${label(element)}`;
  if (!element.taskType) return; // camunda-compat reports the missing task definition
  if (isFeel(element.taskType)) {
    report(context, 'warning', 'job-type', model.file, element, `${at} computes its job type (${element.taskType}); no worker can be checked for it`);
    return;
  }
  const worker = context.workerTypes.find((w) => w.type === element.taskType);
  if (!worker) {
    report(context, 'error', 'job-type', model.file, element, `${at} has job type '${element.taskType}', for which the platform registers no worker (${context.workerTypes.map((w) => w.type).join(', ')})`);
    return;
  }
  for (const header of worker.requiredHeaders) {
    if (!element.headers[header]?.trim()) report(context, 'error', 'job-headers', model.file, element, `${at} (${worker.type}) lacks the task header '${header}'`);
  }
  for (const [header, values] of Object.entries(worker.headerValues ?? {})) {
    const value = element.headers[header];
    if (value !== undefined && value.trim() !== '' && !values.includes(value.trim())) {
      report(context, 'error', 'job-headers', model.file, element, `${at}: header '${header}' is '${value}'; expected one of ${values.join(', ')}`);
    }
  }
  const template = element.headers.template;
  if (template?.trim() && !resolveTemplate(context.bundle, template)) {
    report(context, 'error', 'template-exists', model.file, element, `${at} renders the template '${template}', which is neither templates/${template.replace(/\.hbs$/, '')}.hbs nor a shared template of the bundle`);
  }
  const feeCode = element.headers.feeCode;
  if (worker.type === 'motcua.fee' && feeCode?.trim() && !context.bundle.catalogue.fees.some((f) => f.code === feeCode.trim())) {
    report(context, 'error', 'fee-code', model.file, element, `${at} requests the fee '${feeCode}', which procedure.json's fees do not define`);
  }
  if (worker.type === 'motcua.consultation' && element.headers.deadlineDays?.trim() && !/^\d+(\.\d+)?$/.test(element.headers.deadlineDays.trim())) {
    report(context, 'error', 'job-headers', model.file, element, `${at}: deadlineDays '${element.headers.deadlineDays}' is not a number of working days`);
  }
}

function checkCondition(context: Context, model: ParsedModel, flow: ModelElement, known: Set<string>) {
  const at = `sequence flow ${label(flow)}`;
  const condition = flow.condition!.trim();
  if (!isFeel(condition)) {
    report(context, 'error', 'condition-expression', model.file, flow, `${at} has the condition '${condition}', which is not a FEEL expression (it must start with '=')`);
    return;
  }
  const analysis = feelInputs(condition);
  if (!analysis.valid) {
    report(context, 'error', 'condition-expression', model.file, flow, `${at}: the condition '${condition}' is not valid FEEL`);
    return;
  }
  for (const name of analysis.inputs) {
    if (!known.has(name)) {
      report(context, 'error', 'condition-variables', model.file, flow, `${at} reads the variable '${name}', which no form field, worker output, output mapping or start variable produces`);
    }
  }
}

const isoDuration = /^-?P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/;
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})(\[[A-Za-z_/+-]+\])?$/;

function checkTimer(context: Context, model: ParsedModel, element: ModelElement, known: Set<string>) {
  const { kind, expression } = element.timer!;
  const at = `timer ${label(element)}`;
  const value = expression.trim();
  if (value === '') {
    report(context, 'error', 'timer', model.file, element, `${at} has an empty time ${kind}`);
    return;
  }
  if (isFeel(value)) {
    const analysis = feelInputs(value);
    if (!analysis.valid) {
      report(context, 'error', 'timer', model.file, element, `${at}: the time ${kind} '${value}' is not valid FEEL`);
      return;
    }
    for (const name of analysis.inputs) {
      if (!known.has(name)) report(context, 'error', 'timer', model.file, element, `${at} reads the variable '${name}', which no form field, worker output, output mapping or start variable produces`);
    }
    return;
  }
  const valid =
    kind === 'duration'
      ? isoDuration.test(value)
      : kind === 'date'
        ? isoDateTime.test(value) && !Number.isNaN(Date.parse(value.replace(/\[.*\]$/, '')))
        : validCycle(value);
  if (typeof valid === 'string') {
    report(context, 'error', 'timer', model.file, element, `${at}: '${value}' is not a valid cron expression: ${valid}`);
  } else if (!valid) {
    const expected = { duration: 'an ISO 8601 duration such as PT4H or P2D', date: 'an ISO 8601 date-time with an offset, e.g. 2026-01-01T08:00:00+07:00', cycle: 'an ISO 8601 repeating interval such as R3/PT1H, or a six-field cron expression such as 0 0 9 * * MON-FRI' }[kind];
    report(context, 'error', 'timer', model.file, element, `${at}: '${value}' is not ${expected}`);
  }
}

/** true, false, or the reason a cron cycle (Spring's six fields, as Zeebe reads it) is invalid. */
function validCycle(value: string): boolean | string {
  const parts = value.split('/');
  if (/^R\d*$/.test(parts[0] ?? '') && (parts.length === 2 || parts.length === 3)) {
    if (parts.length === 2) return isoDuration.test(parts[1]);
    return isoDateTime.test(parts[1]) && isoDuration.test(parts[2]);
  }
  if (!isCron(value)) return false;
  try {
    parseCron(value);
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}

function limitHours(time: WorkingTime, hoursPerDay: number): number {
  return time.unit === 'workingDays' ? time.value * hoursPerDay : time.value;
}

function checkStepDeadlines(context: Context) {
  const { catalogue } = context.bundle;
  const model = context.models.find((m) => m.processes.some((p) => p.id === catalogue.mainProcess));
  const process = model?.processes.find((p) => p.id === catalogue.mainProcess);
  if (!model || !process) return;
  const time = catalogue.processingTime.reduced ?? catalogue.processingTime.legal;
  const limit = limitHours(time, context.hoursPerDay);
  const chain = longestChain(process, (e) => {
    const step = e.headers.stepDuration;
    const hours = step === undefined ? 0 : workingHours(step, context.hoursPerDay);
    return typeof hours === 'number' ? hours : 0;
  });
  if (chain.hours > limit + 1e-9) {
    const which = catalogue.processingTime.reduced ? 'reduced' : 'legal';
    report(context, 'error', 'step-deadlines', model.file, undefined,
      `the step deadlines along the longest path add up to ${formatHours(chain.hours, context.hoursPerDay)}, more than the ${which} processing time of ${formatHours(limit, context.hoursPerDay)}: ${chain.path.map((e) => `${label(e)} ${e.headers.stepDuration}`).join(' → ')}`);
  }
}
