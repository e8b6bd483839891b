/**
 * The one place for differences between the provider bindings this library supports: @cdktf/provider-aws 20.x
 * (hashicorp/aws 5.100.0) and 21.x (hashicorp/aws 6.x). Checked by __tests__/validate/consumer-package.test.ts,
 * which compiles the library against both.
 */

/**
 * `aws_redshift_cluster.encrypted`: a bool in 5.x, a string in 6.x
 * (https://github.com/hashicorp/terraform-provider-aws/blob/main/CHANGELOG.md, 6.0.0). The JSON `true` written here
 * is a bool for 5.x and converts to "true" for 6.x, so one value serves both; the type is left open on purpose.
 */
export const REDSHIFT_ENCRYPTED: never = true as never;
