// The connect form's Graph half turned into the request: trimmed, the certificate only for
// app-only, empty optional addresses left to their defaults, and the form's backend choosing.
import { describe, expect, it } from 'vitest';
import { buildGraphConnectRequest, buildRequest, emptyDraft, emptyGraphDraft, type GraphDraft } from '../../renderer/src/lib/connectRequest';

const graph = (patch: Partial<GraphDraft>): GraphDraft => ({
  ...emptyGraphDraft,
  tenantId: ' contoso.onmicrosoft.com ',
  clientId: ' 5e3ce6c0-2b1f-4285-8d4b-75ee78787346 ',
  mailbox: ' alice@contoso.com ',
  ...patch,
});

describe('buildGraphConnectRequest', () => {
  it('sends a delegated request without certificate fields or empty addresses', () => {
    expect(buildGraphConnectRequest(graph({ certificatePath: '/tmp/x.pem', privateKeyPath: '/tmp/x.key' }))).toEqual({
      backend: 'graph',
      graph: { tenantId: 'contoso.onmicrosoft.com', clientId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', signIn: 'delegated', mailbox: 'alice@contoso.com' },
    });
  });

  it('sends an app-only request with the certificate files, the thumbprint when given, the addresses when set, and the profile name', () => {
    const request = buildGraphConnectRequest(
      graph({
        signIn: 'appOnly',
        certificatePath: ' C:\\Certs\\app.pem ',
        privateKeyPath: 'C:\\Certs\\app.key',
        thumbprint: '',
        authorityUrl: ' https://login.microsoftonline.us/contoso.onmicrosoft.com ',
        graphUrl: 'https://graph.microsoft.us/v1.0',
      }),
      ' GCC High ',
    );
    expect(request).toEqual({
      backend: 'graph',
      graph: {
        tenantId: 'contoso.onmicrosoft.com',
        clientId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
        signIn: 'appOnly',
        mailbox: 'alice@contoso.com',
        authorityUrl: 'https://login.microsoftonline.us/contoso.onmicrosoft.com',
        graphUrl: 'https://graph.microsoft.us/v1.0',
        certificate: { certificatePath: 'C:\\Certs\\app.pem', privateKeyPath: 'C:\\Certs\\app.key' },
      },
      saveAs: 'GCC High',
    });
    expect(
      buildGraphConnectRequest(graph({ signIn: 'appOnly', certificatePath: '/a.pem', privateKeyPath: '/a.key', thumbprint: ' AB ' })).graph.certificate,
    ).toEqual({
      certificatePath: '/a.pem',
      privateKeyPath: '/a.key',
      thumbprint: 'AB',
    });
  });

  it('follows the form’s backend choice, and sends no EWS password on a Graph request', () => {
    const secrets = { secret: 'Pa55word!', proxyPassword: '' };
    const ews = buildRequest({ ...emptyDraft, url: 'https://mail.contoso.com/EWS/Exchange.asmx', authKind: 'basic', user: 'admin' }, secrets);
    expect(ews).toMatchObject({ url: 'https://mail.contoso.com/EWS/Exchange.asmx', secret: 'Pa55word!' });
    expect(ews.backend).toBeUndefined();
    const overGraph = buildRequest({ ...emptyDraft, backend: 'graph', graph: graph({}) }, secrets);
    expect(overGraph.backend).toBe('graph');
    expect(JSON.stringify(overGraph)).not.toContain('Pa55word!');
  });
});
