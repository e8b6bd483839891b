import { Construct } from "constructs";
import { Token } from "cdktf";
import { DmsCertificate as DmsCertificateResource } from "@cdktf/provider-aws/lib/dms-certificate";
import { ProjectEnvironment, projectTags } from "../core/project-environment";
import { useProvider } from "../core/provider-scope";
import { Problem } from "../core/problem";
import { validateWith } from "../core/rules";
import { claimAwsName } from "../core/unique-names";
import { ENDPOINT_ID } from "./endpoints/endpoint-rules";

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
