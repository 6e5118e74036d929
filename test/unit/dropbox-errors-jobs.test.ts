import { describeDropboxError, errorForTag, mapDropboxError } from '../../src/connectors/dropbox/dropbox-errors.js';
import { awaitJob, type JobPolling } from '../../src/connectors/dropbox/dropbox-jobs.js';
import type { PollResult } from '../../src/connectors/dropbox/dropbox-wire.js';
import type { HttpResult } from '../../src/connectors/shared/http-client.js';
import type { OperationContext } from '../../src/provisioner/spi.js';

const FAST: JobPolling = { initialDelayMs: 5, maxDelayMs: 20, maxWaitMs: 2_000 };

function ctx(signal: AbortSignal = new AbortController().signal, deadline?: number): OperationContext {
  return { signal, operation: 'DELETE', options: {}, ...(deadline === undefined ? {} : { deadline }) };
}

function result(status: number, body: unknown): HttpResult {
  return { status, headers: {}, body, text: typeof body === 'string' ? body : JSON.stringify(body) };
}

async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; message: string };
  }
  throw new Error('expected a rejection');
}

describe('Dropbox error tags', () => {
  test.each([
    ['user_not_found', 'UnknownUidError'],
    ['id_not_found', 'UnknownUidError'],
    ['group_not_found', 'UnknownUidError'],
    ['user_already_on_team', 'AlreadyExistsError'],
    ['group_name_already_used', 'AlreadyExistsError'],
    ['email_reserved_for_other_user', 'AlreadyExistsError'],
    ['system_managed_group_disallowed', 'InvalidArgumentError'],
    ['remove_last_admin', 'InvalidArgumentError'],
    ['invalid_cursor', 'InvalidArgumentError'],
    ['role_not_found', 'InvalidAttributeValueError'],
    ['user_cannot_be_manager_of_company_managed_group', 'InvalidAttributeValueError'],
    ['other', 'ConnectorError'],
  ])('when Dropbox answers %s, then the connector throws %s', (tag, name) => {
    expect(errorForTag(tag, 'Dropbox x', `${tag}/...`).name).toBe(name);
  });

  test('when a 409 comes back, then its error .tag decides and the summary is in the message', () => {
    const error = mapDropboxError(
      result(409, { error_summary: 'group_name_already_used/...', error: { '.tag': 'group_name_already_used' }, user_message: { text: 'Name taken', locale: 'en' } }),
      { method: 'POST', path: '/team/groups/create', what: 'Dropbox team/groups/create' },
    );
    expect(error?.name).toBe('AlreadyExistsError');
    expect(error?.message).toBe('Dropbox team/groups/create failed: group_name_already_used/...: Name taken');
  });

  test('when another status comes back, then the shared status table is left to decide', () => {
    expect(mapDropboxError(result(429, { error_summary: 'too_many_requests/...' }), { method: 'POST', path: '/x' })).toBeUndefined();
    expect(mapDropboxError(result(400, 'Error in call to API function "x": bad'), { method: 'POST', path: '/x' })).toBeUndefined();
  });

  test('when errors are described, then summaries, token-endpoint errors and plain text are used', () => {
    expect(describeDropboxError(result(401, { error_summary: 'expired_access_token/..', error: { '.tag': 'expired_access_token' } }))).toBe('expired_access_token/..');
    expect(describeDropboxError(result(400, { error: 'invalid_grant', error_description: 'refresh token is invalid or revoked' }))).toBe('invalid_grant');
    expect(describeDropboxError(result(400, 'Error in call to API function "team/members/list_v2": request body: limit'))).toMatch(/^Error in call/);
    expect(describeDropboxError(result(500, ''))).toBeUndefined();
  });
});

describe('Dropbox async jobs', () => {
  test('when the launch is already complete, then nothing is polled and its payload comes back', async () => {
    let polls = 0;
    const poll = (): Promise<PollResult<string>> => {
      polls++;
      return Promise.resolve({ '.tag': 'in_progress' });
    };
    await expect(awaitJob<string>({ '.tag': 'complete', complete: 'done' }, poll, ctx(), 'job', FAST)).resolves.toBe('done');
    expect(polls).toBe(0);
  });

  test('when the job is in progress twice, then it is polled until complete with growing pauses', async () => {
    const answers: PollResult[] = [{ '.tag': 'in_progress' }, { '.tag': 'in_progress' }, { '.tag': 'complete' }];
    const times: number[] = [];
    const poll = (id: string): Promise<PollResult> => {
      expect(id).toBe('dbjid:1');
      times.push(Date.now());
      return Promise.resolve(answers.shift()!);
    };
    await awaitJob({ '.tag': 'async_job_id', async_job_id: 'dbjid:1' }, poll, ctx(), 'job', FAST);
    expect(times).toHaveLength(3);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(times[1]! - times[0]! - 2);
  });

  test('when Dropbox reports the job failed, then ConnectorError carries its message', async () => {
    const error = await rejection(awaitJob({ '.tag': 'async_job_id', async_job_id: 'j' }, () => Promise.resolve({ '.tag': 'failed', failed: 'no space' }), ctx(), 'Dropbox x', FAST));
    expect(error.name).toBe('ConnectorError');
    expect(error.message).toBe('Dropbox x: Dropbox job j failed: no space');
  });

  test('when the operation is cancelled while waiting, then OperationTimeoutError', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await rejection(awaitJob({ '.tag': 'async_job_id', async_job_id: 'j' }, () => Promise.resolve({ '.tag': 'in_progress' }), ctx(controller.signal), 'job', FAST));
    expect(error.name).toBe('OperationTimeoutError');
  });

  test('when the deadline passes with the job in progress, then OperationTimeoutError names the job', async () => {
    const error = await rejection(awaitJob({ '.tag': 'async_job_id', async_job_id: 'j' }, () => Promise.resolve({ '.tag': 'in_progress' }), ctx(undefined, Date.now() + 60), 'job', FAST));
    expect(error.name).toBe('OperationTimeoutError');
    expect(error.message).toMatch(/job j was still in progress/);
  });
});
