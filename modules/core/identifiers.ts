import { z } from "zod";
import { tagProblems } from "./aws-facts/tags";

/** Building blocks shared by the sections of an environment file. */

/** An SSM parameter name (`/project/env/name`) or its ARN: where a secret lives, never the secret itself. */
export const ssmParameterName = z
  .string()
  .regex(
    /^(arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter)?\/[A-Za-z0-9_.\-/]+$/,
    "an SSM parameter name starting with / (such as /mosaic/staging/postgres-password) or its ARN",
  );

export const kmsKeyArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+$/, "a KMS key or alias ARN");

/** Tags as the file gives them; their AWS limits (count, key length, reserved prefix, characters) are the tag rule's, in core/aws-facts/tags.ts. */
export const tagMap = z.record(z.string(), z.string().max(256));

export const weeklyWindow = z
  .string()
  .regex(
    /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/,
    "a weekly UTC window like sun:07:00-sun:07:30",
  );

export const dailyWindow = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, "a daily UTC window like 00:01-00:31");

export const ipv4Cidr = z
  .string()
  .regex(
    /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(\d|[12]\d|3[0-2])$/,
    "an IPv4 CIDR block like 10.20.0.0/16",
  );

export const securityGroupId = z.string().regex(/^sg-[0-9a-f]{8,17}$/, "a security group id like sg-0123456789abcdef0");

export const tcpPort = z.number().int().min(1).max(65535);

/** DMS identifiers (endpoints, tasks, instances, replication configs): letters, digits and single hyphens, starting with a letter. */
export const dmsId = (what: string) =>
  z.string().regex(/^[a-zA-Z](?!.*--)(?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/, `${what}: letters, digits and single hyphens, starting with a letter`);

/** An existing DMS certificate, by ARN. */
export const existingDmsCertificateArn = z.string().regex(/^arn:aws[a-z-]*:dms:[a-z0-9-]+:\d{12}:cert:[A-Za-z0-9-]+$/, "a DMS certificate ARN");

/** `certificate:<key>`: an endpoint's `certificateArn` naming one of the file's `dms.certificates`, resolved by the stack. */
export const CERTIFICATE_REFERENCE = /^certificate:([a-z][a-z0-9-]*)$/;

/** An endpoint's certificate: a DMS certificate ARN, or `certificate:<key>` naming one of `dms.certificates`. */
export const dmsCertificateArn = z
  .string()
  .regex(
    /^(arn:aws[a-z-]*:dms:[a-z0-9-]+:\d{12}:cert:[A-Za-z0-9-]+|certificate:[a-z][a-z0-9-]*)$/,
    "a DMS certificate ARN, or certificate:<key> naming one of dms.certificates",
  );

/**
 * Tags of one resource, checked as AWS checks them (at most 50, no `aws:` prefix, lengths and characters), each
 * problem at its key.
 */
export const checkedTagMap = tagMap.superRefine((tags, context) => {
  for (const problem of tagProblems(tags)) {
    context.addIssue({ code: "custom", path: problem.key === undefined ? [] : [problem.key], message: problem.message });
  }
});
