import { Construct } from "constructs";
import { Token } from "cdktf";
import { DmsCertificate as DmsCertificateResource } from "@cdktf/provider-aws/lib/dms-certificate";
import { ProjectEnvironment, projectTags } from "../core/project-environment";
import { useProvider } from "../core/provider-scope";
import { Problem } from "../core/problem";
import { validateWith } from "../core/rules";
import { claimAwsName } from "../core/unique-names";
import { ENDPOINT_ID } from "./endpoints/endpoint-rules";
import { ValidationError } from "../core/errors";
import { CERTIFICATE_REFERENCE } from "../core/identifiers";

/** A certificate endpoints verify their server with (`certificateArn` with `sslMode` verify-ca or verify-full). */
export interface IDmsCertificate {
  readonly certificateArn: string;
}

export interface DmsCertificateProps extends ProjectEnvironment {
  /** The certificate's name in DMS: letters, digits and single hyphens, starting with a letter. */
  readonly certificateId: string;
  /**
   * The PEM text of the CA certificate (or chain) the server's certificate is checked against: public data. The
   * stack reads it from a file in the repository; a private key is refused.
   */
  readonly certificatePem: string;
  /** @default {} */
  readonly additionalTags?: Readonly<Record<string, string>>;
}

const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** Every problem of a certificate's props: its id, and PEM text that holds certificates and no private key. */
export function dmsCertificateProblems(props: Pick<DmsCertificateProps, "certificateId" | "certificatePem">): Problem[] {
  const problems: Problem[] = [];
  if (!ENDPOINT_ID.test(props.certificateId)) {
    problems.push({ path: "certificateId", value: JSON.stringify(props.certificateId), message: "allowed: letters, digits and single hyphens, starting with a letter" });
  }
  if (!Token.isUnresolved(props.certificatePem)) {
    // A key in the repository would be a secret in source control and in the plan; DMS verifies servers with certificates only.
    if (PRIVATE_KEY.test(props.certificatePem)) {
      problems.push({ path: "certificatePem", value: "(not shown)", message: "holds a private key; allowed: certificates only (-----BEGIN CERTIFICATE-----)" });
    } else if (!CERTIFICATE.test(props.certificatePem)) {
      problems.push({ path: "certificatePem", value: "(not shown)", message: "no PEM certificate found; allowed: -----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----" });
    }
  }
  return problems;
}

/**
 * A CA certificate imported into DMS (`aws_dms_certificate`, terraform-aws-modules/dms `certificates`), for endpoints
 * that verify their server: https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html
 */
export class DmsCertificate extends Construct implements IDmsCertificate {
  /** A certificate already in DMS, by ARN. */
  static fromCertificateArn(certificateArn: string): IDmsCertificate {
    return { certificateArn };
  }

  readonly certificateArn: string;
  readonly certificate: DmsCertificateResource;

  constructor(scope: Construct, id: string, props: DmsCertificateProps) {
    super(scope, id);
    useProvider(this, props.provider);
    validateWith(this, props, dmsCertificateProblems(props));
    claimAwsName(this, "DMS certificate", props.certificateId);
    this.certificate = new DmsCertificateResource(this, "Certificate", {
      certificateId: props.certificateId,
      certificatePem: props.certificatePem,
      tags: projectTags(props, props.certificateId, props.additionalTags),
    });
    this.certificateArn = this.certificate.certificateArn;
  }
}

/** One certificate of a `DmsCertificates` collection: PEM text to import (never a file path), or one already in DMS. */
export type DmsCertificateSource = Omit<DmsCertificateProps, keyof ProjectEnvironment> | { readonly certificateArn: string };

export interface DmsCertificatesProps extends ProjectEnvironment {
  /** The certificates by key, the name endpoints use in `certificateArn: "certificate:<key>"`. */
  readonly certificates: Readonly<Record<string, DmsCertificateSource>>;
}

/**
 * The certificates endpoints name by key (terraform-aws-modules/dms `certificates`), and the resolution of an
 * endpoint's `certificateArn`: an ARN as it is, `certificate:<key>` as that certificate's ARN. Not a construct of its
 * own: each imported certificate is `Certificate-<key>` directly in `scope`, so its resource address does not move.
 */
export class DmsCertificates {
  readonly byKey: Readonly<Record<string, IDmsCertificate>>;

  constructor(
    private readonly scope: Construct,
    props: DmsCertificatesProps,
  ) {
    const { certificates, ...context } = props;
    this.byKey = Object.fromEntries(
      Object.entries(certificates).map(([key, source]) => [
        key,
        "certificateId" in source ? new DmsCertificate(scope, `Certificate-${key}`, { ...context, ...source }) : DmsCertificate.fromCertificateArn(source.certificateArn),
      ]),
    );
  }

  /** The ARN a `certificateArn` value names: an ARN as it is, `certificate:<key>` as that certificate's ARN. */
  arnOf(value: string | undefined): string | undefined {
    const reference = value === undefined ? null : CERTIFICATE_REFERENCE.exec(value);
    if (!reference) return value;
    const certificate = this.byKey[reference[1]];
    if (certificate === undefined) throw new ValidationError(this.scope, `\`certificateArn\` "${value}" names no entry of dms.certificates`);
    return certificate.certificateArn;
  }

  /** `entry` with its `certificateArn` (if it has one) resolved by `arnOf`. */
  resolve<T extends object>(entry: T): T {
    const value = (entry as { certificateArn?: unknown }).certificateArn;
    return typeof value === "string" ? { ...entry, certificateArn: this.arnOf(value) } : entry;
  }
}
