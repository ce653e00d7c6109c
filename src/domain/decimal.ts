// The one place decimal.js is imported and configured. Used for rates and for the
// edges (configuration, display); the per-row path uses integer minor units instead.
import { Decimal as DecimalJs } from "decimal.js";

export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;
