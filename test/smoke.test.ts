import { describe, expect, it } from 'vitest';
import { lintTexts } from '../src/engine/lint.js';

describe('lintTexts', () => {
  it('reports SSH open to every address when a rule has no ipRange', () => {
    const group = {
      id: '11111111-1111-4111-8111-111111111111',
      name: 'web',
      rules: [
        { direction: 'ingress', protocol: { name: 'tcp', number: 6 }, portRange: { min: 22, max: 22 } },
        { direction: 'egress' },
        { direction: 'egress', ethertype: 'IPv6' },
      ],
    };
    const result = lintTexts([{ path: 'web.json', text: JSON.stringify(group, null, 2) }]);
    expect(result.findings.map((finding) => [finding.check, finding.message])).toEqual([
      [
        'ingress-sensitive-port-world',
        'tcp/22 (SSH) reachable from the world through every address (no ipRange)',
      ],
    ]);
  });
});
