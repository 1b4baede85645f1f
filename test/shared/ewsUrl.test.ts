import { describe, expect, it } from 'vitest';
import { completeEwsUrl } from '../../shared/ewsUrl';

describe('completeEwsUrl', () => {
  it.each([
    ['mail.contoso.com', 'https://mail.contoso.com/EWS/Exchange.asmx'],
    ['  mail.contoso.com  ', 'https://mail.contoso.com/EWS/Exchange.asmx'],
    ['https://mail.contoso.com', 'https://mail.contoso.com/EWS/Exchange.asmx'],
    ['https://mail.contoso.com/', 'https://mail.contoso.com/EWS/Exchange.asmx'],
    ['https://mail.contoso.com/ews/', 'https://mail.contoso.com/EWS/Exchange.asmx'],
    ['mail.contoso.com:8443', 'https://mail.contoso.com:8443/EWS/Exchange.asmx'],
    ['mail.contoso.com/EWS/Exchange.asmx', 'https://mail.contoso.com/EWS/Exchange.asmx'],
  ])('completes %j', (typed, completed) => {
    expect(completeEwsUrl(typed)).toBe(completed);
  });

  it.each([
    'https://mail.contoso.com/EWS/Exchange.asmx',
    'http://127.0.0.1:41234/EWS/Exchange.asmx',
    'https://mail.contoso.com/custom/ews.asmx',
    'ftp://mail.contoso.com',
    '',
    'not a host name',
  ])('leaves %j as typed', (typed) => {
    expect(completeEwsUrl(typed)).toBe(typed);
  });
});
