import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import Handlebars from 'handlebars';
import { EmbeddedWorkflowEngine } from '@mot-cua/engine/workflow/embedded/embedded-workflow-engine.js';
import { readRepositoryProcedure } from '@mot-cua/engine/procedures/bundle-io.js';
import type { ProcedureBundle } from '@mot-cua/engine/procedures/bundle.js';
import { WORKER_TYPES } from '@mot-cua/engine/procedures/worker-types.js';
import { openTestDatabase } from '@mot-cua/engine/test-support/database.js';
import { repositoryRoot } from '../support/paths.js';

const require = createRequire(import.meta.url);
const elementTemplateSchema = require('@camunda/zeebe-element-templates-json-schema/resources/schema.json') as object;
const zeebeDescriptor = require('zeebe-bpmn-moddle/resources/zeebe.json') as object;
// bpmn-moddle ships no type declarations; the engine declares them for its own sources only.
const bpmnModdleModule: string = 'bpmn-moddle';
const { BpmnModdle } = (await import(bpmnModdleModule)) as { BpmnModdle: new (packages: object) => { fromXML(xml: string): Promise<unknown> } };

const ROLES = ['reception', 'specialist', 'leader', 'clerk'];
const HOURS_PER_DAY = 8;
/** Messages of the contract (docs/procedure-bundles.md) and their correlation keys. */
const MESSAGES: Record<string, string> = {
  'dossier-supplemented': '=dossierId',
  'fee-paid': '=dossierId',
  'consultation-answered': '=consultationRequestId',
  'dossier-withdrawn': '=dossierId',
};
const DECISIONS: Record<string, string[]> = {
  receptionDecision: ['receive', 'supplement', 'refuse'],
  appraisalResult: ['meets', 'supplement', 'refuse'],
  approvalDecision: ['approve', 'return'],
};

const slugs = readdirSync(join(repositoryRoot, 'processes'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'element-templates')
  .map((e) => e.name)
  .sort();
const templateDir = join(repositoryRoot, 'processes/element-templates');
const elementTemplates = readdirSync(templateDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, json: JSON.parse(readFileSync(join(templateDir, f), 'utf8')) as Record<string, any> }));
const agencies = JSON.parse(readFileSync(join(repositoryRoot, 'processes/agencies.json'), 'utf8')) as { code: string; name: string; level: string; parent: string | null }[];

type Node = { $type: string; id: string; name?: string; [k: string]: any };

function extension(node: Node, type: string): Node | undefined {
  return (node.extensionElements?.values as Node[] | undefined)?.find((v) => v.$type === type);
}
function headers(node: Node): Record<string, string> {
  const h = extension(node, 'zeebe:TaskHeaders');
  return Object.fromEntries(((h?.values ?? []) as Node[]).map((v) => [v.key, v.value]));
}
function flowElements(container: Node): Node[] {
  const all: Node[] = [];
  for (const e of (container.flowElements ?? []) as Node[]) {
    all.push(e);
    if (e.$type === 'bpmn:SubProcess') all.push(...flowElements(e));
  }
  return all;
}

/** ISO 8601 step duration in working hours (P1D = one working day). */
function workingHours(duration: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(duration);
  assert.ok(m && duration !== 'P' && duration !== 'PT', `'${duration}' is not a day/hour/minute ISO 8601 duration`);
  return Number(m[1] ?? 0) * HOURS_PER_DAY + Number(m[2] ?? 0) + Number(m[3] ?? 0) / 60;
}

/**
 * Working time along the longest path of a container, start to end, through sequence flows only:
 * boundary-event branches are escalations, loops (supplement, return) pause or repeat the clock.
 * A sub-process weighs its own longest path; consultations weigh their deadline.
 */
function longestPath(container: Node): number {
  const nodes = ((container.flowElements ?? []) as Node[]).filter((e) => e.$type !== 'bpmn:SequenceFlow');
  const weight = (n: Node): number => {
    if (n.$type === 'bpmn:UserTask') return workingHours(headers(n).stepDuration);
    if (n.$type === 'bpmn:SubProcess') return longestPath(n);
    if (n.$type === 'bpmn:ServiceTask' && extension(n, 'zeebe:TaskDefinition')?.type === 'motcua.consultation') {
      return Number(headers(n).deadlineDays) * HOURS_PER_DAY;
    }
    return 0;
  };
  const memo = new Map<string, number>();
  const visit = (n: Node, path: Set<string>): number => {
    if (memo.has(n.id)) return memo.get(n.id)!;
    path.add(n.id);
    let best = 0;
    for (const flow of (n.outgoing ?? []) as Node[]) {
      if (!path.has(flow.targetRef.id)) best = Math.max(best, visit(flow.targetRef, path));
    }
    path.delete(n.id);
    const total = weight(n) + best;
    memo.set(n.id, total);
    return total;
  };
  const start = nodes.find((n) => n.$type === 'bpmn:StartEvent');
  assert.ok(start, `${container.id} has no start event`);
  return visit(start, new Set());
}

interface Loaded {
  slug: string;
  bundle: ProcedureBundle;
  catalogue: Record<string, any>;
  xml: string;
  process: Node;
  definitions: Node;
  elements: Node[];
  warnings: string[];
}
const loaded = new Map<string, Loaded>();

async function load(slug: string): Promise<Loaded> {
  if (loaded.has(slug)) return loaded.get(slug)!;
  const bundle = await readRepositoryProcedure(repositoryRoot, slug);
  const catalogue = JSON.parse(readFileSync(join(repositoryRoot, 'processes', slug, 'procedure.json'), 'utf8'));
  const xml = readFileSync(join(repositoryRoot, 'processes', slug, catalogue.models[0]), 'utf8');
  const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });
  const parsed = (await moddle.fromXML(xml)) as { rootElement: Node; warnings: { message: string }[] };
  const process = (parsed.rootElement.rootElements as Node[]).find((e) => e.$type === 'bpmn:Process')!;
  const result = { slug, bundle, catalogue, xml, process, definitions: parsed.rootElement, elements: flowElements(process), warnings: parsed.warnings.map((w) => w.message) };
  loaded.set(slug, result);
  return result;
}

function formsOf(slug: string): Map<string, { file: string; json: Record<string, any> }> {
  const dir = join(repositoryRoot, 'forms', slug);
  return new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith('.form'))
      .map((f) => {
        const json = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, any>;
        return [json.id as string, { file: f, json }];
      }),
  );
}

function components(list: Record<string, any>[]): Record<string, any>[] {
  return list.flatMap((c) => [c, ...components(c.components ?? [])]);
}

describe('element templates', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(elementTemplateSchema);

  test('the Camunda schema refuses a broken template (the validator is live)', () => {
    const broken = structuredClone(elementTemplates[0].json);
    broken.properties.push({ type: 'Hidden', value: 'x', binding: { type: 'zeebe:taskDefinition', property: 'kind' } });
    assert.equal(validate(broken), false);
  });

  for (const { file, json } of elementTemplates) {
    test(`${file} validates against the Camunda element-template schema`, () => {
      assert.ok(validate(json), JSON.stringify(validate.errors, null, 2));
      assert.match(json.$schema, /zeebe-element-templates-json-schema/);
      assert.match(json.id, /^vn\.motcua\.[a-z-]+$/);
      assert.equal(typeof json.version, 'number');
      assert.match(json.name + json.description, /[ạảãàáâậầấẩẫăắằặẳẵệềếểễộồốổỗơớờợởỡưứừựửữịìíỉĩọỏõòóụủũùúỵỳýỷỹđ]/i, 'Vietnamese name and description');
    });
    test(`${file} fixes a job type the platform has a worker for, as a hidden property`, () => {
      const type = json.properties.find((p: any) => p.binding.type === 'zeebe:taskDefinition' && p.binding.property === 'type');
      if (json.elementType.value !== 'bpmn:ServiceTask') return assert.equal(type, undefined);
      assert.equal(type.type, 'Hidden');
      const worker = WORKER_TYPES.find((w) => w.type === type.value);
      assert.ok(worker, `no worker for ${type.value}`);
      const templateHeaders = json.properties.filter((p: any) => p.binding.type === 'zeebe:taskHeader').map((p: any) => p.binding.key);
      for (const required of worker.requiredHeaders) assert.ok(templateHeaders.includes(required), `${file} lacks header ${required}`);
    });
  }

  test('message templates name contract messages with their correlation key', () => {
    const messages = elementTemplates.filter((t) => t.json.elementType.eventDefinition === 'bpmn:MessageEventDefinition');
    assert.deepEqual(messages.map((t) => t.json.id).sort(), ['vn.motcua.dossier-supplemented', 'vn.motcua.fee-paid']);
    for (const { json } of messages) {
      const name = json.properties.find((p: any) => p.binding.type === 'bpmn:Message#property').value;
      const key = json.properties.find((p: any) => p.binding.type === 'bpmn:Message#zeebe:subscription#property').value;
      assert.equal(MESSAGES[name], key);
    }
  });
});

test('agencies.json lists every agency code with a known parent', () => {
  const codes = agencies.map((a) => a.code);
  // The demo province's agencies (processes/agencies.json), the provincial service centre and two communes among them,
  // and the two central units of the police above them: the ministry over the provincial police, and its records
  // department, which the police consult for the national criminal record database (Nghị định 02/2025/NĐ-CP).
  assert.deepEqual([...codes].sort(), ['BCA', 'CA', 'CT', 'HSNV', 'SNNMT', 'STP', 'SXD', 'TTPVHCC', 'UBND-TINH', 'UBND-XA-BC', 'UBND-XA-HH', 'VPDK']);
  for (const a of agencies) {
    assert.ok(a.parent === null || codes.includes(a.parent), `${a.code}: unknown parent ${a.parent}`);
    assert.ok(['central', 'province', 'commune'].includes(a.level));
  }
});

test('five procedures are shipped', () => {
  assert.equal(slugs.length, 5);
});

for (const slug of slugs) {
  describe(`procedure ${slug}`, () => {
    let p: Loaded;
    before(async () => {
      p = await load(slug);
    });

    test('procedure.json has every catalogue field and consistent wiring', () => {
      const c = p.catalogue;
      for (const field of ['slug', 'code', 'name', 'field', 'level', 'agency', 'consultedAgencies', 'processingTime', 'fees', 'requiredDocuments', 'onlineMode', 'resultType', 'legalBasis', 'supplementPolicy', 'applicationForm', 'mainProcess', 'models', 'forms', 'templates']) {
        assert.ok(c[field] !== undefined, `procedure.json lacks ${field}`);
      }
      assert.equal(c.slug, slug);
      assert.match(c.code, /^[12]\.\d{6}$/);
      assert.equal(c.mainProcess, p.process.id);
      assert.ok(c.requiredDocuments.length > 0 && c.legalBasis.length > 0);
      for (const fee of c.fees) assert.ok(Number.isInteger(fee.amount) && fee.amount >= 0);
      for (const a of [c.agency, ...c.consultedAgencies]) {
        assert.equal(agencies.find((x) => x.code === a.code)?.name, a.name, `agency ${a.code} as in agencies.json`);
      }
      assert.ok(formsOf(slug).has(c.applicationForm), 'the application form exists');
    });

    test('the model parses with bpmn-moddle and the zeebe extension without warnings', () => {
      assert.deepEqual(p.warnings, []);
      assert.equal(p.process.isExecutable, true);
      assert.equal(p.definitions.$attrs['modeler:executionPlatform'], 'Camunda Cloud');
      const diagram = p.definitions.diagrams[0].plane.planeElement as Node[];
      const drawn = new Set(diagram.map((d) => d.bpmnElement.id));
      for (const e of p.elements) assert.ok(drawn.has(e.id), `${e.id} has no shape or edge in the diagram`);
    });

    test('shapes of the same container do not overlap', () => {
      const shapes = (p.definitions.diagrams[0].plane.planeElement as Node[]).filter((d) => d.$type === 'bpmndi:BPMNShape');
      const box = (s: Node) => s.bounds as { x: number; y: number; width: number; height: number };
      for (const a of shapes) {
        for (const b of shapes) {
          if (a === b || a.bpmnElement.$parent !== b.bpmnElement.$parent) continue;
          if (a.bpmnElement.$type === 'bpmn:BoundaryEvent' || b.bpmnElement.$type === 'bpmn:BoundaryEvent') continue;
          const [r, s] = [box(a), box(b)];
          const overlap = r.x < s.x + s.width && s.x < r.x + r.width && r.y < s.y + s.height && s.y < r.y + r.height;
          assert.ok(!overlap, `${a.bpmnElement.id} overlaps ${b.bpmnElement.id}`);
        }
      }
    });

    test('user tasks: platform roles, a form of the bundle, a step duration', () => {
      const forms = formsOf(slug);
      const users = p.elements.filter((e) => e.$type === 'bpmn:UserTask');
      for (const task of users) {
        assert.ok(extension(task, 'zeebe:UserTask'), `${task.id} is a Camunda user task`);
        const groups = extension(task, 'zeebe:AssignmentDefinition')?.candidateGroups as string;
        assert.ok(ROLES.includes(groups), `${task.id}: candidate group ${groups}`);
        const formId = extension(task, 'zeebe:FormDefinition')?.formId as string;
        assert.ok(forms.has(formId), `${task.id}: form ${formId} is not in forms/${slug}`);
        assert.ok(p.catalogue.forms.includes(forms.get(formId)!.file), `${formId} is listed in procedure.json`);
        workingHours(headers(task).stepDuration);
      }
      for (const role of ROLES) assert.ok(users.some((t) => extension(t, 'zeebe:AssignmentDefinition')?.candidateGroups === role), `a ${role} step`);
    });

    test('service tasks: contract job types, existing templates and fee codes', () => {
      const services = p.elements.filter((e) => e.$type === 'bpmn:ServiceTask');
      const types = new Set<string>();
      for (const task of services) {
        const type = extension(task, 'zeebe:TaskDefinition')?.type as string;
        const worker = WORKER_TYPES.find((w) => w.type === type);
        assert.ok(worker, `${task.id}: job type ${type}`);
        types.add(type);
        const h = headers(task);
        for (const header of worker.requiredHeaders) assert.ok(h[header], `${task.id} lacks header ${header}`);
        if (h.template) {
          const own = join(repositoryRoot, 'templates', slug, `${h.template}.hbs`);
          const common = join(repositoryRoot, 'templates/common', `${h.template}.hbs`);
          const found = [own, common].find((f) => readdirSync(join(f, '..')).includes(basename(f)));
          assert.ok(found, `${task.id}: template ${h.template} not found`);
          if (found === own) assert.ok(p.catalogue.templates.includes(`${h.template}.hbs`));
        }
        if (type === 'motcua.fee') assert.ok(p.catalogue.fees.some((f: any) => f.code === h.feeCode), `${task.id}: fee ${h.feeCode}`);
        const template = task.$attrs?.['zeebe:modelerTemplate'] ?? task.modelerTemplate;
        if (template) assert.ok(elementTemplates.some((t) => t.json.id === template), `${task.id}: element template ${template}`);
      }
      for (const type of ['motcua.document', 'motcua.sign', 'motcua.notify']) assert.ok(types.has(type), `a ${type} task`);
      const result = services.find((t) => headers(t).documentKind === 'result' && extension(t, 'zeebe:TaskDefinition')?.type === 'motcua.document');
      assert.equal(`${headers(result!).template}.hbs`, p.catalogue.templates[0]);
    });

    test('message events use contract messages and correlation keys', () => {
      for (const message of (p.definitions.rootElements as Node[]).filter((e) => e.$type === 'bpmn:Message')) {
        assert.ok(message.name! in MESSAGES, `unknown message ${message.name}`);
        assert.equal(extension(message, 'zeebe:Subscription')?.correlationKey, MESSAGES[message.name!]);
      }
    });

    test('the five steps run in order and a refusal ends the process', () => {
      const byId = new Map(p.elements.map((e) => [e.id, e]));
      const order = ['Task_TiepNhan', 'Task_ThamDinh', 'Task_PheDuyet', 'Task_KySoVanThu', 'Task_TraKetQua'];
      const reachable = (from: string, to: string) => {
        const seen = new Set<string>();
        const queue = [byId.get(from)!];
        while (queue.length) {
          const n = queue.shift()!;
          if (n.id === to) return true;
          if (seen.has(n.id)) continue;
          seen.add(n.id);
          for (const f of (n.outgoing ?? []) as Node[]) queue.push(f.targetRef);
          // leaving a sub-process through its end: continue after it
          if (n.$type === 'bpmn:EndEvent' && n.$parent.$type === 'bpmn:SubProcess') queue.push(n.$parent);
          if (n.$type === 'bpmn:SubProcess') queue.push(...((n.flowElements as Node[]).filter((e) => e.$type === 'bpmn:StartEvent')));
        }
        return false;
      };
      for (let i = 0; i + 1 < order.length; i++) assert.ok(reachable(order[i], order[i + 1]), `${order[i]} → ${order[i + 1]}`);
      const ends = p.elements.filter((e) => e.$type === 'bpmn:EndEvent' && e.$parent === p.process).map((e) => e.name);
      assert.ok(ends.includes('Từ chối tiếp nhận') && ends.includes('Từ chối giải quyết') && ends.includes('Đã trả kết quả'), ends.join(', '));
    });

    test('step durations along the longest path fit the processing time', () => {
      const limit = (t: { value: number; unit: string }) => t.value * (t.unit === 'workingDays' ? HOURS_PER_DAY : 1);
      const { legal, reduced } = p.catalogue.processingTime;
      const total = longestPath(p.process);
      assert.ok(total > 0);
      assert.ok(total <= limit(reduced ?? legal), `${total} working hours > ${limit(reduced ?? legal)}`);
      assert.ok(limit(reduced ?? legal) <= limit(legal));
    });

    test('forms: form-js schemas with unique keys and the contract decisions', () => {
      const forms = formsOf(slug);
      assert.deepEqual([...forms.values()].map((f) => f.file).sort(), [...p.catalogue.forms].sort());
      for (const [id, { file, json }] of forms) {
        assert.equal(id, `${slug}-${file.replace(/\.form$/, '')}`);
        assert.equal(json.type, 'default');
        assert.ok(json.schemaVersion >= 16);
        const all = components(json.components);
        const keys = all.filter((c) => c.key).map((c) => c.key as string);
        assert.equal(new Set(keys).size, keys.length, `${file}: duplicate keys`);
        assert.equal(new Set(all.map((c) => c.id)).size, all.length, `${file}: duplicate component ids`);
        for (const c of all) {
          if (!['text', 'group', 'spacer', 'separator'].includes(c.type)) assert.ok(c.key && (c.label || c.dateLabel), `${file}: ${c.id} needs key and label`);
          if (DECISIONS[c.key]) for (const v of c.values) assert.ok(DECISIONS[c.key].includes(v.value), `${file}: ${c.key} = ${v.value}`);
        }
      }
      const appraisal = p.elements.find((e) => e.id === 'Task_ThamDinh')!;
      const appraisalForm = forms.get(extension(appraisal, 'zeebe:FormDefinition')!.formId)!.json;
      const checklist = components(appraisalForm.components).find((c) => c.key === headers(appraisal).checklist);
      assert.equal(checklist?.type, 'checklist', 'the checklist header names the checklist of the appraisal form');
      const decisions = (formId: string) => components(forms.get(formId)!.json.components).map((c) => c.key);
      assert.ok(decisions(`${slug}-tiep-nhan`).includes('receptionDecision'));
      assert.ok(decisions(`${slug}-tham-dinh`).includes('appraisalResult'));
      assert.ok(decisions(`${slug}-phe-duyet`).includes('approvalDecision'));
    });

    test("the platform's bundle linter reports no error", async () => {
      // bpmnlint keeps state between bundles linted in one process (false duplicate-flow reports), so each bundle is linted in its own.
      const script = `
        const { readRepositoryProcedure } = await import('@mot-cua/engine/procedures/bundle-io.js');
        const { lintBundle } = await import('@mot-cua/engine/procedures/lint/bundle-linter.js');
        const { WORKER_TYPES } = await import('@mot-cua/engine/procedures/worker-types.js');
        const bundle = await readRepositoryProcedure(process.argv[1], process.argv[2]);
        const report = await lintBundle(bundle, { roles: ${JSON.stringify(ROLES)}, workerTypes: WORKER_TYPES, hoursPerDay: ${HOURS_PER_DAY} });
        console.log(JSON.stringify(report));`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, repositoryRoot, slug], { cwd: join(repositoryRoot, 'test') });
      const report = JSON.parse(stdout) as { errors: number; issues: { severity: string; rule: string; message: string }[] };
      assert.deepEqual(report.issues.filter((i) => i.severity === 'error'), []);
      assert.equal(p.bundle.catalogue.slug, slug);
    });
  });
}

describe('what the models exercise', () => {
  test('a parallel multi-instance consultation over consultedAgencies with a deadline per agency', async () => {
    const withMi = [];
    for (const slug of slugs) {
      const { elements } = await load(slug);
      const mi = elements.find((e) => e.loopCharacteristics && extension(e.loopCharacteristics, 'zeebe:LoopCharacteristics')?.inputCollection === '=consultedAgencies');
      if (!mi) continue;
      assert.notEqual(mi.loopCharacteristics.isSequential, true, `${slug}: parallel`);
      assert.equal(extension(mi.loopCharacteristics, 'zeebe:LoopCharacteristics')!.inputElement, 'agency');
      const inner = flowElements(mi);
      assert.ok(inner.some((e) => extension(e, 'zeebe:TaskDefinition')?.type === 'motcua.consultation'));
      const deadline = inner.find((e) => e.eventDefinitions?.[0]?.timeDate?.body === '=consultationDueDate');
      assert.ok(deadline, `${slug}: a timer at each agency's consultationDueDate`);
      withMi.push(slug);
    }
    assert.deepEqual(withMi, ['cap-giay-phep-xay-dung-nha-o-rieng-le', 'cap-phieu-ly-lich-tu-phap']);
  });

  test('a supplement loop at appraisal waits for dossier-supplemented under a time limit and returns to appraisal', async () => {
    const { elements } = await load('dang-ky-ho-kinh-doanh');
    const wait = elements.find((e) => e.$type === 'bpmn:EventBasedGateway' && e.id === 'Gateway_ChoBoSung')!;
    const targets = (wait.outgoing as Node[]).map((f) => f.targetRef as Node);
    const message = targets.find((t) => t.eventDefinitions[0].$type === 'bpmn:MessageEventDefinition')!;
    assert.equal(message.eventDefinitions[0].messageRef.name, 'dossier-supplemented');
    assert.equal(message.outgoing[0].targetRef.id, 'Task_ThamDinh');
    assert.ok(targets.some((t) => t.eventDefinitions[0].$type === 'bpmn:TimerEventDefinition'), 'a time limit for the applicant');
  });

  // The apology must go out at least one working day before the appointment (docs/legal-basis.md):
  // both the leader's chase and the apology step come at the warning date, a working day ahead.
  test('deadline escalations: leader warned and apology letter offered at warningDate, processing not interrupted', async () => {
    for (const slug of ['cap-giay-phep-xay-dung-nha-o-rieng-le', 'cap-phieu-ly-lich-tu-phap']) {
      const { elements } = await load(slug);
      const boundary = (id: string) => elements.find((e) => e.$type === 'bpmn:BoundaryEvent' && e.id === id)!;
      const warning = boundary('Event_SapDenHan');
      const due = boundary('Event_DenHan');
      for (const b of [warning, due]) assert.equal(b.eventDefinitions[0].timeDate?.body, '=warningDate', `${slug}: ${b.id} a working day ahead`);
      for (const b of [warning, due]) assert.equal(b.cancelActivity, false, `${slug}: non-interrupting`);
      assert.equal(extension(warning.outgoing[0].targetRef, 'zeebe:AssignmentDefinition')?.candidateGroups, 'leader');
      const apology = due.outgoing[0].targetRef as Node;
      assert.equal(apology.$type, 'bpmn:UserTask');
      const form = formsOf(slug).get(extension(apology, 'zeebe:FormDefinition')!.formId)!.json;
      assert.ok(components(form.components).some((c) => c.key === 'ngayHenMoi' && c.type === 'datetime'), 'a new appointment date');
      assert.equal(headers(apology.outgoing[0].targetRef).template, 'phieu-xin-loi-hen-lai');
    }
  });

  // Since 1/7/2025 the commune no longer confirms conformity with planning, absence of dispute and
  // stable use as a separate step (Nghị định 151/2025/NĐ-CP, Điều 18 khoản 4, docs/legal-basis.md):
  // the appraisal goes straight to the tax authority.
  test('fee payment waits for fee-paid after the tax consultation, the only one', async () => {
    const { elements } = await load('cap-gcn-quyen-su-dung-dat-lan-dau');
    const fee = elements.find((e) => extension(e, 'zeebe:TaskDefinition')?.type === 'motcua.fee')!;
    assert.equal(fee.outgoing[0].targetRef.eventDefinitions[0].messageRef.name, 'fee-paid');
    const consultations = elements.filter((e) => extension(e, 'zeebe:TaskDefinition')?.type === 'motcua.consultation');
    assert.deepEqual(consultations.map((c) => extension(c, 'zeebe:IoMapping')!.inputParameters[0].source), ['="CT"']);
    const meets = elements.find((e) => e.id === 'Flow_ThamDinh_Meets')!;
    assert.equal(meets.targetRef.id, 'Task_ChuyenThue');
  });

  // A procedure whose catalogue lists a fee above zero must ask for it: otherwise the fee is never
  // collected. Household business and construction permit fees are provincial fees (Thông tư
  // 85/2019/TT-BTC); the household business certificate is only issued once the fee is paid
  // (Nghị định 168/2025/NĐ-CP, conditions for issuing the certificate, as summarised by vietnam.vn;
  // docs/legal-basis.md), so both ask for it right after receipt.
  test('every procedure with a fee asks for it and waits for fee-paid', async () => {
    const asked: Record<string, string[]> = {};
    for (const slug of slugs) {
      const { elements, catalogue } = await load(slug);
      const feeTasks = elements.filter((e) => extension(e, 'zeebe:TaskDefinition')?.type === 'motcua.fee');
      for (const task of feeTasks) assert.equal(task.outgoing[0].targetRef.eventDefinitions[0].messageRef.name, 'fee-paid', `${slug}: ${task.id}`);
      if (catalogue.fees.some((f: { amount: number }) => f.amount > 0)) asked[slug] = feeTasks.map((t) => headers(t).feeCode);
    }
    assert.deepEqual(asked, {
      'cap-gcn-quyen-su-dung-dat-lan-dau': ['LP-GCN'],
      'cap-giay-phep-xay-dung-nha-o-rieng-le': ['LP-GPXD'],
      'cap-phieu-ly-lich-tu-phap': ['PHI-LLTP'],
      'dang-ky-ho-kinh-doanh': ['LP-HKD'],
    });
    for (const slug of ['dang-ky-ho-kinh-doanh', 'cap-giay-phep-xay-dung-nha-o-rieng-le']) {
      const { elements } = await load(slug);
      const notice = elements.find((e) => e.id === 'Task_ThongBaoTiepNhan')!;
      assert.equal(notice.outgoing[0].targetRef.id, 'Task_YeuCauNopPhi', `${slug}: the fee is asked right after receipt`);
    }
  });
});

/**
 * Texts the shipped procedures must no longer cite, each with the source saying it was replaced
 * (docs/legal-basis.md, "Texts the shipped procedures must no longer cite").
 */
const REPLACED_TEXTS: { text: string; pattern: RegExp; by: string }[] = [
  // apolatlegal.com: Nghị định 168/2025/NĐ-CP, in force 1/7/2025, replaces 01/2021/NĐ-CP and 122/2020/NĐ-CP.
  { text: 'Nghị định 01/2021/NĐ-CP', pattern: /(?<![\d/])01\/2021\/NĐ-CP/g, by: 'Nghị định 168/2025/NĐ-CP' },
  { text: 'Nghị định 122/2020/NĐ-CP', pattern: /(?<![\d/])122\/2020\/NĐ-CP/g, by: 'Nghị định 168/2025/NĐ-CP' },
  // news.laodong.vn, "Đột phá quản lý xây dựng …": Nghị định 175/2024/NĐ-CP replaces 15/2021/NĐ-CP.
  { text: 'Nghị định 15/2021/NĐ-CP', pattern: /(?<![\d/])15\/2021\/NĐ-CP/g, by: 'Nghị định 175/2024/NĐ-CP' },
  // news.laodong.vn: from 1/7/2025 land registration uses the forms of Nghị định 151/2025/NĐ-CP
  // Appendix I (Form 15 to register, Form 18 for changes) instead of those of Nghị định 101/2024/NĐ-CP.
  { text: 'Mẫu số 04/ĐK', pattern: /(?<![\d/])04\/ĐK/g, by: 'the forms of Nghị định 151/2025/NĐ-CP' },
];

/** Every text file of a shipped procedure: its bundle directory, its forms and its templates. */
function shippedFiles(slug: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return ['processes', 'forms', 'templates'].flatMap((root) => walk(join(repositoryRoot, root, slug)));
}

/** Citations of a replaced text, leaving out mentions that say it was replaced ("thay thế Nghị định …"). */
function citations(content: string, pattern: RegExp): string[] {
  return [...content.matchAll(pattern)]
    .map((m) => {
      const at = m.index ?? 0;
      return content.slice(Math.max(0, at - 60), at + m[0].length);
    })
    .filter((context) => !/thay thế[^;()]*$/.test(context));
}

describe('legal bases in force', () => {
  test('no shipped procedure cites a replaced text', () => {
    const found: string[] = [];
    for (const slug of slugs) {
      for (const file of shippedFiles(slug)) {
        const content = readFileSync(file, 'utf8');
        for (const r of REPLACED_TEXTS) {
          for (const c of citations(content, r.pattern)) found.push(`${file.slice(repositoryRoot.length + 1)} cites ${r.text} (replaced by ${r.by}): …${c}`);
        }
      }
    }
    assert.deepEqual(found, []);
  });

  // The text in force for each procedure at the end of 2026 (docs/legal-basis.md, "The shipped
  // procedures' legal bases", where each source is named).
  test('each procedure cites the text in force for it', async () => {
    const cited = async (slug: string) => ((await load(slug)).catalogue.legalBasis as string[]).join('\n');
    assert.match(await cited('dang-ky-ho-kinh-doanh'), /Nghị định số 168\/2025\/NĐ-CP/); // apolatlegal.com, tlalaw.vn
    assert.match(await cited('dang-ky-ho-kinh-doanh'), /Thông tư số 68\/2025\/TT-BTC/); // english.luatvietnam.vn
    assert.match(await cited('cap-giay-phep-xay-dung-nha-o-rieng-le'), /Nghị định số 175\/2024\/NĐ-CP/); // news.laodong.vn
    assert.match(await cited('cap-giay-phep-xay-dung-nha-o-rieng-le'), /Nghị định số 140\/2025\/NĐ-CP/); // Art. 4 cl. 1, news.laodong.vn
    assert.match(await cited('cap-gcn-quyen-su-dung-dat-lan-dau'), /Nghị định số 151\/2025\/NĐ-CP/); // vietnam.vn, news.laodong.vn
    assert.match(await cited('cap-phieu-ly-lich-tu-phap'), /Luật số 107\/2025\/QH15/); // english.luatvietnam.vn
    assert.match(await cited('cap-phieu-ly-lich-tu-phap'), /Nghị định số 02\/2025\/NĐ-CP/); // news.laodong.vn
    assert.match(await cited('dang-ky-khai-sinh'), /Nghị định số 120\/2025\/NĐ-CP/); // news.laodong.vn, Art. 4
  });

  // The national catalogue's codes (docs/legal-basis.md, "National procedure codes"): 2.000720 is
  // the change of a household business's registration and 1.012756 the first registration of land
  // the State allocates for management, not the procedures shipped here.
  test('each procedure carries the national catalogue code of the procedure it models', async () => {
    const code = async (slug: string) => (await load(slug)).catalogue.code as string;
    assert.equal(await code('dang-ky-ho-kinh-doanh'), '1.001612'); // Đăng ký thành lập hộ kinh doanh
    assert.equal(await code('cap-gcn-quyen-su-dung-dat-lan-dau'), '1.013978'); // first certificate to individuals, Decision 2304/QĐ-BNNMT
  });

  test('household business: the dossier and time of Nghị định 168/2025/NĐ-CP, Điều 99', async () => {
    const { catalogue } = await load('dang-ky-ho-kinh-doanh');
    // Art. 99 cl. 2 (tlalaw.vn/?p=6765): the application on Mẫu số 1, Phụ lục II, Thông tư 68/2025/TT-BTC,
    // and a copy of the members' authorisation when family members register the business together.
    const documents = catalogue.requiredDocuments as { name: string; mandatory: boolean }[];
    assert.deepEqual(documents.map((d) => d.mandatory), [true, false]);
    assert.match(documents[0].name, /Mẫu số 1 Phụ lục II Thông tư số 68\/2025\/TT-BTC/);
    assert.match(documents[1].name, /văn bản ủy quyền/);
    // Art. 99 cl. 3: the certificate within 03 working days of a complete dossier.
    assert.deepEqual(catalogue.processingTime.legal, { value: 3, unit: 'workingDays' });
  });

  test('first land certificate: the registration form and time of Nghị định 151/2025/NĐ-CP', async () => {
    const { catalogue } = await load('cap-gcn-quyen-su-dung-dat-lan-dau');
    // news.laodong.vn: the land registration application is Form 15 of Nghị định 151/2025/NĐ-CP.
    assert.match(catalogue.requiredDocuments[0].name, /Mẫu số 15 ban hành kèm theo Nghị định số 151\/2025\/NĐ-CP/);
    // vietnam.vn, Appendix I: registration at most 17 working days, issuance at most 3.
    assert.equal(catalogue.processingTime.legal.unit, 'workingDays');
    assert.ok(catalogue.processingTime.legal.value <= 17 + 3);
  });

  // Since 1/7/2025 the chairman of the commune People's Committee issues the first certificate to
  // individuals, communities and people of Vietnamese origin abroad (Nghị định 151/2025/NĐ-CP, Điều 5
  // khoản 1; vietnam.vn). Appendix I, Part V, Section C, II (thuvienphapluat.vn, as reproduced in
  // github.com/tnt305/tai_lieu_noi_bo): the one-stop desk receives and forwards the dossier to the
  // commune where the land lies; the commune verifies, posts the notice (Form 17), checks the
  // conditions and sends the tax authority the transfer slip (Form 19). The land registration office
  // is not consulted before the decision.
  test('first land certificate: the commune where the land lies decides, the tax authority is consulted', async () => {
    const { catalogue, xml } = await load('cap-gcn-quyen-su-dung-dat-lan-dau');
    const agencies = JSON.parse(readFileSync(join(repositoryRoot, 'processes', 'agencies.json'), 'utf8')) as { code: string; level: string }[];
    assert.equal(catalogue.level, 'commune');
    assert.equal(catalogue.offeredBy.level, 'commune', 'offered by every commune');
    // The applicant is told which commune: the one where the land lies (Appendix I, Part V, C, II, step 2).
    assert.match(catalogue.offeredBy.choiceHint, /nơi có đất/);
    assert.equal(agencies.find((a) => a.code === catalogue.agency.code)?.level, 'commune');
    assert.deepEqual(catalogue.consultedAgencies.map((a: { code: string }) => a.code), ['CT']);
    assert.match(xml, /Chủ tịch UBND cấp xã quyết định cấp Giấy chứng nhận \(Nghị định số 151\/2025\/NĐ-CP, Điều 5 khoản 1\)/);
    assert.match(xml, /Mẫu số 19/);
    assert.match(catalogue.legalBasis.join('\n'), /Điều 5 khoản 1/);
  });

  // Appendix I, Part V, Section C, II (source as above): the dossier goes to the land registration office
  // to update the cadastral records and the land database. The step's 3 working days are not in the
  // text read (docs/legal-basis.md, "to verify").
  test('first land certificate: the signed dossier is handed to the land registration office', async () => {
    const { xml } = await load('cap-gcn-quyen-su-dung-dat-lan-dau');
    const task = /<bpmn:userTask id="Task_ChuyenVPDK" name="Chuyển Văn phòng đăng ký đất đai">([\s\S]*?)<\/bpmn:userTask>/.exec(xml)?.[1];
    assert.ok(task, 'the hand-over step is in the model');
    assert.match(task, /hồ sơ địa chính, cơ sở dữ liệu đất đai \(Nghị định số 151\/2025\/NĐ-CP, Phụ lục I, Phần V, Mục C, tiểu mục II\)/);
    assert.match(task, /<zeebe:header key="stepDuration" value="P3D" \/>/);
    assert.match(xml, /<bpmn:sequenceFlow id="Flow_ChuyenVPDK" sourceRef="Task_KySoCoQuan" targetRef="Task_ChuyenVPDK" \/>/, 'after the agency seal');
    assert.match(xml, /<bpmn:sequenceFlow id="Flow_45" sourceRef="Task_ChuyenVPDK" targetRef="Task_CoKetQua" \/>/, 'before the result is ready');
  });

  test('a citation of a replaced text is found; a mention of its replacement is not', () => {
    const [decree] = REPLACED_TEXTS;
    assert.equal(citations('Nghị định số 01/2021/NĐ-CP về đăng ký doanh nghiệp', decree.pattern).length, 1);
    assert.equal(citations('Nghị định số 168/2025/NĐ-CP (hiệu lực từ 01/7/2025, thay thế Nghị định số 01/2021/NĐ-CP)', decree.pattern).length, 0);
    assert.equal(citations('Nghị định số 101/2021/NĐ-CP', decree.pattern).length, 0);
  });
});

describe('Handlebars templates', () => {
  const dirs = ['common', ...slugs];
  const files = dirs.flatMap((d) => readdirSync(join(repositoryRoot, 'templates', d)).filter((f) => f.endsWith('.hbs')).map((f) => join(d, f)));
  const hbs = Handlebars.create();
  // Every shared template is also available as a partial under its file name (partial-styles, …).
  for (const f of files.filter((f) => f.startsWith('common/'))) hbs.registerPartial(basename(f, '.hbs'), readFileSync(join(repositoryRoot, 'templates', f), 'utf8'));
  const sample = {
    agency: { parentName: 'UBND tỉnh Quảng Ninh', name: 'Ủy ban nhân dân phường Hồng Hà', receptionUnit: 'Bộ phận Một cửa phường Hồng Hà', place: 'Hồng Hà' },
    document: { number: '125/GP-UBND', place: 'Hồng Hà', date: { day: '12', month: '06', year: '2025' } },
    dossier: { code: 'UBND-XA-HH-250612-0001', procedureName: 'Đăng ký khai sinh', receivedAt: '08 giờ 15 phút, ngày 12/06/2025', dueDate: '11 giờ 15 phút, ngày 12/06/2025', processingTime: '4 giờ làm việc', returnPlace: 'Bộ phận Một cửa', copies: 1, documents: [{ no: 1, name: 'Giấy chứng sinh', form: 'Bản chính' }] },
    applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '022190001234', phone: '0912345678', email: 'nhung@example.vn', address: 'Tổ 3, khu 5, phường Hồng Hà' },
    application: { hoTen: 'Trần Minh Đức', ngaySinh: '10/06/2025', nguoiSuDungHoTen: 'Phạm Văn Dũng', chuDauTuHoTen: 'Lê Thị Ánh', chuHoHoTen: 'Vũ Đức Thắng', tenHoKinhDoanh: 'Hộ kinh doanh Thắng Lợi', loaiPhieu: '1', coTaiSan: true },
    reasons: 'Thiếu bản chính giấy chứng sinh',
    handovers: [{ no: 1, from: 'Bộ phận Một cửa', to: 'Công chức tư pháp - hộ tịch', handedAt: '08 giờ 20, 12/06/2025', result: 'Đúng hạn' }],
    signer: { title: 'Chủ tịch', fullName: 'Đỗ Văn Hùng' },
    qrCode: 'data:image/png;base64,iVBORw0KGgo=',
    verifyUrl: 'https://dichvucong.example.vn/tra-cuu/UBND-XA-HH-250612-0001',
  };

  for (const file of files) {
    test(`${file} compiles and renders Vietnamese text`, () => {
      const html = hbs.compile(readFileSync(join(repositoryRoot, 'templates', file), 'utf8'), { strict: false })(sample);
      if (basename(file).startsWith('partial-')) return assert.ok(html.length > 0);
      if (basename(file).startsWith('thong-bao-')) {
        assert.ok(html.length < 300, 'a short message fit for SMS and e-mail');
        return assert.match(html, /UBND-XA-HH-250612-0001|Ủy ban nhân dân phường Hồng Hà/);
      }
      if (basename(file) === 'so-theo-doi-ho-so.hbs') {
        // The dossier register is a book kept by the centre (form 07 of Circular 03/2025/TT-VPCP), not a letter: no motto, no signature.
        assert.match(html, /Sổ theo dõi hồ sơ/);
        assert.match(html, /Cơ quan chủ trì giải quyết/);
        return assert.match(html, /@page \{ size: A4 landscape/);
      }
      assert.match(html, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
      assert.match(html, /Độc lập - Tự do - Hạnh phúc/);
      assert.match(html, /@page \{ size: A4/);
      assert.match(html, /<html lang="vi">/);
      assert.ok(/Nguyễn Thị Hồng Nhung|Trần Minh Đức|Phạm Văn Dũng|Lê Thị Ánh|Vũ Đức Thắng/.test(html), 'a Vietnamese name is rendered intact');
      if (!file.endsWith('phieu-kiem-soat.hbs')) {
        assert.ok(html.includes(`<img src="${hbs.escapeExpression(sample.qrCode)}"`), 'the verification QR code slot');
        assert.match(html, /Đỗ Văn Hùng/);
      }
    });
  }
});

describe('deployment to the embedded engine', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let engine: EmbeddedWorkflowEngine;
  before(async () => {
    database = await openTestDatabase();
    engine = new EmbeddedWorkflowEngine({ db: database.db, clock: { now: () => new Date() } });
  });
  after(async () => {
    await engine.close();
    await database.close();
  });

  for (const slug of slugs) {
    test(`${slug} deploys and a dossier waits at reception`, async () => {
      const { xml, process, catalogue } = await load(slug);
      const deployment = await engine.deploy([{ name: catalogue.models[0], content: xml }]);
      assert.equal(deployment.processes[0].processDefinitionId, process.id);
      const now = Date.now();
      const instance = await engine.createProcessInstance({
        processDefinitionId: process.id,
        variables: {
          dossierId: '7b0f1c1e-2f59-4a4e-9d0e-3c6f1b5a9e01',
          dossierCode: 'UBND-XA-HH-250612-0001',
          procedureCode: catalogue.code,
          agencyCode: catalogue.agency.code,
          applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '022190001234', phone: '0912345678', email: 'nhung@example.vn', address: 'phường Hồng Hà' },
          application: {},
          channel: 'online',
          hasFee: catalogue.fees.some((f: { amount: number }) => f.amount > 0),
          dueDate: new Date(now + 10 * 86_400_000).toISOString(),
          warningDate: new Date(now + 9 * 86_400_000).toISOString(),
        },
      });
      const tasks = await engine.searchUserTasks({ processInstanceKey: instance.processInstanceKey });
      assert.deepEqual(tasks.map((t) => [t.elementId, t.candidateGroups, t.formKey]), [['Task_TiepNhan', ['reception'], `${slug}-tiep-nhan`]]);
      assert.ok(tasks[0].customHeaders.stepDuration);
    });
  }
});
