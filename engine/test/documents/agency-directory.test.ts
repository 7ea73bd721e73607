import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AgencyDirectory } from '../../src/documents/agency-directory.js';
import { formatReference } from '../../src/dossiers/document-register.js';

/**
 * Heading facts per Decree 30/2020/NĐ-CP, Appendix I: the issuing agency under its directly
 * superior agency; the date line begins with the proper name of the administrative unit; the
 * number is the order in the year, numbers below 10 with a leading zero, then the symbol.
 */
describe('agency heading facts and reference numbers', () => {
  const directory = AgencyDirectory.load();

  it('a commune prints its parent and its own name as the place', () => {
    assert.deepEqual(directory.describe({ code: 'UBND-XA-HH', name: 'Ủy ban nhân dân phường Hồng Hà' }), {
      parentName: 'Ủy ban nhân dân tỉnh',
      place: 'Hồng Hà',
    });
  });

  it('a provincial department takes the province as its place', () => {
    assert.deepEqual(directory.describe({ code: 'STP', name: 'Sở Tư pháp' }), { parentName: 'Ủy ban nhân dân tỉnh', place: 'Quảng Ninh' });
  });

  it('an agency outside the hierarchy has no parent and sits in the province', () => {
    assert.deepEqual(directory.describe({ code: 'CT', name: 'Thuế tỉnh' }), { place: 'Quảng Ninh' });
  });

  it('the provincial police print their ministry above them and sit in the province', () => {
    assert.deepEqual(directory.describe({ code: 'CA', name: 'Công an tỉnh' }), { parentName: 'Bộ Công an', place: 'Quảng Ninh' });
  });

  it('reference numbers: leading zero below 10, kind abbreviation, agency code', () => {
    assert.equal(formatReference(5, 'receipt', 'UBND-XA-HH'), '05/TNHS-UBND-XA-HH');
    assert.equal(formatReference(125, 'result', 'STP'), '125/KQ-STP');
    assert.equal(formatReference(1, 'stopNotice', 'SXD'), '01/DXL-SXD');
  });
});
