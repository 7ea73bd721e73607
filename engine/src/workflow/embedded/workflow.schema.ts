import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { jsonValue } from '../../database/json-value.js';
import type { JobKind, JobListenerEventType, UserTaskState } from '../workflow-engine.port.js';

/**
 * State of the embedded workflow engine. Every key comes from one sequence, handed out in blocks of
 * 1,000 so that a command allocates keys without a round-trip per key; keys stay unique across processes.
 */
export const wfKeySequence = pgSequence('wf_key_seq', { startWith: 2251799813685249, increment: 1000 });

const key = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const wfDeployments = pgTable('wf_deployments', {
  key: key('key').primaryKey(),
  createdAt: at('created_at').notNull(),
});

export const wfProcessDefinitions = pgTable(
  'wf_process_definitions',
  {
    key: key('key').primaryKey(),
    bpmnProcessId: text('bpmn_process_id').notNull(),
    version: integer('version').notNull(),
    resourceName: text('resource_name').notNull(),
    /** SHA-256 of the resource: a redeployment of unchanged content keeps the version. */
    checksum: text('checksum').notNull(),
    deploymentKey: key('deployment_key').notNull(),
    xml: text('xml').notNull(),
    /** The compiled definition the interpreter runs (see model/definition.ts). */
    definition: jsonb('definition').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [uniqueIndex('wf_process_definitions_id_version_idx').on(t.bpmnProcessId, t.version)],
);

/** A deployed DMN resource (Zeebe's decision requirements): versioned per DRG id like a process. */
export const wfDecisionRequirements = pgTable(
  'wf_decision_requirements',
  {
    key: key('key').primaryKey(),
    decisionRequirementsId: text('decision_requirements_id').notNull(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    resourceName: text('resource_name').notNull(),
    /** SHA-256 of the resource: a redeployment of unchanged content keeps the version. */
    checksum: text('checksum').notNull(),
    deploymentKey: key('deployment_key').notNull(),
    xml: text('xml').notNull(),
    /** The parsed graph the evaluator runs (see dmn/model.ts). */
    definition: jsonb('definition').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [uniqueIndex('wf_decision_requirements_id_version_idx').on(t.decisionRequirementsId, t.version)],
);

/** One decision of a deployed DRG, versioned per decision id (what business rule tasks call). */
export const wfDecisions = pgTable(
  'wf_decisions',
  {
    key: key('key').primaryKey(),
    decisionId: text('decision_id').notNull(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    decisionRequirementsKey: key('decision_requirements_key').notNull(),
    decisionRequirementsId: text('decision_requirements_id').notNull(),
    deploymentKey: key('deployment_key').notNull(),
    /** zeebe:versionTag of the decision (business rule tasks with binding type versionTag). */
    versionTag: text('version_tag'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [uniqueIndex('wf_decisions_id_version_idx').on(t.decisionId, t.version)],
);

export const wfProcessInstances = pgTable(
  'wf_process_instances',
  {
    key: key('key').primaryKey(),
    /** Top of the call-activity tree: commands lock this row, so a tree advances one command at a time. */
    rootKey: key('root_key').notNull(),
    parentProcessInstanceKey: key('parent_process_instance_key'),
    parentElementInstanceKey: key('parent_element_instance_key'),
    processDefinitionKey: key('process_definition_key').notNull(),
    bpmnProcessId: text('bpmn_process_id').notNull(),
    version: integer('version').notNull(),
    state: text('state').notNull().$type<'ACTIVE' | 'COMPLETED' | 'TERMINATED'>(),
    /** Correlation key of the message that started it: one active instance per key and process. */
    startCorrelationKey: text('start_correlation_key'),
    incidentCount: integer('incident_count').notNull().default(0),
    startDate: at('start_date').notNull(),
    endDate: at('end_date'),
  },
  (t) => [
    index('wf_process_instances_root_idx').on(t.rootKey),
    index('wf_process_instances_bpmn_idx').on(t.bpmnProcessId, t.state),
  ],
);

export const wfElementInstances = pgTable(
  'wf_element_instances',
  {
    key: key('key').primaryKey(),
    processInstanceKey: key('process_instance_key').notNull(),
    rootKey: key('root_key').notNull(),
    /** Enclosing element instance (flow scope); null for the process itself. */
    scopeKey: key('scope_key'),
    elementId: text('element_id').notNull(),
    elementName: text('element_name'),
    elementType: text('element_type').notNull(),
    state: text('state').notNull().$type<'ACTIVE' | 'COMPLETED' | 'TERMINATED'>(),
    /** Runtime data the interpreter keeps per instance: joins, multi-instance progress, waits. */
    data: jsonb('data').notNull().default({}),
    loopCounter: integer('loop_counter'),
    incidentKey: key('incident_key'),
    startDate: at('start_date').notNull(),
    endDate: at('end_date'),
  },
  (t) => [
    index('wf_element_instances_active_idx').on(t.rootKey).where(sql`${t.state} = 'ACTIVE'`),
    index('wf_element_instances_process_idx').on(t.processInstanceKey),
  ],
);

export const wfVariables = pgTable(
  'wf_variables',
  {
    scopeKey: key('scope_key').notNull(),
    name: text('name').notNull(),
    value: jsonValue('value'),
    processInstanceKey: key('process_instance_key').notNull(),
    rootKey: key('root_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scopeKey, t.name] }), index('wf_variables_root_idx').on(t.rootKey)],
);

export const wfJobs = pgTable(
  'wf_jobs',
  {
    key: key('key').primaryKey(),
    type: text('type').notNull(),
    state: text('state')
      .notNull()
      .$type<'ACTIVATABLE' | 'ACTIVATED' | 'FAILED' | 'COMPLETED' | 'CANCELED' | 'ERROR_THROWN'>(),
    retries: integer('retries').notNull(),
    worker: text('worker'),
    /** When ACTIVATABLE: end of the retry back-off; when ACTIVATED: the deadline. Due rows can be activated. */
    availableAt: at('available_at').notNull(),
    customHeaders: jsonb('custom_headers').notNull().default({}),
    errorMessage: text('error_message'),
    /** Zeebe's JobKind: the element's own job, or a listener's (which the element waits for before it goes on). */
    kind: text('kind').notNull().$type<JobKind>().default('BPMN_ELEMENT'),
    /** Zeebe's JobListenerEventType: which event a listener job is for (UNSPECIFIED for BPMN_ELEMENT jobs). */
    listenerEventType: text('listener_event_type').notNull().$type<JobListenerEventType>().default('UNSPECIFIED'),
    processInstanceKey: key('process_instance_key').notNull(),
    rootKey: key('root_key').notNull(),
    elementInstanceKey: key('element_instance_key').notNull(),
    elementId: text('element_id').notNull(),
    processDefinitionKey: key('process_definition_key').notNull(),
    bpmnProcessId: text('bpmn_process_id').notNull(),
    processDefinitionVersion: integer('process_definition_version').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    index('wf_jobs_activatable_idx')
      .on(t.type, t.availableAt)
      .where(sql`${t.state} in ('ACTIVATABLE', 'ACTIVATED')`),
    index('wf_jobs_element_idx').on(t.elementInstanceKey),
  ],
);

export const wfUserTasks = pgTable(
  'wf_user_tasks',
  {
    key: key('key').primaryKey(),
    /** ASSIGNING / COMPLETING while task listeners run (Camunda 8.8's transitional states). */
    state: text('state').notNull().$type<UserTaskState>(),
    processInstanceKey: key('process_instance_key').notNull(),
    rootKey: key('root_key').notNull(),
    elementInstanceKey: key('element_instance_key').notNull(),
    elementId: text('element_id').notNull(),
    name: text('name'),
    processDefinitionKey: key('process_definition_key').notNull(),
    bpmnProcessId: text('bpmn_process_id').notNull(),
    assignee: text('assignee'),
    candidateGroups: jsonb('candidate_groups').notNull().$type<string[]>().default([]),
    candidateUsers: jsonb('candidate_users').notNull().$type<string[]>().default([]),
    dueDate: at('due_date'),
    followUpDate: at('follow_up_date'),
    formKey: text('form_key'),
    customHeaders: jsonb('custom_headers').notNull().$type<Record<string, string>>().default({}),
    creationDate: at('creation_date').notNull(),
    completionDate: at('completion_date'),
  },
  (t) => [
    index('wf_user_tasks_state_idx').on(t.state, t.assignee),
    index('wf_user_tasks_process_idx').on(t.processInstanceKey),
    index('wf_user_tasks_element_idx').on(t.elementInstanceKey),
  ],
);

export const wfTimers = pgTable(
  'wf_timers',
  {
    key: key('key').primaryKey(),
    dueDate: at('due_date').notNull(),
    /** Owner of a catch/boundary/event-sub-process timer; null for a timer start event. */
    elementInstanceKey: key('element_instance_key'),
    processInstanceKey: key('process_instance_key'),
    rootKey: key('root_key'),
    /** The timer event's element id. */
    elementId: text('element_id').notNull(),
    processDefinitionKey: key('process_definition_key').notNull(),
    /** Remaining repetitions of a cycle (-1 = unbounded), with its interval. */
    repetitions: integer('repetitions').notNull().default(0),
    interval: text('interval'),
  },
  (t) => [index('wf_timers_due_idx').on(t.dueDate), index('wf_timers_element_idx').on(t.elementInstanceKey)],
);

export const wfMessageSubscriptions = pgTable(
  'wf_message_subscriptions',
  {
    key: key('key').primaryKey(),
    messageName: text('message_name').notNull(),
    /** Null for a message start event (any key). */
    correlationKey: text('correlation_key'),
    /** Null for a message start event, whose subscription belongs to the definition. */
    elementInstanceKey: key('element_instance_key'),
    processInstanceKey: key('process_instance_key'),
    rootKey: key('root_key'),
    elementId: text('element_id').notNull(),
    processDefinitionKey: key('process_definition_key').notNull(),
    bpmnProcessId: text('bpmn_process_id').notNull(),
  },
  (t) => [
    index('wf_message_subscriptions_name_idx').on(t.messageName, t.correlationKey),
    index('wf_message_subscriptions_element_idx').on(t.elementInstanceKey),
  ],
);

/**
 * Signal subscriptions (Zeebe's SignalSubscriptionState): a signal start event of the latest version
 * of a process (no element instance), or a waiting catch event, boundary event or event sub-process
 * start, opened when its element is activated and closed when it is left.
 */
export const wfSignalSubscriptions = pgTable(
  'wf_signal_subscriptions',
  {
    key: key('key').primaryKey(),
    signalName: text('signal_name').notNull(),
    /** Null for a signal start event, whose subscription belongs to the definition. */
    elementInstanceKey: key('element_instance_key'),
    processInstanceKey: key('process_instance_key'),
    rootKey: key('root_key'),
    elementId: text('element_id').notNull(),
    processDefinitionKey: key('process_definition_key').notNull(),
    bpmnProcessId: text('bpmn_process_id').notNull(),
  },
  (t) => [
    index('wf_signal_subscriptions_name_idx').on(t.signalName),
    index('wf_signal_subscriptions_element_idx').on(t.elementInstanceKey),
  ],
);

/**
 * A broadcast signal not yet delivered to one of the subscriptions that existed when it was
 * broadcast: written with the broadcast, deleted by the delivery, so a crash in between loses nothing.
 */
export const wfPendingSignals = pgTable('wf_pending_signals', {
  key: key('key').primaryKey(),
  signalKey: key('signal_key').notNull(),
  subscriptionKey: key('subscription_key').notNull(),
  /** Null for a start event subscription (a new instance is started). */
  rootKey: key('root_key'),
  variables: jsonb('variables').notNull(),
  createdAt: at('created_at').notNull(),
});

export const wfMessages = pgTable(
  'wf_messages',
  {
    key: key('key').primaryKey(),
    name: text('name').notNull(),
    correlationKey: text('correlation_key').notNull(),
    variables: jsonb('variables').notNull().default({}),
    messageId: text('message_id'),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [
    index('wf_messages_name_idx').on(t.name, t.correlationKey),
    index('wf_messages_id_idx').on(t.name, t.messageId),
    index('wf_messages_expiry_idx').on(t.expiresAt),
  ],
);

/** A message correlates once per process instance, and starts at most one instance per BPMN process id. */
export const wfMessageCorrelations = pgTable(
  'wf_message_correlations',
  {
    messageKey: key('message_key').notNull(),
    /** A process instance key, or "process:<bpmn process id>" for message start events. */
    target: text('target').notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageKey, t.target] })],
);

/** Correlations decided by a publish, executed right after it commits (and after a crash, by the scheduler). */
export const wfPendingCorrelations = pgTable('wf_pending_correlations', {
  key: key('key').primaryKey(),
  messageKey: key('message_key').notNull(),
  subscriptionKey: key('subscription_key').notNull(),
  rootKey: key('root_key'),
  createdAt: at('created_at').notNull(),
});

export const wfIncidents = pgTable(
  'wf_incidents',
  {
    key: key('key').primaryKey(),
    processInstanceKey: key('process_instance_key').notNull(),
    rootKey: key('root_key').notNull(),
    elementInstanceKey: key('element_instance_key').notNull(),
    elementId: text('element_id').notNull(),
    jobKey: key('job_key'),
    errorType: text('error_type').notNull(),
    errorMessage: text('error_message').notNull(),
    state: text('state').notNull().$type<'ACTIVE' | 'RESOLVED'>(),
    creationTime: at('creation_time').notNull(),
    resolvedTime: at('resolved_time'),
  },
  (t) => [index('wf_incidents_process_idx').on(t.processInstanceKey), index('wf_incidents_state_idx').on(t.state)],
);
