import { describe, expect, it } from 'vitest';

import { type CsvValue, csvText } from './csv';

/** The one line `csvText` writes for a row holding `value` alone. */
const cell = (value: CsvValue): string => csvText([[value]]).slice(0, -2);

describe('csvText', () => {
  it('writes one CRLF-ended line per row', () => {
    expect(
      csvText([
        ['a', 'b'],
        [1, null],
      ]),
    ).toBe('a,b\r\n1,\r\n');
  });

  it('quotes commas, quotes and line breaks; defuses formulas but keeps lone symbols', () => {
    expect(cell('plain')).toBe('plain');
    expect(cell('a,b')).toBe('"a,b"');
    expect(cell('say "hi"')).toBe('"say ""hi"""');
    expect(cell('two\nlines')).toBe('"two\nlines"');
    expect(cell('cr\rhere')).toBe('"cr\rhere"');
    expect(cell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(cell('+1')).toBe("'+1");
    expect(cell('-5')).toBe("'-5");
    expect(cell('@sum')).toBe("'@sum");
    expect(cell('\tx')).toBe("'\tx");
    // A punctuation token alone runs nothing: it stays as the model wrote it.
    expect(cell('=')).toBe('=');
    expect(cell('-')).toBe('-');
    // Numbers are data, never formulas.
    expect(cell(0.125)).toBe('0.125');
    expect(cell(-1)).toBe('-1');
    expect(cell(null)).toBe('');
    expect(cell('')).toBe('');
  });
});
