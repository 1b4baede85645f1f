// Autodiscover (POX): from an e-mail address to the EWS URL, with a diagnostics step per attempt.
export * from './autodiscover';
export * from './candidates';
export * from './dns';
export * from './poxPost';
export * from './poxRequest';
export * from './poxResponse';
export * from './redirectProbe';
export * from './steps';
export * from './poxConnections';
