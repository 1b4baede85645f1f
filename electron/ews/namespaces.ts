// Namespace URIs of the EWS wire format (SOAP 1.1 envelope, EWS messages and types).
export const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const MESSAGES_NS = 'http://schemas.microsoft.com/exchange/services/2006/messages';
export const TYPES_NS = 'http://schemas.microsoft.com/exchange/services/2006/types';
