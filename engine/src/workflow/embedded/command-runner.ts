import { EventEmitter } from 'node:events';
import type { Database, Transaction } from '../../database/database.js';
import type { WorkflowError } from '../workflow-engine.port.js';
import { startBufferedMessageInstance } from './messages.js';
import { DecisionCache } from './runtime/decisions.js';
import { DefinitionCache } from './runtime/definitions.js';
import { correlateBufferedMessage } from './runtime/behaviors/event-subscriptions.js';
import { runAgenda } from './runtime/behaviors/transitions.js';
import { Execution, type CommandBudget } from './runtime/execution.js';
import { KeyAllocator } from './runtime/keys.js';
import type { InstanceTree } from './runtime/state.js';
import { flush, loadTree } from './runtime/store.js';
import { deliverSignals, recordBroadcast, type PendingSignal } from './signals.js';

export interface Clock {
  now(): Date;
}

/** PostgreSQL errors after which a command is simply run again. */
const retryableCodes = new Set(['40001', '40P01']);

/**
 * What every command of the engine shares: the database, the clock, key allocation, the cache of
 * deployed definitions and the wake-up signals of job workers. Commands run in a transaction that is
 * retried on serialisation failures and deadlocks; a command on an instance tree advances every
 * token to its next wait state and writes the tree before the transaction commits.
 */
export class CommandRunner {
  readonly keys = new KeyAllocator();
  readonly definitions = new DefinitionCache();
  readonly decisions = new DecisionCache();
  private readonly signals = new EventEmitter();
  /** Signal deliveries each open transaction queues for after its commit. */
  private readonly broadcasts = new WeakMap<Transaction, PendingSignal[]>();

  constructor(
    readonly db: Database,
    readonly clock: Clock,
    private readonly budget: CommandBudget,
  ) {
    this.signals.setMaxListeners(0);
  }

  /** Runs `run` in a transaction; the signals it broadcast are delivered once it committed, before answering. */
  async transaction<T>(run: (tx: Transaction) => Promise<T>): Promise<T> {
    const queue: PendingSignal[] = [];
    const result = await this.transactionQueuing(queue, run);
    await deliverSignals(this, queue);
    return result;
  }

  /**
   * A runner whose transactions are savepoints of the caller's `outer` transaction, so its commands
   * commit or roll back with the caller's rows. Signals and job wake-ups wait for `afterCommit`.
   */
  joining(outer: Transaction): { runner: CommandRunner; afterCommit: () => Promise<void> } {
    const signals: PendingSignal[] = [];
    const jobTypes = new Set<string>();
    const joined = Object.create(this) as CommandRunner;
    Object.defineProperty(joined, 'db', { value: outer });
    joined.transaction = (run) => this.transactionQueuing(signals, (tx) => run(tx), outer);
    joined.wake = (types) => types.forEach((type) => jobTypes.add(type));
    return {
      runner: joined,
      afterCommit: async () => {
        await deliverSignals(this, signals.splice(0));
        this.wake(jobTypes);
      },
    };
  }

  /** Runs `run` in a transaction and appends the signal deliveries it recorded to `queue` once it committed. */
  async transactionQueuing<T>(queue: PendingSignal[], run: (tx: Transaction) => Promise<T>, within: Database | Transaction = this.db): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const recorded: PendingSignal[] = [];
      try {
        const result = await within.transaction((tx) => {
          this.broadcasts.set(tx, recorded);
          return run(tx);
        });
        queue.push(...recorded);
        return result;
      } catch (error) {
        const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
        if (attempt >= 5 || !code || !retryableCodes.has(code)) throw error;
      }
    }
  }

  /** Signal deliveries written in `tx`, to run after it commits. */
  afterCommit(tx: Transaction, deliveries: PendingSignal[]): void {
    this.broadcasts.get(tx)?.push(...deliveries);
  }

  /** Runs a command on a locked instance tree, then writes the tree and wakes workers of new jobs. */
  async command<T>(
    tx: Transaction,
    tree: InstanceTree,
    run: (execution: Execution) => Promise<T>,
    now = this.clock.now(),
  ): Promise<{ result: T; jobTypes: Set<string> }> {
    const execution = new Execution(
      tx,
      tree,
      { keys: this.keys, definitions: this.definitions, decisions: this.decisions, ...this.budget },
      now,
    );
    const result = await run(execution);
    do await runAgenda(execution);
    while (await correlateBufferedMessage(execution));
    await flush(tx, tree, execution.effects);
    for (const signal of execution.effects.signals) await recordBroadcast(this, tx, signal.name, signal.variables);
    const jobTypes = execution.effects.jobTypes;
    for (const followUp of execution.followUps) {
      for (const type of await startBufferedMessageInstance(this, tx, followUp.bpmnProcessId, followUp.correlationKey)) jobTypes.add(type);
    }
    return { result, jobTypes };
  }

  async onTree<T>(
    rootKey: number,
    run: (execution: Execution, tx: Transaction) => Promise<T>,
    missing: () => WorkflowError,
  ): Promise<T> {
    const { result, jobTypes } = await this.transaction(async (tx) => {
      const loaded = await loadTree(tx, rootKey, this.definitions);
      if (!loaded) throw missing();
      return this.command(tx, loaded.tree, (execution) => run(execution, tx));
    });
    this.wake(jobTypes);
    return result;
  }

  wake(jobTypes: Set<string>): void {
    for (const type of jobTypes) this.signals.emit(`jobs:${type}`);
  }

  /** Resolves when jobs of this type may have been created in this process, or after `ms`, whichever comes first. */
  waitForJobs(type: string, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.signals.off(`jobs:${type}`, done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.signals.on(`jobs:${type}`, done);
    });
  }
}
