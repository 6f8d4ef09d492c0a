// Asynchronous account work, as ISC does it: the request answers 202 with a task id at once,
// and the change happens when the task completes, `taskDurationMs` (as set when the task
// started) later. Only then is its ledger entry marked applied, so a fault suite can count
// what really happened.
import type { LedgerEntry } from './ledger';
import type { AppliedActionKind, SandboxTask } from './records';
import type { SandboxTenant } from './tenant';

export interface TaskSpec {
  action: AppliedActionKind;
  targetId: string;
  targetName: string | null;
  targetType?: 'IDENTITY';
  launcher: string;
  /** The request's ledger entry (pending until the task ends). */
  change: LedgerEntry;
  /** Makes the change; returns a message when it cannot (the task then ends in ERROR). */
  apply: () => string | undefined;
}

const TASK_NAMES: Readonly<Record<AppliedActionKind, string>> = {
  create: 'Create Account',
  put: 'Update Account',
  patch: 'Patch Account',
  delete: 'Delete Account',
  remove: 'Remove Account',
  'remove-all': 'Remove All Accounts',
  enable: 'Enable Account',
  disable: 'Disable Account',
  unlock: 'Unlock Account',
  reload: 'Reload Account',
  'identity-enable': 'Enable IdentityNow Account',
  'identity-disable': 'Disable IdentityNow Account',
};

export class TaskRunner {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly tenant: SandboxTenant,
    private readonly durationMs: () => number,
  ) {}

  submit(spec: TaskSpec): SandboxTask {
    const task: SandboxTask = {
      id: this.tenant.newTaskId(),
      action: spec.action,
      targetId: spec.targetId,
      targetName: spec.targetName,
      targetType: spec.targetType ?? null,
      uniqueName: TASK_NAMES[spec.action],
      description: `${TASK_NAMES[spec.action]} ${spec.targetName ?? spec.targetId}`,
      launcher: spec.launcher,
      created: Date.now(),
      durationMs: this.durationMs(),
      state: 'RUNNING',
      completed: null,
      errorMessage: null,
    };
    this.tenant.addTask(task);
    spec.change.taskId = task.id;
    this.schedule(task, spec);
    return task;
  }

  /** Stops pending tasks (they stay RUNNING and never apply). */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Completes the task once `durationMs` have passed by the wall clock (timers may fire a
   * millisecond early; a task must never apply before its time). */
  private schedule(task: SandboxTask, spec: TaskSpec): void {
    const remaining = task.created + task.durationMs - Date.now();
    if (remaining <= 0) {
      this.complete(task, spec);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.schedule(task, spec);
    }, remaining);
    this.timers.add(timer);
  }

  private complete(task: SandboxTask, spec: TaskSpec): void {
    let failure: string | undefined;
    try {
      failure = spec.apply();
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    task.completed = Date.now();
    if (failure === undefined) {
      task.state = 'SUCCESS';
      this.tenant.changeLedger.markApplied(spec.change);
    } else {
      task.state = 'ERROR';
      task.errorMessage = failure;
      this.tenant.changeLedger.markFailed(spec.change, failure);
    }
  }
}
