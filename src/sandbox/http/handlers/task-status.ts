// GET /task-status/{id} (beta, v2024).
import { notFound } from '../errors';
import type { ApiResponse, RequestContext } from '../router';
import { taskStatusView } from '../../state/openapi-json';

export function getTaskStatus(context: RequestContext): ApiResponse {
  const task = context.tenant.task(context.params.id);
  if (!task) throw notFound(`Referenced task "${context.params.id}" was not found.`);
  return { status: 200, body: taskStatusView(task, Date.now()) };
}
