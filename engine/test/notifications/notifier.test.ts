import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/environment.js';
import { createNotifier } from '../../src/notifications/notifier.module.js';
import type { Notifier } from '../../src/notifications/notifier.port.js';
import { header, startSmtpServer, textBody } from './smtp-server.js';

const SUBJECT = 'Hồ sơ SXD-250612-0001 đã có kết quả – Giấy phép xây dựng';
const BODY = 'Kính gửi ông Nguyễn Văn Đức,\n\nHồ sơ của ông đã được giải quyết. Mời ông đến Trung tâm Phục vụ Hành chính công nhận kết quả.\nTrân trọng.';

describe('notification providers', () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'mot-cua-notify-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  const notifier = (env: Record<string, string>): Notifier =>
    createNotifier(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ...env }), () => new Date('2030-01-07T08:00:00Z'));

  it('sends e-mail over SMTP with the Vietnamese subject and body intact', async () => {
    const smtp = await startSmtpServer();
    try {
      const mailer = notifier({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Trung tâm Một cửa <no-reply@motcua.test>' });
      await mailer.send({ channel: 'email', to: 'duc@example.vn', subject: SUBJECT, body: BODY, dossierId: '0b7c6f7e-1111-4222-8333-444455556666' });
      assert.equal(smtp.mails.length, 1);
      const [mail] = smtp.mails;
      assert.equal(mail.from, 'no-reply@motcua.test');
      assert.deepEqual(mail.to, ['duc@example.vn']);
      assert.equal(header(mail.data, 'Subject'), SUBJECT);
      assert.equal(header(mail.data, 'From'), 'Trung tâm Một cửa <no-reply@motcua.test>');
      assert.match(header(mail.data, 'Content-Type') ?? '', /charset=utf-8/i);
      assert.equal(header(mail.data, 'X-Dossier-Id'), '0b7c6f7e-1111-4222-8333-444455556666');
      assert.equal(textBody(mail.data).replace(/\r\n/g, '\n').trimEnd(), BODY);
    } finally {
      await smtp.close();
    }
  });

  it('fails when the SMTP server refuses the recipient, so the caller can record the failure', async () => {
    const smtp = await startSmtpServer(['khong-ton-tai@example.vn']);
    try {
      const mailer = notifier({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
      await assert.rejects(mailer.send({ channel: 'email', to: 'khong-ton-tai@example.vn', subject: SUBJECT, body: BODY }), /550|recipient/i);
      assert.equal(smtp.mails.length, 0);
    } finally {
      await smtp.close();
    }
  });

  it('without SMTP_URL e-mails go to the outbox file, and SMS to the SMS outbox with SMS_PROVIDER=file', async () => {
    const local = notifier({ SMS_PROVIDER: 'file' });
    await local.send({ channel: 'email', to: 'an@example.vn', subject: SUBJECT, body: BODY, dossierId: null });
    await local.send({ channel: 'sms', to: '0912345678', subject: 'bỏ qua', body: 'Hồ sơ SXD-250612-0001 đã có kết quả.', dossierId: 'd1' });
    const email = readFileSync(join(dataDir, 'outbox.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(email.map((m) => [m.channel, m.to, m.subject, m.body]), [['email', 'an@example.vn', SUBJECT, BODY]]);
    const sms = readFileSync(join(dataDir, 'sms-outbox.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(sms, [{ at: '2030-01-07T08:00:00.000Z', to: '0912345678', body: 'Hồ sơ SXD-250612-0001 đã có kết quả.', dossierId: 'd1' }]);
  });
});
