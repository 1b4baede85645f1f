// Real-shaped POX Autodiscover answers ([MS-OXDSCLI] 2.2.4 and section 4), written for these tests.
const RESPONSE_NS = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';
const OUTLOOK_NS = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';

function wrap(inner: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="${RESPONSE_NS}">
  <Response xmlns="${OUTLOOK_NS}">
${inner}
  </Response>
</Autodiscover>`;
}

const USER = `    <User>
      <DisplayName>Adele Admin</DisplayName>
      <LegacyDN>/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=admin</LegacyDN>
      <AutoDiscoverSMTPAddress>admin@contoso.com</AutoDiscoverSMTPAddress>
      <DeploymentId>3e5c1a52-8f0e-4d7b-9a43-6d1c2b7e9f10</DeploymentId>
    </User>`;

/** EXCH and EXPR both present (internal and external URLs differ), plus a WEB block with a nested EXPR. */
export function settingsResponse(internal: string, external = 'https://mail.contoso.com/EWS/Exchange.asmx'): string {
  return wrap(`${USER}
    <Account>
      <AccountType>email</AccountType>
      <Action>settings</Action>
      <MicrosoftOnline>False</MicrosoftOnline>
      <Protocol>
        <Type>EXCH</Type>
        <Server>3e5c1a52-8f0e-4d7b-9a43-6d1c2b7e9f10@contoso.com</Server>
        <ServerDN>/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=EX01</ServerDN>
        <ServerVersion>73C18880</ServerVersion>
        <AuthPackage>Anonymous</AuthPackage>
        <ASUrl>${internal}</ASUrl>
        <EwsUrl>${internal}</EwsUrl>
        <EmwsUrl>${internal}</EmwsUrl>
        <OOFUrl>${internal}</OOFUrl>
        <OABUrl>https://ex01.corp.contoso.com/OAB/6a1b0c2d-1111-2222-3333-444455556666/</OABUrl>
      </Protocol>
      <Protocol>
        <Type>EXPR</Type>
        <Server>mail.contoso.com</Server>
        <SSL>On</SSL>
        <AuthPackage>Negotiate</AuthPackage>
        <ASUrl>${external}</ASUrl>
        <EwsUrl>${external}</EwsUrl>
        <OOFUrl>${external}</OOFUrl>
      </Protocol>
      <Protocol>
        <Type>WEB</Type>
        <Internal>
          <OWAUrl AuthenticationMethod="Basic, Fba">https://ex01.corp.contoso.com/owa/</OWAUrl>
          <Protocol>
            <Type>EXCH</Type>
            <EwsUrl>https://nested.example.com/EWS/Exchange.asmx</EwsUrl>
          </Protocol>
        </Internal>
      </Protocol>
    </Account>`);
}

/** Outside the corporate network Exchange may publish only EXPR (Outlook Anywhere). */
export function exprOnlyResponse(external: string): string {
  return wrap(`${USER}
    <Account>
      <AccountType>email</AccountType>
      <Action>settings</Action>
      <Protocol>
        <Type>EXPR</Type>
        <Server>mail.contoso.com</Server>
        <SSL>On</SSL>
        <AuthPackage>Basic</AuthPackage>
        <EwsUrl>${external}</EwsUrl>
      </Protocol>
      <Protocol>
        <Type>WEB</Type>
        <External>
          <Protocol>
            <Type>EXCH</Type>
            <EwsUrl>https://nested.example.com/EWS/Exchange.asmx</EwsUrl>
          </Protocol>
        </External>
      </Protocol>
    </Account>`);
}

/** The mapiHttp form names its protocol in a Type attribute and carries no EwsUrl. */
export const mapiOnlyResponse = wrap(`${USER}
    <Account>
      <AccountType>email</AccountType>
      <Action>settings</Action>
      <Protocol Type="mapiHttp" Version="1">
        <MailStore><ExternalUrl>https://mail.contoso.com/mapi/emsmdb/?MailboxId=x@contoso.com</ExternalUrl></MailStore>
      </Protocol>
    </Account>`);

export function redirectAddrResponse(address: string): string {
  return wrap(`    <Account>
      <Action>redirectAddr</Action>
      <RedirectAddr>${address}</RedirectAddr>
    </Account>`);
}

export function redirectUrlResponse(url: string): string {
  return wrap(`    <Account>
      <Action>redirectUrl</Action>
      <RedirectUrl>${url}</RedirectUrl>
    </Account>`);
}

/** An error about the request: Error directly under Response (the shape Exchange sends for 600). */
export const invalidRequestResponse = `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="${RESPONSE_NS}">
  <Response>
    <Error Time="18:02:44.1234567" Id="2471101234">
      <ErrorCode>600</ErrorCode>
      <Message>Invalid Request</Message>
      <DebugData />
    </Error>
  </Response>
</Autodiscover>`;

/** An error about the account: Error under Account. */
export const addressNotFoundResponse = wrap(`    <Account>
      <Error Time="18:02:44.1234567" Id="2471101234">
        <ErrorCode>500</ErrorCode>
        <Message>The email address can&apos;t be found.</Message>
        <DebugData>MailUser lookup failed</DebugData>
      </Error>
    </Account>`);

export const htmlLoginPage = `<!DOCTYPE html>
<html><head><title>Sign in</title></head><body><form action="/owa/auth.owa">Sign in</form></body></html>`;
