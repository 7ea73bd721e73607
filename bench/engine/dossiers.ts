/**
 * What the engine benchmark's driver does with a dossier in the arms it measures the engine against
 * (the floor, bpmn-engine): start it, find its open task, complete that task.
 */
export interface Dossiers {
  start(applicant: number): Promise<string>;
  /** The officer's (or worker's) worklist: the dossier's open task for this step, if it is there yet. */
  openTask(instance: string, step: number): Promise<string | undefined>;
  complete(instance: string, task: string, step: number): Promise<void>;
}
