// Shows something only once a state has lasted a moment: the connect screen's "Connecting to …"
// with Cancel would otherwise flash for a connect that answers at once (the demo, a near server).
import { useEffect, useState } from 'react';

/** How long a connect or Test connection runs before the screen offers Cancel. */
export const SLOW_CONNECT_MS = 600;

/** True once `active` has been true for `delayMs` without a break; false again as soon as it ends. */
export function useShownAfter(active: boolean, delayMs: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) {
      setShown(false);
      return undefined;
    }
    const timer = setTimeout(() => setShown(true), delayMs);
    return () => clearTimeout(timer);
  }, [active, delayMs]);
  return active && shown;
}
