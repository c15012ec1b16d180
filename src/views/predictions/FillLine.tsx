// The decoded fill of an analysis (its Viterbi path's tokens) as one quoted line under a label;
// shared by the predictions view and the compare view's columns.
import type { ReactNode } from 'react';

export interface FillLineProps {
  label: ReactNode;
  text: string;
  testId?: string;
}

export function FillLine({ label, text, testId }: FillLineProps) {
  return (
    <p className="fill" data-testid={testId}>
      <span className="fill__label">{label}</span> <q className="fill__text">{text}</q>
    </p>
  );
}
