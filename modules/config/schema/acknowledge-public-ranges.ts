import { z } from "zod";
import { ipv4Cidr } from "../../core/identifiers";

/**
 * `acknowledgePublicRanges`: the public IPv4 ranges this file lets in on purpose, each with why. A range outside
 * private address space (RFC 1918, RFC 6598) is refused wherever it appears (an ingress, a source's allowedCidr,
 * the Secrets Manager network) unless it is listed here; the width and host-bit rules apply all the same.
 */
export const acknowledgePublicRangesSchema = z
  .array(
    z
      .strictObject({
        cidr: ipv4Cidr.describe("The public range, exactly as written where it is used"),
        reason: z.string().trim().min(10).describe("Why a public range is right here, such as a partner's published egress range"),
      })
      .describe("One public range let in on purpose"),
  )
  .default([])
  .describe("Public IPv4 ranges the file lets in on purpose, each with a reason; every other range must be private");
