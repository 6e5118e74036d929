import type { JsonObject } from '../util/json.js';

/** One property of an object type (research §4.2). */
export interface PropertyConfig {
  readonly type?: string;
  readonly nativeName?: string;
  readonly nativeType?: string;
  readonly required?: boolean;
  readonly flags?: readonly string[];
  readonly items?: JsonObject;
  readonly [key: string]: unknown;
}

/** One entry of `objectTypes` (research §4.1 + the seed's absentIfNull/absentIfEmpty). */
export interface ObjectTypeConfig {
  readonly nativeType: string;
  readonly properties?: Readonly<Record<string, PropertyConfig>>;
  readonly absentIfNull?: boolean;
  readonly absentIfEmpty?: boolean;
  readonly [key: string]: unknown;
}

export interface OperationOptionConfig {
  readonly denied?: boolean;
  readonly onDeny?: 'DO_NOTHING' | 'THROW_EXCEPTION';
  readonly supportedObjectTypes?: readonly string[];
  readonly objectFeatures?: Readonly<Record<string, OperationOptionConfig>>;
}

export interface RateLimitConfig {
  readonly requestLimit?: number;
  readonly requestPeriod?: number;
  readonly requestTimeout?: number;
}

export interface ResultsHandlerConfig {
  readonly enableNormalizingResultsHandler?: boolean;
  readonly enableFilteredResultsHandler?: boolean;
  readonly enableCaseInsensitiveFilter?: boolean;
  readonly enableAttributesToGetSearchResultsHandler?: boolean;
}

/** A provisioner file `conf/provisioner.openicf-<alias>.json`, after validation. */
export interface ProvisionerConfig {
  readonly name: string;
  readonly enabled?: boolean;
  readonly connectorRef: {
    readonly bundleName?: string;
    readonly bundleVersion?: string;
    readonly connectorName: string;
    readonly connectorHostRef?: string;
    readonly displayName?: string;
    readonly systemType?: string;
  };
  readonly configurationProperties?: JsonObject;
  readonly objectTypes?: Readonly<Record<string, ObjectTypeConfig>>;
  readonly operationOptions?: Readonly<Record<string, OperationOptionConfig>>;
  readonly operationTimeout?: Readonly<Record<string, number>>;
  readonly operationRateLimits?: Readonly<Record<string, RateLimitConfig>>;
  readonly resultsHandlerConfig?: ResultsHandlerConfig;
  readonly poolConfigOption?: JsonObject;
  readonly [key: string]: unknown;
}
