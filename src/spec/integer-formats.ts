/**
 * The integer formats of the LocustTest schema. The generated spec validator checks them through
 * `AJV_FORMATS`; the error messages use the bits and the range.
 */

/** An integer format: its width, whether a number fits, and the range in words. int64 bounds are compared as doubles, so the upper one is exclusive. */
export interface IntegerFormat {
  readonly bits: number;
  readonly valid: (n: number) => boolean;
  readonly range: string;
}

export const INTEGER_FORMATS: Record<string, IntegerFormat> = {
  int32: { bits: 32, valid: (n) => n >= -(2 ** 31) && n <= 2 ** 31 - 1, range: '-2147483648 and 2147483647' },
  int64: { bits: 64, valid: (n) => n >= -(2 ** 63) && n < 2 ** 63, range: '-9223372036854775808 and 9223372036854775807' },
};

/** The same formats in ajv's form, as the generated validator requires them. */
export const AJV_FORMATS = Object.fromEntries(
  Object.entries(INTEGER_FORMATS).map(([name, format]) => [name, { type: 'number' as const, validate: format.valid }]),
);
