import { describe, expect, it } from 'vitest';

import { SvgMarkupError, safeSvg } from './safeSvg';

const HEADER = `<?xml version='1.0' encoding='iso-8859-1'?>
<svg version='1.1' baseProfile='full' xmlns='http://www.w3.org/2000/svg' xmlns:rdkit='http://www.rdkit.org/xml'
  xml:space='preserve' width='200px' height='150px' viewBox='0 0 200 150'>
<!-- END OF HEADER -->
<rect style='opacity:1.0;fill:#FFFFFF;stroke:none' width='200.0' height='150.0' x='0.0' y='0.0'> </rect>
`;

const svg = (inner: string) => `${HEADER}${inner}\n</svg>\n`;

describe('safeSvg', () => {
  it('reads the size and turns style declarations into presentation attributes', () => {
    const out = safeSvg(
      svg(
        `<path class='bond-0 atom-0 atom-1' d='M 1,2 L 3,4' style='fill:none;stroke:#FF0000;stroke-width:2.0px' />`,
      ),
    );
    expect(out).toMatchObject({ width: 200, height: 150, viewBox: '0 0 200 150' });
    expect(out.body).toBe(
      '<path class="rdkit-bond-0 rdkit-atom-0 rdkit-atom-1" d="M 1,2 L 3,4" fill="none" stroke="#FF0000" stroke-width="2.0px"/>',
    );
  });

  it('leaves out the background, scripts, handlers, links and unknown elements', () => {
    const out = safeSvg(
      svg(
        `<script>alert(1)</script><a href='javascript:x'><path d='M 0 0'/></a>` +
          `<ellipse cx='1' cy='2' rx='3' ry='4' onclick='alert(1)' style='fill:url(https://x)' />` +
          `<metadata><rdkit:mol/></metadata>`,
      ),
    );
    expect(out.body).toBe('<ellipse cx="1" cy="2" rx="3" ry="4"/>');
  });

  it('escapes what it keeps', () => {
    const out = safeSvg(svg(`<text x='1' y='2' fill='#000'>a&lt;b &amp; "c"</text>`));
    expect(out.body).toBe('<text x="1" y="2" fill="#000">a&lt;b &amp; &quot;c&quot;</text>');
  });

  it('refuses markup it cannot read', () => {
    expect(() => safeSvg('<path d="M 0 0"/>')).toThrow(SvgMarkupError);
    expect(() => safeSvg(svg('<g><path d="M 0 0"/>'))).toThrow(SvgMarkupError);
    expect(() => safeSvg(svg('<path d="M 0 0"/> < oops'))).toThrow(SvgMarkupError);
  });
});
