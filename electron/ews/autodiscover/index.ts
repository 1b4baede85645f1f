// Autodiscover (POX): from an e-mail address to the EWS URL, with a diagnostics step per attempt.
export * from './autodiscover';
export * from './candidates';
export * from './dns';
export * from './pox-post';
export * from './pox-request';
export * from './pox-response';
export * from './redirect-probe';
export * from './steps';
export * from './pox-connections';
