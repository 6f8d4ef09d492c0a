// Following an ISC task to its end with a cancellable progress notification. Cancelling
// stops following; the task goes on in ISC (there is no API to stop it), and the user is
// told so.
import * as vscode from 'vscode';
import type { IscApi } from '../isc/api';
import type { TaskStatus } from '../isc/models';
import { CancelledError, isCancellation } from '../ui/error-text';
import type { CommandContext } from './context';

export const CANCEL_NOTE = 'Cancel stops following; the task keeps running in ISC.';

export interface FollowTaskOptions {
  title: string;
  /** Sends the request that starts the task; never aborted, so its outcome is always known. */
  start: (client: IscApi) => Promise<{ id?: string } | undefined>;
  tenantId: string;
}

/** Starts the task and waits for it; resolves with its final status (undefined if ISC gave no task id). */
export async function followTask(ctx: CommandContext, options: FollowTaskOptions): Promise<TaskStatus | undefined> {
  const client = await ctx.clients.forTenant(options.tenantId);
  let taskId: string | undefined;
  try {
    const status = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: options.title, cancellable: true },
      async (progress, token) => {
        progress.report({ message: 'sending…' });
        const started = await options.start(client);
        taskId = started?.id;
        if (!taskId) return undefined;
        ctx.log.info(`${options.title}: task ${taskId} started`);
        progress.report({ message: `task ${taskId} running. ${CANCEL_NOTE}` });
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          let reported = 0;
          return await client.waitForTask(taskId, {
            signal: controller.signal,
            onProgress: (task) => {
              const percent = Math.max(0, Math.min(100, task.percentComplete ?? 0));
              progress.report({ increment: percent - reported, message: `${percent}% · ${CANCEL_NOTE}` });
              reported = percent;
            },
          });
        } finally {
          subscription.dispose();
        }
      },
    );
    if (status?.completionStatus === 'WARNING') {
      const texts = status.messages.map((m) => m.localizedText?.message ?? m.key).filter(Boolean);
      void ctx.ui.notify('warning', `${options.title} finished with warnings${texts.length ? `: ${texts.join('; ')}` : '.'}`);
    }
    return status;
  } catch (error) {
    if (isCancellation(error) && taskId) {
      ctx.log.info(`${options.title}: stopped following task ${taskId}`);
      void ctx.ui.notify('info', `Stopped following "${options.title}". The task ${taskId} keeps running in ISC.`);
      throw new CancelledError();
    }
    throw error;
  }
}
