// Word lists for the demo mailbox: people, services and subjects a Contoso mailbox would hold.
import type { Sender } from './model';

const person = (name: string, address: string): Sender => ({ name, address });

export const PEOPLE: readonly Sender[] = [
  person('Megan Bowen', 'megan.bowen@contoso.com'),
  person('Adele Vance', 'adele.vance@contoso.com'),
  person('Lee Gu', 'lee.gu@contoso.com'),
  person('Nestor Wilke', 'nestor.wilke@contoso.com'),
  person('Pradeep Gupta', 'pradeep.gupta@contoso.com'),
  person('Isaiah Langer', 'isaiah.langer@contoso.com'),
  person('Johanna Lorenz', 'johanna.lorenz@contoso.com'),
  person('Lynne Robbins', 'lynne.robbins@contoso.com'),
  person('Diego Siciliani', 'diego.siciliani@contoso.com'),
  person('Grady Archie', 'grady.archie@contoso.com'),
  person('Miriam Graham', 'miriam.graham@contoso.com'),
  person('Patti Fernandez', 'patti.fernandez@contoso.com'),
  person('Henrietta Mueller', 'henrietta.mueller@contoso.com'),
  person('Joni Sherman', 'joni.sherman@contoso.com'),
  person('Alex Wilber', 'alex.wilber@contoso.com'),
  person('Irvin Sayers', 'irvin.sayers@contoso.com'),
  person('Sara Davis', 'sara.davis@fabrikam.com'),
  person('Tomás Herrera', 'tomas.herrera@fabrikam.com'),
  person('Zoë Lambert', 'zoe.lambert@northwindtraders.com'),
  person('Kenji Watanabe', 'kenji.watanabe@adatum.com'),
  person('Priya Natarajan', 'priya.natarajan@litwareinc.com'),
  person('Oskar Nyström', 'oskar.nystrom@tailspintoys.com'),
];

export const SERVICES: readonly Sender[] = [
  person('Jenkins', 'jenkins@build.contoso.com'),
  person('Azure DevOps', 'azuredevops@microsoft.com'),
  person('Nagios Monitoring', 'nagios@monitor.contoso.com'),
  person('IT Service Desk', 'servicedesk@contoso.com'),
  person('Microsoft Teams', 'noreply@email.teams.microsoft.com'),
  person('SharePoint Online', 'no-reply@sharepointonline.com'),
  person('Contoso Payroll', 'payroll@contoso.com'),
  person('Fabrikam Billing', 'billing@fabrikam.com'),
  person('Backup Exec', 'backup@dc01.contoso.com'),
  person('GitHub', 'notifications@github.com'),
];

export const NEWSLETTERS: readonly Sender[] = [
  person('Contoso News', 'news@contoso.com'),
  person('Northwind Weekly', 'weekly@northwindtraders.com'),
  person('Woodgrove Bank', 'alerts@woodgrovebank.com'),
  person('Adventure Works Deals', 'deals@adventure-works.com'),
];

const PROJECTS = ['Contoso Launch', 'Fabrikam Migration', 'Q3 Budget', 'Datacenter Move', 'Exchange 2019 Upgrade', 'Intranet Redesign', 'SOC 2 Audit'];
const TOPICS = [
  'status report',
  'kickoff',
  'timeline',
  'open issues',
  'risk review',
  'sign-off',
  'next steps',
  'lessons learned',
  'budget',
  'vendor shortlist',
];

export function workSubject(pick: <T>(values: readonly T[]) => T, n: number): string {
  const project = pick(PROJECTS);
  const topic = pick(TOPICS);
  const forms = [
    `${project}: ${topic}`,
    `RE: ${project} ${topic}`,
    `FW: ${project} - ${topic}`,
    `[${project}] ${topic} (week ${1 + (n % 52)})`,
    `Quick question about the ${project.toLowerCase()} ${topic}`,
    `Meeting notes: ${project} & ${topic}`,
    `Action required: ${topic} for ${project} <by Friday>`,
  ];
  return pick(forms);
}

export function receiptSubject(pick: <T>(values: readonly T[]) => T, n: number): string {
  return pick([
    `Your receipt #${100000 + n} from Fabrikam`,
    `Invoice INV-${2024000 + n} is due`,
    `Expense report ${n} approved`,
    `Order ${700000 + n} has shipped`,
  ]);
}

export function newsletterSubject(pick: <T>(values: readonly T[]) => T, n: number): string {
  return pick([
    `This week at Contoso (issue ${n})`,
    `Northwind Weekly: 5 tips for a cleaner inbox`,
    `Your monthly statement is ready`,
    `Last chance: 30% off everything`,
    `Webinar: Exchange retention policies explained`,
  ]);
}

export function notificationSubject(pick: <T>(values: readonly T[]) => T, n: number): string {
  return pick([
    `[Jenkins] Build #${n} succeeded: contoso-web/main`,
    `[Jenkins] Build #${n} FAILED: contoso-api/release`,
    `PROBLEM Alert: SQL01 disk C: is WARNING (${70 + (n % 25)}% used)`,
    `RECOVERY Alert: EX01 MSExchangeIS is OK`,
    `Backup job "Nightly-Full" completed with ${n % 7} warnings`,
    `[contoso/sweeper] Pull request #${n} was merged`,
    `Ticket INC${String(n).padStart(7, '0')} has been updated`,
    `Azure DevOps: Work item ${n} assigned to you`,
  ]);
}

export function meetingSubject(pick: <T>(values: readonly T[]) => T): string {
  return pick([
    'Weekly team sync',
    '1:1',
    'Sprint planning',
    'Architecture review',
    'All hands',
    'Customer call: Fabrikam',
    'Lunch & learn',
    'Quarterly business review',
  ]);
}

export function taskSubject(pick: <T>(values: readonly T[]) => T): string {
  return pick([
    'Renew SSL certificate',
    'Review mailbox quotas',
    'Update DR runbook',
    'Approve expense reports',
    'Patch Exchange CU',
    'Clean up distribution lists',
    'Rotate service account password',
  ]);
}

// Short demo bodies: a few shared templates, chosen by the item's origin counter. Only the
// template number is derived per item; the text is built when a GetItem asks for it.
const BODY_LINES = [
  'Please see the notes below and let me know if anything is missing.',
  'Thanks for the update. I have added this to the agenda for our next sync.',
  'Forwarding this for your records; no action needed on your side.',
  'Can you review this before Friday? The details are in the shared folder.',
  'Automated message: this notification was generated by the system.',
  'Attached is the latest version. Changes since last time are highlighted.',
];

export interface DemoBody {
  text: string;
  html: string;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The demo body of an item: a greeting, one shared line, the subject and the sender's name. */
export function demoBody(origin: number, subject: string, senderName: string | undefined): DemoBody {
  const line = BODY_LINES[origin % BODY_LINES.length] as string;
  const sign = senderName ?? 'Contoso';
  const text = `Hi,\r\n\r\n${line}\r\n\r\nRe: ${subject}\r\n\r\nBest regards,\r\n${sign}\r\n`;
  const html =
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>' +
    `<div>Hi,</div><div><br></div><div>${escapeHtml(line)}</div><div><br></div><div>Re: ${escapeHtml(subject)}</div>` +
    `<div><br></div><div>Best regards,<br>${escapeHtml(sign)}</div></body></html>`;
  return { text, html };
}

/** Category sets the demo gives some items (shared arrays: items hold a reference, never a copy). */
export const DEMO_CATEGORIES: ReadonlyArray<readonly string[]> = [
  ['Red category'],
  ['Blue category'],
  ['Green category', 'Project'],
  ['Follow up'],
  ['Purple category', 'Personal'],
];

/** The demo's retention tag (PolicyTag 0x3019): a fixed GUID, shared by every item that carries it. */
export const DEMO_RETENTION_TAG: Buffer = Buffer.from('6f0b2d7c1e4a4b5f9a3c8d2e7f104b6a', 'hex');
