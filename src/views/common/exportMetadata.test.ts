import { describe, expect, it } from 'vitest';

import { csvText } from './csv';
import {
  type ExportInfo,
  captionLines,
  csvMetadataRows,
  exportFileName,
  fileStamp,
  sentenceSlug,
} from './exportMetadata';

const WHEN = new Date(2026, 11, 7, 18, 12, 40);

const INFO: ExportInfo = {
  title: 'Attention',
  sentence: 'the capital of france is [MASK] .',
  domain: 'text',
  model: 'exlm-en-small',
  settings: [
    { name: 'layer', value: '2 of 4' },
    { name: 'head', value: 'mean over 4 heads' },
  ],
  when: WHEN,
};

describe('file names', () => {
  it('name the view, the sentence and the local time', () => {
    expect(fileStamp(WHEN)).toBe('2026-12-07-1812');
    expect(exportFileName('attention', INFO.sentence, WHEN, 'png')).toBe(
      'exlm-attention-the-capital-of-france-is-mask-2026-12-07-1812.png',
    );
  });

  it('keep only safe characters and cut long sentences at a word', () => {
    expect(sentenceSlug('Où est   «la» gare?/../ [MASK]')).toBe('ou-est-la-gare-mask');
    const long = sentenceSlug('one two three four five six seven eight nine ten eleven twelve');
    expect(long).toBe('one-two-three-four-five-six-seven-eight');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(sentenceSlug('x'.repeat(60))).toHaveLength(40);
    expect(exportFileName('results', '<>:"/\\|?*', WHEN, 'csv')).toBe(
      'exlm-results-2026-12-07-1812.csv',
    );
  });
});

describe('export metadata', () => {
  it('gives a caption the sentence, the model and the settings', () => {
    expect(captionLines(INFO)).toEqual([
      'Sentence: the capital of france is [MASK] .',
      'Model: exlm-en-small',
      'layer: 2 of 4 · head: mean over 4 heads',
      'Exported 2026-12-07 18:12 from the ExLM Playground',
    ]);
  });

  it('starts a CSV with "#" rows and an empty row, formulas still defused', () => {
    const text = csvText(csvMetadataRows({ ...INFO, sentence: '=cmd() [MASK]' }));
    expect(text.split('\r\n')).toEqual([
      '# ExLM Playground,Attention',
      "# sentence,'=cmd() [MASK]",
      '# model,exlm-en-small',
      '# layer,2 of 4',
      '# head,mean over 4 heads',
      '# exported,2026-12-07 18:12',
      '',
      '',
    ]);
  });

  it("names a molecule model's input a SMILES, in the caption and the CSV", () => {
    const molecule: ExportInfo = {
      ...INFO,
      sentence: 'CC(=O)[MASK]',
      domain: 'molecules',
      model: 'exlm-smiles-small',
    };
    expect(captionLines(molecule).slice(0, 2)).toEqual([
      'SMILES: CC(=O)[MASK]',
      'Model: exlm-smiles-small',
    ]);
    expect(csvText(csvMetadataRows(molecule)).split('\r\n')[1]).toBe('# smiles,CC(=O)[MASK]');
  });
});
