// Test connection from the connect form. The request (with the password) goes straight to
// window.sweeper; only the answer, which carries no secret, is kept, in the form's state.
import { useState } from 'react';
import type { ConnectRequest, TestConnectionResult } from '../../../shared/ipc';
import { errorMessage, sweeper } from '../lib/api';

export interface ConnectionTest {
  result?: TestConnectionResult;
  running: boolean;
  run: (request: ConnectRequest) => Promise<void>;
  close: () => void;
}

export function useConnectionTest(): ConnectionTest {
  const [result, setResult] = useState<TestConnectionResult | undefined>();
  const [running, setRunning] = useState(false);
  const run = async (request: ConnectRequest): Promise<void> => {
    setRunning(true);
    try {
      setResult(await sweeper().testConnection(request));
    } catch (error) {
      setResult({ ok: false, steps: [{ name: 'Test connection', outcome: 'failed', detail: errorMessage(error), ms: 0 }] });
    } finally {
      setRunning(false);
    }
  };
  return { result, running, run, close: () => setResult(undefined) };
}
