export { createSweeperService } from './sweeperService';
export type { SweeperService, SweeperServiceOptions } from './sweeperService';
export type { SecretStore } from './secretStore';
