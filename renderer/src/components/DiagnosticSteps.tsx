// The steps of Test connection or Autodiscover, in order: what was tried, how it went (icon,
// colour and word, so none of them is needed alone), what was found, and how long it took.
import type { DiagnosticStep } from '../../../shared/ipc';

const outcomeIcons: Record<DiagnosticStep['outcome'], string> = {
  ok: '✓',
  failed: '✗',
  warning: '!',
  skipped: '–',
};

const outcomeWords: Record<DiagnosticStep['outcome'], string> = {
  ok: 'OK',
  failed: 'Failed',
  warning: 'Warning',
  skipped: 'Skipped',
};

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function DiagnosticSteps({ label, steps }: { label: string; steps: readonly DiagnosticStep[] }) {
  return (
    <ol className="diagnostic-steps" aria-label={label}>
      {steps.map((step, index) => (
        <li key={`${index}-${step.name}`} className={`diagnostic-step step-${step.outcome}`}>
          <span className="step-icon" aria-hidden="true">
            {outcomeIcons[step.outcome]}
          </span>
          <span className="step-name">{step.name}</span>
          <span className="step-outcome">{outcomeWords[step.outcome]}</span>
          <span className="step-ms">{formatMs(step.ms)}</span>
          {step.detail && <span className="step-detail">{step.detail}</span>}
        </li>
      ))}
    </ol>
  );
}
