import { IConstruct } from "constructs";
import { ValidationError } from "../../core/errors";
import { PathSegment } from "../../core/problem";
import { Rule } from "../../core/rules";
import { Token } from "cdktf";
import { ipv4CidrProblem } from "../../network/cidr-rules";
import { hostCidr } from "../../network/peer";
import { DmsSslMode } from "./endpoint";
import { EndpointLogin, loginNameMissingOrTwice } from "./endpoint-credentials";

/** DMS endpoint ids: letters, digits and single hyphens, starting with a letter, not ending with a hyphen. */
export const ENDPOINT_ID = /^[a-zA-Z](?!.*--)(?:[a-zA-Z0-9-]{0,253}[a-zA-Z0-9])?$/;

const IDENTIFIER_MESSAGE = "must be letters, digits and single hyphens, starting with a letter";

/** Where DMS may reach a source server: `allowedCidr`, or the server's own address; a host name needs `allowedCidr`. */
export function sourceCidr(scope: IConstruct, serverName: string, allowedCidr: string | undefined): string {
  const cidr = allowedCidr ?? hostCidr(serverName);
  if (cidr === undefined) throw new ValidationError(scope, `\`allowedCidr\` is ${sourceCidrMessage(serverName)}`);
  return cidr;
}

const sourceCidrMessage = (serverName: string) => `required when the server ("${serverName}") is a host name, to limit where DMS may connect`;

/**
 * The SSL modes each engine supports (AWS DMS user guide, "Using SSL with AWS DMS",
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html): SQL Server has no `verify-ca`,
 * PostgreSQL has them all.
 */
export const SUPPORTED_SSL_MODES = {
  sqlserver: ["none", "require", "verify-full"],
  postgres: ["none", "require", "verify-ca", "verify-full"],
} as const satisfies Record<string, readonly DmsSslMode[]>;

/** The DMS identifier rule (endpoints, tasks and replication configs share it) for the prop `prop`. */
export function identifierRule<T>(prop: keyof T & string): Rule<T> {
  return { path: [prop], when: (props) => typeof props[prop] !== "string" || !ENDPOINT_ID.test(props[prop] as string), message: IDENTIFIER_MESSAGE };
}

/** What the endpoint rules below read. */
interface EndpointLike {
  readonly endpointId: string;
  readonly sslMode?: DmsSslMode;
  readonly certificateArn?: string;
}

/** The rules every endpoint has: its id, and SSL modes of its engine with the certificate the `verify-*` modes need. */
export function endpointRules<T extends EndpointLike>(supportedSsl: readonly DmsSslMode[]): Rule<T>[] {
  return [
    identifierRule<T>("endpointId"),
    {
      path: ["sslMode"],
      when: (props) => props.sslMode !== undefined && !supported(supportedSsl, props.sslMode),
      message: `not supported by this engine; allowed: ${supportedSsl.join(", ")}`,
    },
    {
      path: ["certificateArn"],
      when: (props) => (props.sslMode === "verify-ca" || props.sslMode === "verify-full") && props.certificateArn === undefined,
      message: (props) => `required with \`sslMode: "${props.sslMode}"\` (the CA certificate imported into DMS)`,
    },
  ];
}

/**
 * An IPv4 address DMS cannot connect to a server at: 0.0.0.0/8 (this host), 127.0.0.0/8 (the replication instance
 * itself), 169.254.0.0/16 (link-local), 224.0.0.0/3 (multicast and reserved, broadcast included); RFC 6890.
 */
function unusableServerAddress(serverName: string): boolean {
  const cidr = hostCidr(serverName);
  if (cidr === undefined) return false;
  const [first, second] = serverName.split(".").map(Number);
  return first === 0 || first === 127 || (first === 169 && second === 254) || first >= 224;
}

const supported = (modes: readonly DmsSslMode[], mode: DmsSslMode) => modes.includes(mode);

const allowedCidrProblem = ({ allowedCidr }: ServerSourceLike) =>
  allowedCidr === undefined || Token.isUnresolved(allowedCidr) ? undefined : ipv4CidrProblem(allowedCidr);

/** What a source on a server of its own takes: where it runs, who DMS may reach, and the login. */
export interface ServerSourceLike {
  readonly serverName: string;
  readonly allowedCidr?: string;
  /** A peer given instead of `allowedCidr`. */
  readonly peer?: unknown;
  readonly credentials: EndpointLogin;
}

/**
 * Rules of a source on a server outside this project: a network to reach it in, and exactly one kind of login name.
 * `server` finds the server's fields in the props (at `prefix`); undefined when the props name no such server.
 */
export function serverSourceRules<T>(server: (props: T) => ServerSourceLike | undefined, prefix: readonly PathSegment[] = []): Rule<T>[] {
  const where = (props: T, check: (server: ServerSourceLike) => boolean) => {
    const found = server(props);
    return found !== undefined && check(found);
  };
  return [
    {
      path: [...prefix, "serverName"],
      when: (props) => where(props, (found) => unusableServerAddress(found.serverName)),
      message: "is not an address a server listens on (unspecified, loopback, link-local, multicast or broadcast); allowed: a host name or the server's IPv4 address",
    },
    {
      path: [...prefix, "allowedCidr"],
      when: (props) => where(props, (found) => found.allowedCidr === undefined && found.peer === undefined && hostCidr(found.serverName) === undefined),
      message: (props) => sourceCidrMessage(server(props)?.serverName ?? ""),
    },
    {
      // The network rule, here so a construct reports it with its other problems; the file check reports it once.
      path: [...prefix, "allowedCidr"],
      when: (props) => where(props, (found) => allowedCidrProblem(found) !== undefined),
      message: (props) => allowedCidrProblem(server(props) as ServerSourceLike) as string,
    },
    {
      path: [...prefix, "credentials"],
      when: (props) => where(props, (found) => loginNameMissingOrTwice(found.credentials)),
      message: "give exactly one login name: `username`, or the SSM parameter that holds it",
    },
  ];
}
