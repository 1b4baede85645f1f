// The POX Autodiscover request ([MS-OXDSCLI] 2.2.3): the e-mail address and the response
// schema we accept. The 2006a Outlook schema is the one whose Protocol elements carry EwsUrl.
import { escapeXml } from '../xmlText';

export const POX_REQUEST_NAMESPACE = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006';
export const POX_RESPONSE_SCHEMA = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';

/** The request body for one address; the address is escaped (and refused if XML cannot hold it). */
export function buildPoxRequest(email: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<Autodiscover xmlns="${POX_REQUEST_NAMESPACE}">` +
    '<Request>' +
    `<EMailAddress>${escapeXml(email)}</EMailAddress>` +
    `<AcceptableResponseSchema>${POX_RESPONSE_SCHEMA}</AcceptableResponseSchema>` +
    '</Request>' +
    '</Autodiscover>'
  );
}
