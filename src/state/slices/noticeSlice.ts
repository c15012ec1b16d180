// Messages for the user that are not tied to one view (a malformed link, a backend fallback).
import type { StateCreator } from 'zustand';

import type { Notice, NoticeKind } from '../types';
import type { PlaygroundState } from '../store';

export interface NoticeSlice {
  notices: Notice[];
  nextNoticeId: number;
  addNotice: (kind: NoticeKind, text: string) => void;
  dismissNotice: (id: number) => void;
}

export const createNoticeSlice: StateCreator<PlaygroundState, [], [], NoticeSlice> = (set) => ({
  notices: [],
  nextNoticeId: 1,
  addNotice: (kind, text) =>
    set((s) => ({
      notices: [...s.notices, { id: s.nextNoticeId, kind, text }],
      nextNoticeId: s.nextNoticeId + 1,
    })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
