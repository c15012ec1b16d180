import { describe, expect, it } from 'vitest';
import { DEFAULT_TOP_K, parseCliArgs } from './args';
import { UsageError } from './errors';

describe('parseCliArgs', () => {
  it('reads predict with a text, joining unquoted words', () => {
    expect(parseCliArgs(['predict', '--top-k', '3', 'the', '[MASK]', 'sat'])).toEqual({
      command: 'predict',
      model: undefined,
      topK: 3,
      json: false,
      text: 'the [MASK] sat',
      input: undefined,
    });
  });

  it('reads predict --input with --json and --model', () => {
    expect(parseCliArgs(['predict', '--json', '--model', 'm', '--input', 'in.jsonl'])).toEqual({
      command: 'predict',
      model: 'm',
      topK: DEFAULT_TOP_K,
      json: true,
      text: undefined,
      input: 'in.jsonl',
    });
  });

  it('keeps an empty TEXT so that predict can report it as a bad input', () => {
    const args = parseCliArgs(['predict', '']);
    expect(args.command === 'predict' && args.text).toBe('');
  });

  it('hands every argument after eval to the eval command', () => {
    expect(parseCliArgs(['eval', '--limit', '5', '--help'])).toEqual({
      command: 'eval',
      argv: ['--limit', '5', '--help'],
    });
  });

  it('answers help at both levels, and "none" without a command', () => {
    expect(parseCliArgs(['--help'])).toEqual({ command: 'help', topic: 'main' });
    expect(parseCliArgs(['predict', '-h'])).toEqual({ command: 'help', topic: 'predict' });
    expect(parseCliArgs([])).toEqual({ command: 'none' });
  });

  it.each([
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['predict'], /Nothing to predict/],
    [['predict', '--input', 'a.jsonl', 'text'], /either TEXT or --input/],
    [
      ['predict', '--top-k', '0', 'a [MASK]'],
      /--top-k must be a whole number of at least 1, got "0"/,
    ],
    [['predict', '--top-k', 'many', 'a [MASK]'], /got "many"/],
    [['predict', '--colour', 'a [MASK]'], /--colour/],
    [['predict', 'a [MASK]', '--model'], /--model/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
