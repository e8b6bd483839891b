import { Construct } from "constructs";
import { Connections, IConnectable } from "../../../modules/network/connections";
import { Peer } from "../../../modules/network/peer";
import { PostgresDatabase } from "../../../modules/postgres/postgres-database";
import { postgresProps } from "../../helpers/fixtures";
import { blocks, logicalId, newStack, only, synth } from "../../helpers/synth";

/** A stand-in for another construct of the project with its own security group (a DMS instance, later). */
class Client extends Construct implements IConnectable {
  readonly connections: Connections;
  constructor(scope: Construct, id: string, securityGroupId: string) {
    super(scope, id);
    this.connections = new Connections(this, { securityGroupId });
  }
}

describe("Connections.allowDefaultPortFrom", () => {
  test("from a CIDR: one ingress rule on the database port, TCP, for that range only", () => {
    const stack = newStack();
    const db = new PostgresDatabase(stack, "Db", postgresProps({ port: 5002 }));
    db.connections.allowDefaultPortFrom(Peer.ipv4("10.20.0.0/16"), "Office VPN");
    const json = synth(stack);
    expect(only(json, "aws_vpc_security_group_ingress_rule")).toEqual({
      security_group_id: `\${aws_security_group.${logicalId(json, "aws_security_group")}.id}`,
      description: "Office VPN",
      ip_protocol: "tcp",
      from_port: 5002,
      to_port: 5002,
      cidr_ipv4: "10.20.0.0/16",
    });
    expect(blocks(json, "aws_vpc_security_group_egress_rule")).toHaveLength(0);
  });

  test("from another construct: ingress from its security group, and the matching egress on its side", () => {
    const stack = newStack();
    const db = new PostgresDatabase(stack, "Db", postgresProps());
    const client = new Client(stack, "Dms", "sg-0dddddddddddddddd");
    db.connections.allowDefaultPortFrom(client, "DMS replication instance");
    const json = synth(stack);
    const dbGroup = `\${aws_security_group.${logicalId(json, "aws_security_group")}.id}`;
    expect(only(json, "aws_vpc_security_group_ingress_rule")).toMatchObject({
      security_group_id: dbGroup,
      referenced_security_group_id: "sg-0dddddddddddddddd",
      from_port: 5432,
      to_port: 5432,
      ip_protocol: "tcp",
    });
    expect(only(json, "aws_vpc_security_group_egress_rule")).toMatchObject({
      security_group_id: "sg-0dddddddddddddddd",
      referenced_security_group_id: dbGroup,
      from_port: 5432,
      to_port: 5432,
      ip_protocol: "tcp",
    });
  });

  test("adds a rule once, however often it is asked for", () => {
    const stack = newStack();
    const db = new PostgresDatabase(stack, "Db", postgresProps());
    const client = new Client(stack, "Dms", "sg-0dddddddddddddddd");
    db.connections.allowDefaultPortFrom(client, "DMS");
    db.connections.allowDefaultPortFrom(client, "DMS");
    client.connections.allowToDefaultPort(db, "DMS");
    const json = synth(stack);
    expect(blocks(json, "aws_vpc_security_group_ingress_rule")).toHaveLength(1);
    expect(blocks(json, "aws_vpc_security_group_egress_rule")).toHaveLength(1);
  });

  test("from a security group known by id", () => {
    const stack = newStack();
    const db = new PostgresDatabase(stack, "Db", postgresProps());
    db.connections.allowDefaultPortFrom(Peer.securityGroup("sg-0eeeeeeeeeeeeeeee", "bastion"), "Bastion");
    expect(only(synth(stack), "aws_vpc_security_group_ingress_rule").referenced_security_group_id).toBe("sg-0eeeeeeeeeeeeeeee");
  });

  test("refuses when the construct has no default port", () => {
    const stack = newStack();
    const client = new Client(stack, "Dms", "sg-0dddddddddddddddd");
    expect(() => client.connections.allowDefaultPortFrom(Peer.ipv4("10.0.0.0/16"), "x")).toThrow(/test\/Dms: has no default port/);
  });
});

describe("Connections.allowTo", () => {
  test("to a CIDR on one port writes only an egress rule", () => {
    const stack = newStack();
    const client = new Client(stack, "Dms", "sg-0dddddddddddddddd");
    client.connections.allowTo(Peer.ipv4("10.80.1.5/32"), 1433, "SQL Server source");
    const json = synth(stack);
    expect(only(json, "aws_vpc_security_group_egress_rule")).toMatchObject({
      security_group_id: "sg-0dddddddddddddddd",
      cidr_ipv4: "10.80.1.5/32",
      from_port: 1433,
      to_port: 1433,
    });
    expect(blocks(json, "aws_vpc_security_group_ingress_rule")).toHaveLength(0);
  });

  test("refuses a port outside 1-65535", () => {
    const stack = newStack();
    const client = new Client(stack, "Dms", "sg-0dddddddddddddddd");
    expect(() => client.connections.allowTo(Peer.ipv4("10.0.0.1/32"), 0, "x")).toThrow(/port 0 is not a TCP port/);
  });
});

describe("Peer", () => {
  test("refuses a range of every address", () => {
    expect(() => Peer.ipv4("0.0.0.0/0")).toThrow(/would allow every address/);
  });

  test("refuses something that is not a CIDR block", () => {
    expect(() => Peer.ipv4("10.0.0.1")).toThrow(/"10.0.0.1" is not an IPv4 CIDR block/);
  });
});
