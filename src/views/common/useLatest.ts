import { useLayoutEffect, useRef } from 'react';

/** A ref that always holds the latest value. D3 event handlers are bound once per drawing; they
 *  read callbacks such as `onHoverState` through this ref so that they never call a stale one. */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  }, [value]);
  return ref;
}
