import { EventEmitter } from 'node:events';
import type { SQL } from 'drizzle-orm';
import type { Database, Transaction } from '../../database/database.js';
import { pipelinedTransaction } from '../../database/pipelined-transaction.js';
import type { WorkflowError } from '../workflow-engine.port.js';
import { startBufferedMessageInstance } from './messages.js';
import { DecisionCache } from './runtime/decisions.js';
import { DefinitionCache } from './runtime/definitions.js';
import { correlateBufferedMessage } from './runtime/behaviors/event-subscriptions.js';
import { runAgenda } from './runtime/behaviors/transitions.js';
import { Execution, type CommandBudget } from './runtime/execution.js';
import { KeyAllocator } from './runtime/keys.js';
import type { InstanceTree } from './runtime/state.js';
import { flushStatements, treeFromRows, treeLoadStatements, type LoadedTree, type TreeLoadOptions } from './runtime/store.js';
import { deliverSignals, recordBroadcast, type PendingSignal } from './signals.js';

export interface Clock {
  now(): Date;
}

/** PostgreSQL errors after which a command is simply run again. */
const retryableCodes = new Set(['40001', '40P01']);

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code !== undefined && retryableCodes.has(code);
}

/** A command's answer, the job types it created and the writes still to send (see CommandRunner.command). */
export interface CommandOutcome<T> {
  result: T;
  jobTypes: Set<string>;
  closing: SQL[];
}

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
  /** Whether locked commands send their lock with BEGIN and their writes with COMMIT (not inside a caller's transaction). */
  private pipelines = true;
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
    Object.defineProperty(joined, 'pipelines', { value: false });
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
        if (attempt >= 5 || !isRetryable(error)) throw error;
      }
    }
  }

  /** Signal deliveries written in `tx`, to run after it commits. */
  afterCommit(tx: Transaction, deliveries: PendingSignal[]): void {
    this.broadcasts.get(tx)?.push(...deliveries);
  }

  /**
   * Runs a command on a locked instance tree, then writes the tree and wakes workers of new jobs.
   * With `deferWrites`, the writes come back in `closing` for the caller to send with COMMIT,
   * unless the command broadcast signals or started instances, which must read them.
   */
  async command<T>(
    tx: Transaction,
    tree: InstanceTree,
    run: (execution: Execution) => Promise<T>,
    now = this.clock.now(),
    { deferWrites = false } = {},
  ): Promise<CommandOutcome<T>> {
    const execution = new Execution(
      tx,
      tree,
      { keys: this.keys, definitions: this.definitions, decisions: this.decisions, ...this.budget },
      now,
    );
    const result = await run(execution);
    do await runAgenda(execution);
    while (await correlateBufferedMessage(execution));
    const writes = flushStatements(tx, tree, execution.effects);
    const jobTypes = execution.effects.jobTypes;
    if (deferWrites && execution.effects.signals.length === 0 && execution.followUps.length === 0) {
      return { result, jobTypes, closing: writes };
    }
    for (const statement of writes) await tx.execute(statement);
    for (const signal of execution.effects.signals) await recordBroadcast(this, tx, signal.name, signal.variables);
    for (const followUp of execution.followUps) {
      for (const type of await startBufferedMessageInstance(this, tx, followUp.bpmnProcessId, followUp.correlationKey)) jobTypes.add(type);
    }
    return { result, jobTypes, closing: [] };
  }

  /**
   * Locks and loads the tree of `root` (see loadTree), hands it to `run` (undefined when the tree is
   * no longer active), then writes what `run`'s command left in `closing` and commits (see
   * commandInTransaction).
   */
  lockedCommand<T>(
    root: number | string,
    options: TreeLoadOptions,
    run: (tx: Transaction, loaded: LoadedTree | undefined) => Promise<CommandOutcome<T>>,
  ): Promise<T> {
    return this.commandInTransaction(treeLoadStatements(root, options), async (tx, opened) =>
      run(tx, await treeFromRows(tx, opened, this.definitions)),
    );
  }

  /**
   * Runs `opening`, hands its row sets to `run`, writes what `run`'s command left in `closing`,
   * commits, then delivers signals and wakes workers. Outside a caller's transaction, `opening`
   * travels with BEGIN and the writes with COMMIT: two round trips for a whole command (see
   * pipelinedTransaction). Retried on serialisation failures and deadlocks.
   */
  async commandInTransaction<T>(
    opening: SQL[],
    run: (tx: Transaction, opened: Record<string, unknown>[][]) => Promise<CommandOutcome<T>>,
  ): Promise<T> {
    const { result, jobTypes } = this.pipelines
      ? await this.pipelinedCommand(opening, run)
      : await this.transaction(async (tx) => {
          const opened: Record<string, unknown>[][] = [];
          for (const statement of opening) opened.push(((await tx.execute(statement)) as unknown as { rows: Record<string, unknown>[] }).rows);
          const outcome = await run(tx, opened);
          for (const statement of outcome.closing) await tx.execute(statement);
          return outcome;
        });
    this.wake(jobTypes);
    return result;
  }

  private async pipelinedCommand<T>(
    opening: SQL[],
    run: (tx: Transaction, opened: Record<string, unknown>[][]) => Promise<CommandOutcome<T>>,
  ): Promise<CommandOutcome<T>> {
    for (let attempt = 1; ; attempt++) {
      const recorded: PendingSignal[] = [];
      try {
        const outcome = await pipelinedTransaction(this.db, opening, async (tx, opened) => {
          this.broadcasts.set(tx, recorded);
          const done = await run(tx, opened);
          return { value: done, closing: done.closing };
        });
        await deliverSignals(this, recorded);
        return outcome;
      } catch (error) {
        if (attempt >= 5 || !isRetryable(error)) throw error;
      }
    }
  }

  async onTree<T>(
    rootKey: number,
    run: (execution: Execution, tx: Transaction) => Promise<T>,
    missing: () => WorkflowError,
  ): Promise<T> {
    return this.lockedCommand(rootKey, {}, async (tx, loaded) => {
      if (!loaded) throw missing();
      return this.command(tx, loaded.tree, (execution) => run(execution, tx), undefined, { deferWrites: true });
    });
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
