import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TrainingExample } from './schema.js';

/** The labelled demands shipped with the platform: `train` teaches the suggester, `heldout` measures it. */
export const DEFAULT_DATA_FILES = {
  train: fileURLToPath(new URL('./data/train.jsonl', import.meta.url)),
  heldout: fileURLToPath(new URL('./data/heldout.jsonl', import.meta.url)),
} as const;

/** Reads a JSON-lines file of `{"text","category"}`; a bad line stops with its line number. */
export function readExamples(file: string): TrainingExample[] {
  const examples: TrainingExample[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${index + 1}: not JSON`);
      }
      const parsed = TrainingExample.safeParse(value);
      if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
      examples.push(parsed.data);
    });
  return examples;
}
