/** A list endpoint of the IaaS API v2 below `/v2/projects/{projectId}/regions/{region}/`. */
export interface Endpoint {
  /** Path and query below the region, e.g. `servers?details=true`. */
  path: string;
  /** IAM action the endpoint requires (`x-stackit-authorization` in the OpenAPI document). */
  action: string;
  /** What it lists, for progress lines. */
  label: string;
}

/** ListSecurityGroups. */
export const SECURITY_GROUPS: Endpoint = {
  path: 'security-groups',
  action: 'iaas.security-group.list',
  label: 'security groups',
};

/** ListProjectNICs. */
export const NICS: Endpoint = { path: 'nics', action: 'iaas.nic.list', label: 'NICs' };

/** ListServers with details, so each server carries its `nics` (ServerNetwork). */
export const SERVERS: Endpoint = {
  path: 'servers?details=true',
  action: 'iaas.server.list',
  label: 'servers',
};

/** ListPublicIPs. */
export const PUBLIC_IPS: Endpoint = {
  path: 'public-ips',
  action: 'iaas.public-ip.list',
  label: 'public IPs',
};

/** ListSecurityGroupRules of one group. */
export function securityGroupRules(groupId: string): Endpoint {
  return {
    path: `security-groups/${encodeURIComponent(groupId)}/rules`,
    action: 'iaas.security-group.rule.list',
    label: `rules of security group ${groupId}`,
  };
}
