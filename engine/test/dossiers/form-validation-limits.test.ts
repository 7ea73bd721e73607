import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkForm, type FormSchema } from '../../src/dossiers/form-validation.js';

/**
 * A form's hide conditions are FEEL evaluated on the applicant's data at every submission (issue
 * "Hardening", finding 3: a FEEL expression of a million steps blocked every request). A condition
 * stopped at the FEEL limits leaves its field visible, so it is still checked.
 */
describe('form checks within the FEEL limits', () => {
  test('a hide condition of a hundred million steps is stopped and the field stays required', { timeout: 60_000 }, () => {
    const schema: FormSchema = {
      id: 'to-khai',
      components: [
        { type: 'textfield', key: 'hoTen', label: 'Họ và tên', validate: { required: true }, conditional: { hide: '=count(for i in 1..100000000 return i) > 0' } },
      ],
    };
    const { problems } = checkForm(schema, {});
    assert.deepEqual(problems.map((p) => p.field), ['hoTen']);
  });

  test('an ordinary hide condition still hides its field (form-js: conditional.hide)', () => {
    const schema: FormSchema = {
      id: 'to-khai',
      components: [
        { type: 'checkbox', key: 'coGiayTo', label: 'Có giấy tờ' },
        { type: 'textfield', key: 'soGiayTo', label: 'Số giấy tờ', validate: { required: true }, conditional: { hide: '=coGiayTo != true' } },
      ],
    };
    assert.deepEqual(checkForm(schema, { coGiayTo: false }).problems, []);
    assert.deepEqual(checkForm(schema, { coGiayTo: true }).problems.map((p) => p.field), ['soGiayTo']);
  });
});
