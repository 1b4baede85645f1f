// A shell command shown as code with a Copy button: what the admin must run where EWS cannot tell.
import { useState } from 'react';

export function CopyCommand({ command }: { command: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>(undefined);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied('yes');
    } catch {
      // No clipboard access (permission): the text stays selectable.
      setCopied('failed');
    }
  };
  return (
    <span className="copy-command">
      <code>{command}</code>
      <button type="button" onClick={() => void copy()} aria-label={`Copy the command ${command}`}>
        {copied === 'yes' ? 'Copied' : 'Copy'}
      </button>
      {copied === 'failed' && <span role="status"> Could not copy: select the text instead.</span>}
    </span>
  );
}
