// One client configuration a scenario measures: this project's client or the official SDK.
import type { OurSettings, SdkRetryConfig } from '../worker/protocol';

export interface Variant {
  /** The table's "Client" column. */
  client: string;
  impl: 'ours' | 'sdk';
  ours?: OurSettings;
  sdk?: SdkRetryConfig;
  /** The table's "Settings" column. */
  settings: string;
}
