// The diagnostics list the app shows: one line per place tried, in order, with its time.
import { performance } from 'node:perf_hooks';

export type StepOutcome = 'ok' | 'failed' | 'skipped';

export interface AutodiscoverStep {
  /** What was tried, e.g. "POX https://contoso.com/autodiscover/autodiscover.xml". */
  step: string;
  outcome: StepOutcome;
  detail: string;
  /** Wall time of the step in milliseconds (whole numbers). */
  ms: number;
}

export class StepLog {
  readonly steps: AutodiscoverStep[] = [];

  /** Starts timing a step; the returned function records it once. */
  start(step: string): (outcome: StepOutcome, detail: string) => void {
    const began = performance.now();
    let done = false;
    return (outcome, detail) => {
      if (done) return;
      done = true;
      this.steps.push({ step, outcome, detail, ms: Math.round(performance.now() - began) });
    };
  }

  add(step: string, outcome: StepOutcome, detail: string): void {
    this.steps.push({ step, outcome, detail, ms: 0 });
  }
}
