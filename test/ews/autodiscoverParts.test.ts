// Autodiscover's pure parts: candidates, SRV ordering, the request builder, the response parser
// and the classification of one POST's answer.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  autodiscoverCandidates,
  buildPoxRequest,
  classifyPoxAnswer,
  emailDomain,
  EwsError,
  isInDomain,
  orderSrvRecords,
  parsePoxResponse,
  POX_REQUEST_NAMESPACE,
  POX_RESPONSE_SCHEMA,
  srvUrl,
} from '../../electron/ews';
import {
  addressNotFoundResponse,
  exprOnlyResponse,
  htmlLoginPage,
  invalidRequestResponse,
  mapiOnlyResponse,
  redirectAddrResponse,
  redirectUrlResponse,
  settingsResponse,
} from './autodiscoverFixtures';

describe('candidates', () => {
  it('derives the places from the domain in Microsoft order, SCP first', () => {
    expect(autodiscoverCandidates('contoso.com')).toEqual([
      { kind: 'scp' },
      { kind: 'pox', url: 'https://contoso.com/autodiscover/autodiscover.xml' },
      { kind: 'pox', url: 'https://autodiscover.contoso.com/autodiscover/autodiscover.xml' },
      { kind: 'redirect-probe', url: 'http://autodiscover.contoso.com/autodiscover/autodiscover.xml' },
      { kind: 'srv', name: '_autodiscover._tcp.contoso.com' },
    ]);
  });

  it('takes the domain after the last @, lower-cased, and refuses what is not a host name', () => {
    expect(emailDomain('Admin@Contoso.COM')).toBe('contoso.com');
    expect(emailDomain('"a@b"@contoso.com.')).toBe('contoso.com');
    expect(emailDomain('user@bücher.example')).toBe('xn--bcher-kva.example');
    for (const bad of [
      'admin',
      '@contoso.com',
      'admin@',
      'a@contoso.com/evil',
      'a@contoso.com:8443',
      'a@-x.com',
      'a@con toso.com',
      'a@contoso..com',
      'a@contoso.com?x',
    ]) {
      expect(emailDomain(bad), bad).toBeUndefined();
    }
  });

  it('knows which hosts are inside the domain', () => {
    expect(isInDomain('contoso.com', 'contoso.com')).toBe(true);
    expect(isInDomain('Autodiscover.Contoso.com.', 'contoso.com')).toBe(true);
    expect(isInDomain('evilcontoso.com', 'contoso.com')).toBe(false);
    expect(isInDomain('contoso.com.evil.net', 'contoso.com')).toBe(false);
    expect(isInDomain('outlook.office365.com', 'contoso.com')).toBe(false);
  });

  it('orders SRV answers by priority, then by weight (highest first), and drops unusable ones', () => {
    const ordered = orderSrvRecords([
      { name: 'b.contoso.com', port: 443, priority: 10, weight: 5 },
      { name: 'a.contoso.com', port: 443, priority: 0, weight: 1 },
      { name: 'c.contoso.com.', port: 8443, priority: 0, weight: 50 },
      { name: '.', port: 443, priority: 0, weight: 100 },
      { name: 'd.contoso.com', port: 0, priority: 0, weight: 100 },
    ]);
    expect(ordered.map((r) => r.name)).toEqual(['c.contoso.com', 'a.contoso.com', 'b.contoso.com']);
    expect(ordered.map(srvUrl)).toEqual([
      'https://c.contoso.com:8443/autodiscover/autodiscover.xml',
      'https://a.contoso.com/autodiscover/autodiscover.xml',
      'https://b.contoso.com/autodiscover/autodiscover.xml',
    ]);
  });
});

describe('buildPoxRequest', () => {
  const reader = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: false });

  it('names the address and the 2006a Outlook response schema', () => {
    const doc = reader.parse(buildPoxRequest('admin@contoso.com')) as { Autodiscover: Record<string, unknown> };
    expect(doc.Autodiscover['@_xmlns']).toBe(POX_REQUEST_NAMESPACE);
    expect(doc.Autodiscover.Request).toEqual({ EMailAddress: 'admin@contoso.com', AcceptableResponseSchema: POX_RESPONSE_SCHEMA });
  });

  it('escapes hostile characters so the address stays one text node', () => {
    const hostile = `x</EMailAddress><LegacyDN>/o=evil</LegacyDN><EMailAddress>"&'@contoso.com`;
    const xml = buildPoxRequest(hostile);
    expect(xml).not.toContain('<LegacyDN>');
    expect(xml).toContain('x&lt;/EMailAddress&gt;&lt;LegacyDN&gt;');
    const doc = reader.parse(xml) as { Autodiscover: { Request: Record<string, unknown> } };
    expect(doc.Autodiscover.Request.EMailAddress).toBe(hostile);
    expect(Object.keys(doc.Autodiscover.Request)).toEqual(['EMailAddress', 'AcceptableResponseSchema']);
  });

  it('refuses characters XML cannot carry', () => {
    expect(() => buildPoxRequest('a\u0000@contoso.com')).toThrow(EwsError);
  });
});

describe('parsePoxResponse', () => {
  it('takes EwsUrl from the EXCH protocol when there is one', () => {
    expect(parsePoxResponse(settingsResponse('https://ex01.corp.contoso.com/EWS/Exchange.asmx'))).toEqual({
      kind: 'settings',
      ewsUrl: 'https://ex01.corp.contoso.com/EWS/Exchange.asmx',
      protocol: 'EXCH',
    });
  });

  it('falls back to EXPR, ignoring protocols nested under WEB', () => {
    expect(parsePoxResponse(exprOnlyResponse('https://mail.contoso.com/EWS/Exchange.asmx'))).toEqual({
      kind: 'settings',
      ewsUrl: 'https://mail.contoso.com/EWS/Exchange.asmx',
      protocol: 'EXPR',
    });
  });

  it('says so when the settings carry no EWS URL', () => {
    const parsed = parsePoxResponse(mapiOnlyResponse);
    expect(parsed).toMatchObject({ kind: 'unusable', reason: 'no-ews-url' });
    expect(parsed.kind === 'unusable' && parsed.detail).toContain('MAPIHTTP');
  });

  it('reads redirectAddr and redirectUrl', () => {
    expect(parsePoxResponse(redirectAddrResponse('admin@contoso.mail.onmicrosoft.com'))).toEqual({
      kind: 'redirectAddr',
      address: 'admin@contoso.mail.onmicrosoft.com',
    });
    expect(parsePoxResponse(redirectUrlResponse('https://ex02.contoso.com/autodiscover/autodiscover.xml'))).toEqual({
      kind: 'redirectUrl',
      url: 'https://ex02.contoso.com/autodiscover/autodiscover.xml',
    });
  });

  it('reads errors under Response and under Account, entities decoded', () => {
    expect(parsePoxResponse(invalidRequestResponse)).toEqual({ kind: 'error', errorCode: '600', message: 'Invalid Request', debugData: '' });
    expect(parsePoxResponse(addressNotFoundResponse)).toEqual({
      kind: 'error',
      errorCode: '500',
      message: "The email address can't be found.",
      debugData: 'MailUser lookup failed',
    });
  });

  it('recognizes web pages, non-XML, DOCTYPEs, other XML and empty bodies', () => {
    expect(parsePoxResponse(htmlLoginPage)).toMatchObject({ kind: 'unusable', reason: 'html' });
    expect(parsePoxResponse('<p>hello</p>', 'text/html; charset=utf-8')).toMatchObject({ kind: 'unusable', reason: 'html' });
    expect(parsePoxResponse('{"error":"nope"}')).toMatchObject({ kind: 'unusable', reason: 'not-xml' });
    expect(parsePoxResponse('<Autodiscover><Response>')).toMatchObject({ kind: 'unusable' });
    expect(parsePoxResponse('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><Autodiscover/>')).toMatchObject({ kind: 'unusable', reason: 'doctype' });
    expect(parsePoxResponse('<Envelope><Body/></Envelope>')).toMatchObject({ kind: 'unusable', reason: 'not-autodiscover' });
    expect(parsePoxResponse('  ')).toMatchObject({ kind: 'unusable', reason: 'empty' });
    expect(parsePoxResponse(`<Autodiscover>${'<a>'.repeat(200)}</Autodiscover>`)).toMatchObject({ kind: 'unusable', reason: 'not-xml' });
    expect(parsePoxResponse(`<Autodiscover>${' '.repeat(1024 * 1024)}</Autodiscover>`)).toMatchObject({ kind: 'unusable', reason: 'too-large' });
  });
});

describe('classifyPoxAnswer', () => {
  const url = 'https://contoso.com/autodiscover/autodiscover.xml';
  const answer = (status: number, body = '', headers: Record<string, string> = {}) => ({ status, body, headers });

  it('turns each kind of answer into a step outcome', () => {
    expect(classifyPoxAnswer(url, answer(200, settingsResponse('https://ex01.contoso.com/EWS/Exchange.asmx')))).toMatchObject({
      kind: 'found',
      ewsUrl: 'https://ex01.contoso.com/EWS/Exchange.asmx',
    });
    expect(classifyPoxAnswer(url, answer(401))).toMatchObject({ kind: 'failed', signInRefused: true, detail: expect.stringContaining('sign-in refused') });
    expect(classifyPoxAnswer(url, answer(302, '', { location: '/other/autodiscover.xml' }))).toMatchObject({
      kind: 'redirect-url',
      url: 'https://contoso.com/other/autodiscover.xml',
    });
    expect(classifyPoxAnswer(url, answer(200, addressNotFoundResponse))).toMatchObject({
      kind: 'failed',
      detail: "Autodiscover error 500: The email address can't be found.",
    });
    expect(classifyPoxAnswer(url, answer(200, htmlLoginPage, { 'content-type': 'text/html' }))).toMatchObject({
      kind: 'failed',
      detail: expect.stringContaining('web page (HTML)'),
    });
    expect(classifyPoxAnswer(url, answer(404, htmlLoginPage))).toMatchObject({ kind: 'failed', detail: 'HTTP 404 with a web page' });
    expect(classifyPoxAnswer(url, answer(200, settingsResponse('javascript:alert(1)')))).toMatchObject({ kind: 'failed' });
    expect(classifyPoxAnswer(url, answer(200, redirectUrlResponse('/ex02/autodiscover.xml')))).toMatchObject({
      kind: 'redirect-url',
      url: 'https://contoso.com/ex02/autodiscover.xml',
    });
    expect(classifyPoxAnswer(url, answer(200, redirectUrlResponse('https://[bad')))).toMatchObject({ kind: 'failed' });
  });
});
